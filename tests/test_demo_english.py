"""The English of the demo: every article translated, every tag named, and the numbers the same as the Chinese.

The translations (fixtures/curated.py and fixtures/english/) are checked here
as the fixture files hold them, and once loaded with ``load_demo``.
"""

import html
import json
import re
from decimal import Decimal
from functools import cache
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from taggit.models import Tag

from content.models import TagEnglish
from news.models import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ENGLISH_FIELDS = ("title_en", "summary_en", "body_en")


@cache
def fixture_items():
    items = []
    for path in sorted(FIXTURES.glob("*.json")):
        items.extend(json.loads(path.read_text(encoding="utf-8")))
    return tuple(items)


def items(model):
    return [item["fields"] for item in fixture_items() if item["model"] == model]


def articles():
    return items("news.article")


def plain(text):
    return html.unescape(re.sub(r"<[^>]+>", "\n", text))


# --- numbers ---------------------------------------------------------------------------------
#
# A number is compared by its value, after the conversions below, and by the strength of the claim
# made about it; each side is read by one rule.
#
# Chinese: Arabic digits, with 万 (10,000) or 亿 (100 million) right after them or after 余/多
# ("1.5万" is 15000, "50多亿" is 5000000000, "100余万" is 1000000); 过亿/超亿 ("over a hundred
# million") is 100000000. Numbers the Chinese writes in characters (三期, 百余位, 第十四个) are
# written in words in English ("three phases", "more than a hundred", "fourteenth") and are not
# compared: the rule is that digits stay digits and characters become words.
#
# English: digits with thousands commas ("15,000"), decimals, "million" or "billion" after them
# ("CNY 2.5 billion" is 2500000000), ordinals ("16th" is 16, as 第16名 is), and month names
# ("22 September" gives 9 and 22, as 9月22日 does). Percentages are their number on both sides
# ("65.71%"); a time "9:28" is 9 and 28, as 9时28分 is.
#
# The claim: 超/超过/逾/过 before the number, 余/多 after it or 以上 after its unit is "more than"
# (or "over"); 约 or 左右 is "about"; 近 is "nearly"; 不到 is "less than". A number said to be
# "more than" in one language is "more than" in the other.

CHINESE_UNITS = {"万": Decimal(10**4), "亿": Decimal(10**8)}
ENGLISH_UNITS = {"thousand": Decimal(10**3), "million": Decimal(10**6), "billion": Decimal(10**9)}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
CHINESE_CLAIMS = {"超过": "over", "超": "over", "逾": "over", "过": "over", "余": "over", "多": "over", "以上": "over",
                  "约": "about", "左右": "about", "近": "nearly", "不到": "under"}  # fmt: skip
ENGLISH_CLAIMS = {"more than": "over", "over": "over", "about": "about", "nearly": "nearly", "less than": "under"}
CHINESE_NUMBER = re.compile(r"(超过|不到|超|逾|过|约|近)?(\d+(?:\.\d+)?)(余|多)?(万|亿)?(?:元|美元)?(以上|左右)?")
CHINESE_BARE_UNIT = re.compile(r"(超过|超|过)亿")
ENGLISH_NUMBER = re.compile(
    r"(?:\b(more than|over|about|nearly|less than)\s+(?:CNY |USD )?)?"
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?(?:\s+(thousand|million|billion)\b)?"
)
ENGLISH_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")


def chinese_claims(text):
    """``(value, claim)`` for every number in ``text``; claim is "over", "about", "nearly", "under" or ""."""
    text = plain(text)
    found = {
        (Decimal(number) * CHINESE_UNITS.get(unit, 1), CHINESE_CLAIMS.get(before or after or behind, ""))
        for before, number, after, unit, behind in CHINESE_NUMBER.findall(text)
    }
    found.update((CHINESE_UNITS["亿"], "over") for _ in CHINESE_BARE_UNIT.finditer(text))
    return {(value.normalize(), claim) for value, claim in found}


