"""The English of the demo: every article translated, every tag named, and the numbers the same as the Chinese.

The translations (fixtures/curated.py and fixtures/english/) are checked here
as the fixture files hold them, and once loaded with ``load_demo``.
"""

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
from tests.fixture_modules import fixtures_module

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ENGLISH_FIELDS = ("title_en", "summary_en", "body_en")
provenance = fixtures_module("provenance")
plain = provenance.plain


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


# --- numbers ---------------------------------------------------------------------------------
#
# A number is compared by its value, after the conversions of fixtures/provenance.py (which the
# provenance tests share), and by the strength of the claim made about it; each side is read by one
# rule: Arabic digits with 万 or 亿 on the Chinese side, digits with "million" or "billion" on the
# English side, months by name, and 超/余/多/以上 as "more than", 约/左右 as "about", 近 as "nearly",
# 不到 as "less than". Numbers the Chinese writes in characters (三期, 百余位, 第十四个) are written
# in words in English ("three phases", "more than a hundred", "fourteenth") and are not compared
# here: the rule is that digits stay digits and characters become words.

chinese_claims = provenance.chinese_claims
english_claims = provenance.english_claims


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
