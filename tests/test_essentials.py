"""What an investor looks for first on a park page and card, and how staff find the parks that still lack it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.helpers import make_article, make_enterprise, make_park

pytestmark = pytest.mark.django_db

PARKS = reverse("admin:parks_park_changelist")


def full_park(**fields):
    source = make_article(title="高新区规划面积公布")
    values = dict(
        name="青岛高新技术产业开发区", name_en="Qingdao Hi-tech Zone", address="青岛市城阳区智力岛路1号",
        land_area_km2=Decimal("63.4"), floor_area_m2=Decimal("120000"), area_source=source,
        contact_phone="0532-00000000", contact_email="invest@example.gov.cn", website="https://www.example.gov.cn/", established_year=1992, established_month=5,
        latitude=Decimal("36.300100"), longitude=Decimal("120.400200"),
    )  # fmt: skip
    values.update(fields)
    return make_park(**values), source


@pytest.mark.parametrize(("prefix", "established"), [("", "1992年5月"), ("/en", "May 1992")])
def test_the_park_page_shows_its_essentials_with_the_source_of_the_areas(client, prefix, established):
    park, source = full_park()
    source_url = source.get_absolute_url()
    text = client.get(prefix + park.get_absolute_url()).text
    for shown in ("63.4 km²", "120,000 m²", "0532-00000000", "https://www.example.gov.cn/", established):
        assert shown in text
    assert "1992-05" not in text.split('class="profile-facts"')[1].split("</aside>")[0]
    assert text.count(f'class="fact-source" href="{prefix}{source_url}"') == 2
    # The Chinese address is marked as Chinese, so an English page reads it right.
    assert '<span lang="zh-Hans">青岛市城阳区智力岛路1号</span>' in text
    # A link to a public map, built from the stored coordinates; nothing is loaded from it.
    map_url = "https://www.openstreetmap.org/?mlat=36.3001&amp;mlon=120.4002#map=15/36.3001/120.4002"
    assert f'class="map-link" href="{map_url}"' in text
    assert "openstreetmap" not in "".join(
        line for line in text.splitlines() if "<script" in line or "<img" in line or "<link" in line
    )


def test_an_unpublished_source_is_not_linked_and_missing_facts_are_left_out(client):
    park, source = full_park(area_source=make_article(title="草稿", published=False), latitude=None)
    text = client.get(park.get_absolute_url()).text
    assert "63.4 km²" in text and "fact-source" not in text
    assert "map-link" not in text
    bare = make_park(name="青岛蓝谷")
    text = client.get(bare.get_absolute_url()).text
    for absent in ("km²", "map-link", "Address", "地址"):
        assert absent not in text.split('class="profile-facts"')[1].split("</aside>")[0]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_park_card_shows_the_address_and_land_area(client, prefix):
    full_park()
    text = client.get(prefix + "/parks/").text
    assert '<p class="card-facts"><span lang="zh-Hans">青岛市城阳区智力岛路1号</span>' in text
    assert "63.4 km²" in text


@pytest.mark.parametrize(
    "choice, expected",
    [
        ("complete", ["青岛高新技术产业开发区"]),
        ("address", ["青岛蓝谷"]),
        ("area", ["青岛蓝谷"]),
        ("contact", ["青岛国际创新园", "青岛蓝谷"]),
        ("website", ["青岛蓝谷"]),
        ("coordinates", ["青岛国际创新园", "青岛蓝谷"]),
    ],
)
def test_staff_find_the_parks_missing_essentials(admin_client, choice, expected):
    full_park()
    full_park(name="青岛国际创新园", name_en="", contact_phone="", contact_email="", latitude=None, area_source=None)
    make_park(name="青岛蓝谷")
    response = admin_client.get(f"{PARKS}?essentials={choice}")
    assert response.status_code == 200
    assert sorted(str(park) for park in response.context["cl"].result_list) == expected


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_essentials_filter_is_offered_in_both_languages(admin_client, prefix):
    text = admin_client.get(prefix + PARKS).text
    assert "?essentials=coordinates" in text
    assert ("Missing coordinates" if prefix else "缺少坐标") in text


@pytest.mark.parametrize(
    ("prefix", "label", "other"), [("", "总面积", "建筑面积"), ("/en", "Total area", "Floor area")]
)
def test_a_total_area_is_shown_as_a_total_area_not_a_floor_area(client, prefix, label, other):
    # A source that says 总面积 (青岛以色列国际客厅: "总面积15000平方米") gives neither floor nor land area.
    park, source = full_park(
        name="青岛以色列国际客厅", land_area_km2=None, floor_area_m2=None, total_area_m2=Decimal("15000")
    )
    text = client.get(prefix + park.get_absolute_url()).text
    facts = text.split('class="profile-facts"')[1].split("</aside>")[0]
    assert f"<dt>{label}</dt><dd>15,000 m²" in facts
    assert other not in facts
    assert facts.count('class="fact-source"') == 1
    card = client.get(prefix + "/parks/").text
    assert f"{label} 15,000 m²" in card


def test_a_park_with_only_a_total_area_is_not_missing_its_area(admin_client):
    full_park(name="青岛以色列国际客厅", land_area_km2=None, floor_area_m2=None, total_area_m2=Decimal("15000"))
    make_park(name="青岛蓝谷")
    response = admin_client.get(f"{PARKS}?essentials=area")
    assert [str(park) for park in response.context["cl"].result_list] == ["青岛蓝谷"]


@pytest.mark.parametrize(
    ("prefix", "month_known", "year_only"),
    [("", "成立于2018年3月", "成立于1993年"), ("/en", "founded March 2018", "founded 1993")],
)
def test_founding_dates_read_as_each_language_writes_them(client, prefix, month_known, year_only):
    # Sources give a year, or a year and a month (创新奇智 2018-03, 大北农 1993): never a made-up day.
    month = make_enterprise(name="青岛创新奇智科技集团股份有限公司", founded_year=2018, founded_month=3)
    make_enterprise(name="北京大北农科技集团股份有限公司", founded_year=1993)
    url = month.get_absolute_url()  # before a request switches the language
    cards = client.get(prefix + "/enterprises/").text
    assert month_known in cards and year_only in cards and "2018-03" not in cards
    page = client.get(prefix + url).text
    assert month_known.split(" ", 1)[-1].removeprefix("成立于") in page