def english_claims(text):
    text = plain(text)
    found = {
        (Decimal(whole.replace(",", "") + fraction) * ENGLISH_UNITS.get(unit, 1), ENGLISH_CLAIMS.get(claim, ""))
        for claim, whole, fraction, unit in ENGLISH_NUMBER.findall(text)
    }
    found.update((Decimal(MONTHS.index(month) + 1), "") for month in ENGLISH_MONTH.findall(text))
    return {(value.normalize(), claim) for value, claim in found}


def chinese_numbers(text):
    return {value for value, _claim in chinese_claims(text)}


def english_numbers(text):
    return {value for value, _claim in english_claims(text)}


def qualified(claims):
    return {(value, claim) for value, claim in claims if claim}


@pytest.mark.parametrize(
    ("chinese", "english", "value"),
    [
        ("总投资25亿元", "CNY 2.5 billion", "2500000000"),
        ("实现收入5.53亿元", "CNY 553 million", "553000000"),
        ("员工总数超1.5万", "more than 15,000 employees", "15000"),
        ("建筑面积100余万平方米", "more than 1 million square metres", "1000000"),
        ("总投资50多亿", "more than CNY 5 billion", "5000000000"),
        ("税收过亿元楼宇", "more than CNY 100 million in tax", "100000000"),
        ("注册资金1000万美元以上", "more than USD 10 million", "10000000"),
        ("综合排名位列第16名", "ranked 16th", "16"),
        ("占比超70%", "more than 70%", "70"),
        ("总面积15000平方米", "15,000 square metres", "15000"),
    ],
)
def test_units_are_converted_the_same_way_on_both_sides(chinese, english, value):
    assert chinese_numbers(chinese) == english_numbers(english) == {Decimal(value).normalize()}


@pytest.mark.parametrize(
    ("chinese", "english", "value", "claim"),
    [
        ("青岛天安科创城总投资约75亿元", "with a total investment of about CNY 7.5 billion", "7500000000", "about"),
        ("计划总投资582亿元以上", "a planned total investment of more than CNY 58.2 billion", "58200000000", "over"),
        ("20多位青深企业家", "more than 20 entrepreneurs", "20", "over"),
        ("旗下目前已有近300家分子公司", "it now has nearly 300 subsidiaries", "300", "nearly"),
        ("用时不到4个月", "In less than 4 months", "4", "under"),
        ("估值过亿元企业", "companies valued at over CNY 100 million", "100000000", "over"),
        ("已经入驻企业510家", "now home to 510 companies", "510", ""),
    ],
)
def test_the_strength_of_a_claim_is_read_the_same_way_on_both_sides(chinese, english, value, claim):
    assert chinese_claims(chinese) == english_claims(english) == {(Decimal(value).normalize(), claim)}


def test_dates_and_times_give_the_same_numbers_on_both_sides():
    assert chinese_numbers("2020年12月签约") == english_numbers("in December 2020") == {Decimal(2020), Decimal(12)}
    assert (
        chinese_numbers("3月27日至28日") == english_numbers("From 27 to 28 March") == {Decimal(n) for n in (3, 27, 28)}
    )
    assert chinese_numbers("昨日上午9时28分") == english_numbers("At 9:28 a.m. yesterday") == {Decimal(9), Decimal(28)}
    assert chinese_numbers("股票代码2121.HK") == english_numbers("stock code 2121.HK") == {Decimal(2121)}


def test_every_article_has_an_english_title_summary_and_body():
    assert len(articles()) == 5
    for fields in articles():
        for name in ENGLISH_FIELDS:
            assert fields[name].strip(), (fields["slug"], name)


def test_each_english_number_is_in_the_chinese_and_each_chinese_number_in_the_english():
    for fields in articles():
        chinese = chinese_numbers(fields["title"] + "\n" + fields["summary"] + "\n" + fields["body"])
        english = english_numbers("\n".join(fields[name] for name in ENGLISH_FIELDS))
        assert english <= chinese, f"{fields['slug']}: in the English only: {sorted(english - chinese)}"
        body_missing = chinese_numbers(fields["body"]) - english_numbers(fields["body_en"])
        assert not body_missing, f"{fields['slug']}: in the Chinese body only: {sorted(body_missing)}"
        assert chinese_numbers(fields["title"]) <= english_numbers(fields["title_en"]), fields["slug"]


