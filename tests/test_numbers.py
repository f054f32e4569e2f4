"""Figures in each language's conventions: Chinese pages keep the source's 万 and 亿, English pages convert.

The rules live in content/numbers.py; these tests hold the issue's examples,
the page both languages see, and every figure of the demo fixtures.
"""

import html
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from content.numbers import english_figure, english_number, understands
from parks.models import Enterprise, Park, ParkFigure
from parks.templatetags.parks import figure_value
from tests.helpers import make_park
from tests.public_helpers import make_park_figure

HAN = re.compile(r"[\u3400-\u9fff]")
FIGURE_ROW = re.compile(r'<th scope="row"[^>]*>(.*?)</th>\s*<td class="num[^"]*">(.*?)</td>', re.S)


@pytest.mark.parametrize(
    "value, unit, english",
    [
        # The examples.
        ("25", "亿元", "CNY 2.5 billion"),
        ("1.5", "万", "15,000"),
        ("326", "家", "326 companies"),
        ("1", "家", "1 company"),
        ("3000", "万元", "CNY 30 million"),
        ("0.5", "亿", "50 million"),
        ("12.34", "万平方米", "123,400 m²"),
        ("16", "名", "16 people"),
        ("2.5", "%", "2.5%"),
        # Other currencies and compound units.
        ("1.2", "万美元", "USD 12,000"),
        ("3", "亿美元", "USD 300 million"),
        ("500", "万元", "CNY 5 million"),
        ("1200.5", "亿元", "CNY 120.05 billion"),
        ("1", "万亿元", "CNY 1 trillion"),
        ("120", "万平方米", "1.2 million m²"),
        ("3.5", "万人", "35,000 people"),
        ("1", "名", "1 person"),
        ("20", "万吨/年", "200,000 tonnes a year"),
        ("2", "亿千瓦时", "200 million kWh"),
        ("3", "千瓦时", "3 kWh"),  # 千瓦 is a unit of its own, not 千 × 瓦
        ("5", "千万元", "CNY 50 million"),  # 千万 is one multiplier, not 千 then 万
        ("12.5", "平方公里", "12.5 km²"),
        ("86", "亩", "86 mu"),
        ("5", "栋", "5 buildings"),
        ("14", "个", "14"),  # a classifier: the label names the thing
        ("100", "P", "100 P"),  # already English
        ("-3.2", "%", "-3.2%"),
    ],
)
def test_units_convert_for_english_readers(value, unit, english):
    assert english_figure(Decimal(value), unit) == english
    assert understands(unit)


@pytest.mark.parametrize(
    "value, english",
    [
        ("999999", "999,999"),
        ("1000000", "1 million"),
        ("1234000", "1.234 million"),
        ("1234500", "1,234,500"),  # a scale word would need four decimals: written in full, never rounded
        ("2500000000", "2.5 billion"),
        ("0.0001", "0.0001"),
    ],
)
def test_scale_words_only_where_exact(value, english):
    assert english_number(Decimal(value)) == english


def test_an_english_unit_of_the_editor_wins_and_takes_the_number_as_entered():
    assert english_figure(Decimal("100"), "P", "PFLOPS") == "100 PFLOPS"
    assert english_figure(Decimal("16"), "名", "of 157") == "16 of 157"
    assert english_figure(Decimal("25"), "亿元", "billion yuan") == "25 billion yuan"  # no multiplier applied
    assert english_figure(Decimal("2.5"), "个百分点", "%") == "2.5%"


def test_an_unknown_unit_gives_the_number_alone_never_chinese():
    assert not understands("台套")
    assert english_figure(Decimal("1500"), "台套") == "1,500"
    assert english_figure(Decimal("1500"), "台套", "sets") == "1,500 sets"


@pytest.mark.parametrize(
    "value, qualifier, unit, chinese, english",
    [
        ("10", "about", "亿元", "约 10亿元", "about CNY 1 billion"),
        ("200", "over", "家", "超过 200家", "more than 200 companies"),
        ("326", "", "家", "326家", "326 companies"),
        ("25", "", "亿元", "25亿元", "CNY 2.5 billion"),
        ("1.5", "over", "万", "超过 1.5万", "more than 15,000"),
        ("3000", "under", "万元", "不足 3,000万元", "less than CNY 30 million"),
    ],
)
def test_chinese_keeps_the_source_form_and_english_converts(value, qualifier, unit, chinese, english):
    figure = ParkFigure(label="x", value=Decimal(value), qualifier=qualifier, unit=unit)
    with translation.override("zh-hans"):
        assert figure_value(figure) == chinese
    with translation.override("en"):
        assert figure_value(figure) == english


def figures_on(client, url):
    """The (label, value) rows of a page's figure table, as a visitor reads them."""
    response = client.get(url)
    assert response.status_code == 200
    return [(html.unescape(label), html.unescape(value)) for label, value in FIGURE_ROW.findall(response.text)]


@pytest.mark.django_db
def test_a_park_page_in_both_languages(client):
    park = make_park(name="青岛国际创新园")
    make_park_figure(park, label="税收", label_en="Tax revenue", value="10", unit="亿元", qualifier="about")
    make_park_figure(park, label="员工总数", label_en="Employees", value="1.5", unit="万", qualifier="over")
    make_park_figure(park, label="高新技术企业", label_en="High-tech enterprises", value="326", unit="家")
    make_park_figure(park, label="总面积", label_en="Floor area", value="12.34", unit="万平方米")
    make_park_figure(park, label="算力", label_en="Computing power", value="100", unit="P", unit_en="PFLOPS")

    assert figures_on(client, park.get_absolute_url()) == [
        ("税收", "约 10亿元"),
        ("员工总数", "超过 1.5万"),
        ("高新技术企业", "326家"),
        ("总面积", "12.34万平方米"),
        ("算力", "100P"),
    ]
    assert figures_on(client, "/en" + park.get_absolute_url()) == [
        ("Tax revenue", "about CNY 1 billion"),
        ("Employees", "more than 15,000"),
        ("High-tech enterprises", "326 companies"),
        ("Floor area", "123,400 m²"),
        ("Computing power", "100 PFLOPS"),
    ]


@pytest.mark.django_db
def test_every_demo_figure_reads_in_english_without_chinese_and_in_chinese_as_its_source(client):
    call_command("load_demo", stdout=StringIO())
    pages = [(park, park.get_absolute_url()) for park in Park.objects.prefetch_related("figures")]
    pages += [
        (enterprise, enterprise.get_absolute_url()) for enterprise in Enterprise.objects.prefetch_related("figures")
    ]
    shown = 0
    for owner, url in pages:
        figures = list(owner.figures.all())
        english = figures_on(client, "/en" + url)
        chinese = figures_on(client, url)
        assert len(english) == len(chinese) == len(figures), url
        for figure, (_, english_value), (_, chinese_value) in zip(figures, english, chinese, strict=True):
            # A unit the converter does not know would show as a bare number: it needs an English unit.
            assert figure.unit_en or understands(figure.unit), (url, figure.label, figure.unit)
            assert not HAN.search(english_value), (url, figure.label, english_value)
            assert chinese_value.endswith(f"{figure.value.normalize():,f}{figure.unit}"), (url, chinese_value)
            shown += 1
    assert shown == 54 + 26  # fixtures/README.md's counts


def test_the_benchmark_generator_uses_units_english_pages_convert():
    # Its figures are bulk-inserted without the model's clean(), so nothing else would notice.
    from demo.scale.vocabulary import ENTERPRISE_FIGURES, PARK_FIGURES

    assert [unit for _, _, unit, _ in PARK_FIGURES + ENTERPRISE_FIGURES if not understands(unit)] == []