def test_more_than_about_and_nearly_are_kept_as_the_chinese_says():
    for fields in articles():
        chinese = qualified(chinese_claims(fields["title"] + "\n" + fields["summary"] + "\n" + fields["body"]))
        english = qualified(english_claims("\n".join(fields[name] for name in ENGLISH_FIELDS)))
        assert english <= chinese, f"{fields['slug']}: claimed in the English only: {sorted(english - chinese)}"
        body_missing = qualified(chinese_claims(fields["body"])) - qualified(english_claims(fields["body_en"]))
        assert not body_missing, f"{fields['slug']}: claimed in the Chinese body only: {sorted(body_missing)}"


def test_the_english_body_has_the_same_blocks_in_the_same_order():
    blocks = re.compile(r"<(p|h2|h3|h4|ul|ol|li|blockquote|figure|figcaption|table|tr)\b")
    for fields in articles():
        assert blocks.findall(fields["body_en"]) == blocks.findall(fields["body"]), fields["slug"]


# --- Chinese in English text ------------------------------------------------------------------

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# CJK symbols and punctuation (、。《》「」【】…), full-width forms (，：；！？（）), and the marks Chinese
# text uses that English text here writes in ASCII: curly quotes, the ellipsis, the dash, the middle dot.
CHINESE_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff00-\uffef“”‘’…—·]")


def english_texts():
    for fields in articles():
        for name in ENGLISH_FIELDS:
            yield f"{fields['slug']} {name}", plain(fields[name])
    for fields in items("content.tagenglish"):
        yield f"tag {fields['tag'][0]}", fields["name_en"]


def test_english_text_has_han_characters_only_in_parentheses():
    for where, text in english_texts():
        outside = re.sub(r"\([^()]*\)", "", text)
        assert not HAN.search(outside), f"{where}: {HAN.search(outside)[0]!r} outside parentheses"


def test_english_text_has_no_chinese_punctuation():
    for where, text in english_texts():
        match = CHINESE_PUNCTUATION.search(text)
        assert not match, f"{where}: {match[0]!r} in “{text[max(0, match.start() - 30) : match.end() + 30]}”"


# --- tags ----------------------------------------------------------------------------------------


def test_every_tag_has_an_english_name():
    names = {fields["name"] for fields in items("taggit.tag")}
    english = {fields["tag"][0]: fields["name_en"] for fields in items("content.tagenglish")}
    assert set(english) == names
    assert all(name.strip() for name in english.values())
    assert len(set(english.values())) == len(english), "two tags with one English name"


# --- loading -------------------------------------------------------------------------------------


def load():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_loads_the_english_and_loading_again_changes_nothing():
    out = load()
    assert "22 English tag names" in out
    loaded = list(Article.objects.values_list("slug", *ENGLISH_FIELDS))
    assert len(loaded) == 5
    for slug, *english in loaded:
        assert all(value.strip() for value in english), slug
    assert TagEnglish.objects.count() == Tag.objects.count() == 22
    assert Tag.objects.get(name="人工智能").english.name_en == "Artificial intelligence"

    out = load()
    assert "Added nothing" in out
    assert list(Article.objects.values_list("slug", *ENGLISH_FIELDS)) == loaded
    assert TagEnglish.objects.count() == 22


@pytest.mark.django_db
def test_a_tag_already_named_in_english_keeps_its_name():
    tag = Tag.objects.create(name="人工智能")
    TagEnglish.objects.create(tag=tag, name_en="AI")
    load()
    assert TagEnglish.objects.get(tag=tag).name_en == "AI"
    assert TagEnglish.objects.count() == 22
