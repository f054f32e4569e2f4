"""Provenance: every number, date, code, area and name in the demo fixtures stands in the five seeds.

The checks live in fixtures/provenance.py (its docstring has the table of
conversion rules: 25亿元 is CNY 2.5 billion, 2020年7月 is July 2020, 三 is three,
...) and of words of strength ("main" needs 主要 or 重点 in the seed); each
returns a list of problems. Here they run on the committed fixture
files and seeds (no database: a few hundred milliseconds), and on copies with
a planted error, to prove that they report exactly that error.

Complements tests/test_fixtures.py, which checks that every article paragraph
is in its seed, that every figure's value, unit and qualifier is written in
its source article, and that every park and enterprise is named by an article.
"""

import copy
from functools import cache

import pytest

from tests.fixture_modules import FIXTURES, fixtures_module

provenance = fixtures_module("provenance")
checklist = fixtures_module("checklist")
Item = checklist.Item

SEEDS = FIXTURES / "sources"

# Problems today's fixtures have, each with the reason it is a real problem. The data is fixed in
# fixtures/curated.py (issue 17, item 3); then the entry goes: test_each_known_problem_is_still_there fails
# until it does, so the list cannot outlive the problem.
KNOWN_PROBLEMS = {}


@cache
def sources():
    return provenance.Sources(provenance.read_fixtures(FIXTURES), provenance.read_seeds(SEEDS))


def all_problems(source=None, items=()):
    source = source or sources()
    return (
        provenance.check_text_numbers(source)
        + provenance.check_strength(source)
        + provenance.check_figure_years(source)
        + provenance.check_traced_fields(source, checklist.ITEMS)
        + provenance.check_names(source)
        + provenance.check_checklist(source, [*checklist.ITEMS, *items], checklist.KINDS)
        + provenance.check_article_dates(source, (FIXTURES / "README.md").read_text(encoding="utf-8"))
    )


def unknown(problems):
    return [problem for problem in problems if problem not in KNOWN_PROBLEMS]


def changed(edit):
    """Sources over a copy of the fixture rows after ``edit(rows)``: the seeds are the real ones."""
    rows = copy.deepcopy(sources().rows)
    edit(rows)
    return provenance.Sources(rows, sources().raw_seeds)


def entity(rows, model, name):
    (fields,) = [r["fields"] for r in rows if r["model"] == model and (r["fields"].get("name") or r["fields"].get("title")) == name]  # fmt: skip
    return fields


def planted(check, edit, *args):
    """What ``check`` reports on the edited copy that it does not report on the committed files."""
    before = check(sources(), *args)
    return [problem for problem in check(changed(edit), *args) if problem not in before]


# --- the conversion rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chinese", "english", "values"),
    [
        ("总投资25亿元", "CNY 2.5 billion", {"2500000000"}),
        ("总投资25亿元", "a 2.5-billion-yuan fund", {"2500000000"}),
        ("员工1.5万", "15,000 employees", {"15000"}),
        ("总面积15000平方米", "15,000 square metres", {"15000"}),
        ("位列第16名", "ranked 16th", {"16"}),
        ("分三期投入", "in three phases", {"3"}),
        ("十大国家级双跨平台", "the ten national platforms", {"10"}),
        ("连续6年", "six years running", {"6"}),
        ("占比超70%", "more than 70%", {"70"}),
    ],
)
def test_numbers_read_the_same_in_both_languages(chinese, english, values):
    expected = {provenance.Decimal(value) for value in values}
    assert (
        {v for v, _ in provenance.text_claims(chinese)} == {v for v, _ in provenance.text_claims(english)} == expected
    )


def test_dates_are_year_and_month_together_and_relative_dates_take_the_seeds_year():
    assert provenance.text_dates("2020年7月开门纳客") == provenance.text_dates("open since July 2020") == {(2020, 7)}
    assert provenance.text_dates("on 22 September 2022") == {(2022, 9)}
    # 002 was written in 2022 and 004 in 2022 (fixtures/README.md): 9月22日 is 2022, 去年5月 is 2021.
    assert provenance.seed_dates("002", "9月22日,青岛虚拟现实产业园揭牌") == {(2022, 9)}
    assert provenance.seed_dates("004", "去年5月,海克斯康大中华区正式入驻") == {(2021, 5)}
    assert provenance.seed_dates("000", "昨日上午9时28分") == {(2022, 1)}


def test_claims_read_the_same_in_both_languages():
    assert provenance.text_claims("总投资约75亿元") == provenance.text_claims("about CNY 7.5 billion")
    assert provenance.text_claims("百余位企业家") == provenance.text_claims("more than a hundred entrepreneurs")
    assert (
        provenance.text_claims("近300家")
        == provenance.text_claims("nearly 300")
        == {(provenance.Decimal(300), "nearly")}
    )


# --- the committed fixtures ---------------------------------------------------------------------------


def test_every_number_date_and_claim_in_summaries_and_descriptions_is_in_the_entitys_seeds():
    assert unknown(provenance.check_text_numbers(sources())) == []


def test_no_summary_claims_more_strongly_than_its_seeds():
    assert unknown(provenance.check_strength(sources())) == []


def test_every_figure_year_is_in_its_source_article_or_the_year_it_was_written():
    assert unknown(provenance.check_figure_years(sources())) == []


def test_stock_codes_areas_and_founding_dates_stand_in_a_sentence_that_names_the_entity():
    assert unknown(provenance.check_traced_fields(sources(), checklist.ITEMS)) == []


def test_every_park_enterprise_and_project_is_named_in_a_seed():
    assert unknown(provenance.check_names(sources())) == []


def test_every_checklist_item_is_in_its_seed_and_resolves():
    assert unknown(provenance.check_checklist(sources(), checklist.ITEMS, checklist.KINDS)) == []


def test_article_dates_are_those_the_readme_gives():
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    assert len(provenance.README_ROW.findall(readme)) == 5
    assert unknown(provenance.check_article_dates(sources(), readme)) == []


def test_each_known_problem_is_still_there():
    """Fixed in the data? Then delete its entry from KNOWN_PROBLEMS."""
    reported = set(all_problems())
    assert [problem for problem in KNOWN_PROBLEMS if problem not in reported] == []


# --- each kind of "where", on checklist items written for this test -----------------------------------

LOCAL_ITEMS = [
    Item("002", "旗下青岛高科产业发展有限公司", "enterprise", "a subsidiary", where="enterprise:青岛高科产业发展有限公司"),
    Item("002", "管理青岛国际创新", "park", "the innovation park", where="park:青岛国际创新园"),
    Item("003", "青岛天安科创城总投资约75亿元", "number", "the largest project", where="project:青岛天安科创城项目"),
    Item("003", "目前已经入驻企业510家", "number", "510 companies", where="figure:青岛天安数码城:入驻企业:2020"),
    Item("000", "股票代码2121.HK", "number", "stock code", where="field:enterprise:青岛创新奇智科技集团股份有限公司:stock_code"),
    Item("003", "文图半岛记者李红梅李兵景毅", "publisher", "byline", where="article:003:author"),
    Item("002", "青岛高科产业发展有限公司是崂山区现代产业园区开发建设、管理运营平台,管理青岛国际创新", "relation",
         "operator", where="relation:operator:青岛国际创新园:青岛高科产业发展有限公司"),
    Item("004", "青岛以色列“国际客厅”选址高新区中科研发城", "relation", "parent",
         where="relation:parent:青岛以色列国际客厅:中科研发城"),
    Item("000", "2020年12月签约落户即墨经济开发区", "relation", "located in",
         where="relation:located_in:青岛创新奇智科技集团股份有限公司:即墨经济开发区"),
    Item("003", "青岛天安科创城总投资约75亿元", "relation", "its park", where="relation:project_park:青岛天安科创城项目:青岛天安科创城"),
    Item("003", "深企天安数码城集团", "relation", "signed with", where="relation:signed_with:青岛天安科创城项目:天安数码城集团"),
    Item("003", "目前已经入驻企业510家", "number", "in the summary", where="text:park:青岛天安数码城"),
    Item("003", "深圳企业家青岛行", "other", "an event", left_out="an event, not a park or a company"),
]  # fmt: skip
INVESTOR = Item("002", "目前海尔卡奥斯、歌尔微电子、特来电3家已成为独角兽企业", "relation", "an investment",
                where="relation:investor:青岛巨峰科技创业投资有限公司:特来电")  # fmt: skip
ORIGINAL_OUTLET = Item("001", "来源:青报观象山", "publisher", "original publisher", where="article:001:original_outlet")
TOTAL_AREA = Item(
    "004", "总面积15000平方米", "number", "total area", where="field:park:青岛以色列国际客厅:total_area_m2"
)


def test_every_kind_of_where_resolves_in_todays_fixtures():
    kinds = {item.where.split(":")[0] for item in LOCAL_ITEMS if item.where}
    relations = {item.where.split(":")[1] for item in LOCAL_ITEMS if item.where.startswith("relation:")}
    assert kinds == {"park", "enterprise", "project", "figure", "field", "article", "relation", "text"}
    assert relations | {"investor"} == set(provenance.RELATIONS)
    assert provenance.check_checklist(sources(), LOCAL_ITEMS, checklist.KINDS) == []


def add_field(model, name, field, value):
    def edit(rows):
        entity(rows, model, name)[field] = value

    return edit


def drop_field(model, name, field):
    def edit(rows):
        entity(rows, model, name).pop(field, None)

    return edit


def set_article_field(seed, field, value):
    def edit(rows):
        for row in rows:
            if row["model"] == "news.article" and sources().seed_of_article[row["fields"]["slug"]] == seed:
                row["fields"][field] = value

    return edit


def test_investors_original_outlet_and_total_area_resolve_once_the_fields_exist():
    teld, jufeng = (
        sources().by_name("enterprise")["特来电"],
        sources().by_name("enterprise")["青岛巨峰科技创业投资有限公司"],
    )
    with_investor = changed(add_field("parks.enterprise", "特来电", "investors", [[jufeng["slug"]]]))
    assert provenance.check_checklist(with_investor, [INVESTOR], checklist.KINDS) == []
    wrong_investor = changed(add_field("parks.enterprise", "特来电", "investors", [[teld["slug"]]]))
    assert provenance.check_checklist(wrong_investor, [INVESTOR], checklist.KINDS) == [
        f"checklist 002 “{INVESTOR.quote[:30]}”: where={INVESTOR.where} does not resolve: "
        f"特来电: investors does not hold {jufeng['slug']}"
    ]
    outlet = changed(set_article_field("001", "original_outlet", "青报观象山"))
    assert provenance.check_checklist(outlet, [ORIGINAL_OUTLET], checklist.KINDS) == []
    area = changed(add_field("parks.park", "青岛以色列国际客厅", "total_area_m2", "15000.0"))
    assert provenance.check_checklist(area, [TOTAL_AREA], checklist.KINDS) == []


def test_investors_original_outlet_and_total_area_are_unresolved_while_the_fields_are_absent():
    no_investors = changed(drop_field("parks.enterprise", "特来电", "investors"))
    assert provenance.check_checklist(no_investors, [INVESTOR], checklist.KINDS) == [
        f"checklist 002 “{INVESTOR.quote[:30]}”: where={INVESTOR.where} does not resolve: "
        "特来电 has no field investors in the fixtures"
    ]

    def no_outlet(rows):
        for row in rows:
            row["fields"].pop("original_outlet", None)

    assert provenance.check_checklist(changed(no_outlet), [ORIGINAL_OUTLET], checklist.KINDS) == [
        "checklist 001 “来源:青报观象山”: where=article:001:original_outlet does not resolve: "
        "article 001 has no field original_outlet in the fixtures"
    ]
    no_area = changed(drop_field("parks.park", "青岛以色列国际客厅", "total_area_m2"))
    assert provenance.check_checklist(no_area, [TOTAL_AREA], checklist.KINDS) == [
        "checklist 004 “总面积15000平方米”: where=field:park:青岛以色列国际客厅:total_area_m2 does not resolve: "
        "park 青岛以色列国际客厅 has no field total_area_m2 in the fixtures"
    ]


def test_an_empty_field_or_a_missing_figure_does_not_resolve():
    items = [
        Item("000", "股票代码2121.HK", "number", "x", where="field:enterprise:青岛创新奇智科技集团股份有限公司:stock_code"),
        Item("003", "目前已经入驻企业510家", "number", "x", where="figure:青岛天安数码城:入驻企业:2021"),
        Item("003", "深企天安数码城集团", "relation", "x", where="relation:signed_with:青岛天安科创城项目:爱能森清洁能源高端装备产业园"),
        Item("003", "目前已经入驻企业510家", "number", "x", where="text:park:青岛天安科创城"),
    ]  # fmt: skip
    no_code = changed(add_field("parks.enterprise", "青岛创新奇智科技集团股份有限公司", "stock_code", ""))
    reasons = [
        problem.split("does not resolve: ")[1]
        for problem in provenance.check_checklist(no_code, items, checklist.KINDS)
    ]
    assert reasons == [
        "enterprise 青岛创新奇智科技集团股份有限公司: stock_code is empty",
        "park 青岛天安数码城 has no figure 入驻企业 of year 2021",
        "no enterprise named 爱能森清洁能源高端装备产业园",
        "park 青岛天安科创城: summary has none of the quote's numbers",
    ]


# --- the checkers bite: a planted error is reported, exactly -------------------------------------------


def replace_in(model, name, field, old, new):
    def edit(rows):
        fields = entity(rows, model, name)
        assert old in fields[field], (name, field, old)
        fields[field] = fields[field].replace(old, new)

    return edit


def test_a_wrong_number_in_a_summary_is_reported_with_its_entity_field_and_seed():
    edit = replace_in("parks.park", "青岛以色列国际客厅", "summary", "15000平方米", "16000平方米")
    assert planted(provenance.check_text_numbers, edit) == [
        "park 青岛以色列国际客厅 summary: number 16000 is not in seed 004"
    ]
    edit = replace_in("parks.park", "青岛以色列国际客厅", "summary_en", "15,000 square metres", "16,000 square metres")
    assert planted(provenance.check_text_numbers, edit) == [
        "park 青岛以色列国际客厅 summary_en: number 16000 is not in seed 004"
    ]
    edit = replace_in("parks.project", "爱能森清洁能源高端装备产业园项目", "summary_en", "3.5 billion", "4.5 billion")
    assert planted(provenance.check_text_numbers, edit) == [
        "project 爱能森清洁能源高端装备产业园项目 summary_en: number 4500000000 is not in seed 003"
    ]


def test_a_number_in_characters_or_words_is_checked_too():
    edit = replace_in("parks.park", "爱能森清洁能源高端装备产业园", "summary", "分三期", "分五期")
    assert planted(provenance.check_text_numbers, edit) == [
        "park 爱能森清洁能源高端装备产业园 summary: number 5 is not in seed 003"
    ]
    edit = replace_in("parks.park", "爱能森清洁能源高端装备产业园", "summary_en", "three phases", "five phases")
    assert planted(provenance.check_text_numbers, edit) == [
        "park 爱能森清洁能源高端装备产业园 summary_en: number 5 is not in seed 003"
    ]


def test_an_about_or_more_than_the_seed_does_not_say_is_reported():
    edit = replace_in("parks.park", "青岛国际创新园", "summary_en", "Qingdao", "Qingdao, home to about 200 companies,")
    assert planted(provenance.check_text_numbers, edit) == [
        "park 青岛国际创新园 summary_en: “about 200” is not what seed 002 says"
    ]
    edit = replace_in("parks.park", "青岛国际创新园", "summary", "的园区，", "的园区，约200家企业入驻，")
    assert planted(provenance.check_text_numbers, edit) == [
        "park 青岛国际创新园 summary: “about 200” is not what seed 002 says"
    ]
    edit = replace_in("parks.park", "青岛天安数码城", "summary_en", "home to 510", "home to more than 510")
    assert planted(provenance.check_text_numbers, edit) == [
        "park 青岛天安数码城 summary_en: “more than 510” is not what seed 003 says"
    ]
    # And the other way: the seed's 约 dropped.
    edit = replace_in("parks.park", "青岛天安科创城", "summary", "约75亿元", "75亿元")
    assert planted(provenance.check_text_numbers, edit) == [
        "park 青岛天安科创城 summary: 7500000000 is “about” in seed 003, exact here"
    ]


def test_a_stronger_word_than_the_seed_uses_is_reported():
    edit = replace_in("parks.enterprise", "青岛巨峰科技创业投资有限公司", "summary", "重要的", "主要的")
    assert planted(provenance.check_strength, edit) == [
        "enterprise 青岛巨峰科技创业投资有限公司 summary: “主要” overstates seed 002, "
        "which has no 主要/主导/主力/重点/主板 where it names it"
    ]
    edit = replace_in("parks.park", "青岛天安数码城", "summary_en", "park in Chengyang", "largest park in Chengyang")
    assert planted(provenance.check_strength, edit) == [
        "park 青岛天安数码城 summary_en: “largest” overstates seed 003, which has no 最大 where it names it"
    ]
    # The same word where the seed has it is no problem: 003 calls 青岛天安科创城 the biggest project (“块头”最大).
    edit = replace_in(
        "parks.park", "青岛天安科创城", "summary_en", "Chengyang", "Chengyang, the largest signed that day"
    )
    assert planted(provenance.check_strength, edit) == []


def test_a_wrong_date_is_reported_even_when_its_numbers_are_elsewhere_in_the_seed():
    # 004 has a 6 (连续6年), but never 2021年6月.
    edit = replace_in("parks.park", "海克斯康智慧产业园", "summary", "2021年5月", "2021年6月")
    assert planted(provenance.check_text_numbers, edit) == [
        "park 海克斯康智慧产业园 summary: date 2021-06 is not in seed 004"
    ]
    edit = replace_in("parks.enterprise", "海克斯康", "summary_en", "May 2021", "June 2021")
    assert planted(provenance.check_text_numbers, edit) == [
        "enterprise 海克斯康 summary_en: date 2021-06 is not in seed 004"
    ]


def test_a_wrong_figure_year_is_reported():
    def edit(rows):
        for row in rows:
            if (
                row["model"] == "parks.parkfigure"
                and row["fields"]["label"] == "入驻企业"
                and row["fields"]["year"] == 2020
            ):
                row["fields"]["year"] = 2016

    assert planted(provenance.check_figure_years, edit) == [
        "park 青岛天安数码城 figure 入驻企业: year 2016 is not in seed 003"
    ]


def test_a_wrong_stock_code_founding_date_or_area_is_reported():
    check = provenance.check_traced_fields
    edit = add_field("parks.enterprise", "青岛创新奇智科技集团股份有限公司", "stock_code", "2122")
    assert planted(check, edit, checklist.ITEMS) == [
        "enterprise 青岛创新奇智科技集团股份有限公司 stock_code: 2122 is in no sentence of seed 000 that names it"
    ]
    edit = add_field("parks.enterprise", "青岛崂山科技创新发展集团有限公司", "founded_month", 5)
    assert planted(check, edit, checklist.ITEMS) == [
        "enterprise 青岛崂山科技创新发展集团有限公司 founded_year: 2013-05 is in no sentence of seed 002 that names it"
    ]
    edit = add_field("parks.park", "青岛市工业技术研究院", "established_year", 2013)
    assert planted(check, edit, checklist.ITEMS) == [
        "park 青岛市工业技术研究院 established_year: 2013 is in no sentence of seed 004 that names it"
    ]
    # 总面积 is total area: right as total_area_m2, wrong with the wrong number.
    assert (
        planted(check, add_field("parks.park", "青岛以色列国际客厅", "total_area_m2", "15000.0"), checklist.ITEMS) == []
    )
    assert planted(
        check, add_field("parks.park", "青岛以色列国际客厅", "total_area_m2", "16000.0"), checklist.ITEMS
    ) == ["park 青岛以色列国际客厅 total_area_m2: 16000 is in no sentence of seed 004 that names it"]
    # A stock code in a sentence that does not name the company does not count.
    edit = add_field("parks.enterprise", "北京大北农科技集团股份有限公司", "stock_code", "2121")
    assert planted(check, edit, checklist.ITEMS) == [
        "enterprise 北京大北农科技集团股份有限公司 stock_code: 2121 is in no sentence of seed 001 that names it"
    ]


def test_a_field_recorded_in_the_checklist_counts_as_traced_for_the_value_its_quote_states():
    check = provenance.check_traced_fields
    # 千山高创园 has no founding year and no seed sentence that names it gives one.
    edit = add_field("parks.park", "千山高创园", "established_year", 2012)
    assert planted(check, edit, []) == [
        "park 千山高创园 established_year: 2012 is in no sentence of seed 002 that names it"
    ]
    recorded = [Item("004", "自2012年成立以来", "date", "x", where="field:park:千山高创园:established_year")]
    assert planted(check, edit, recorded) == []
    # The record vouches for 2012, not for whatever the field holds.
    edit = add_field("parks.park", "千山高创园", "established_year", 2013)
    assert planted(check, edit, recorded) == [
        "park 千山高创园 established_year: 2013 is in no sentence of seed 002 that names it"
    ]


def test_a_checklist_item_that_is_not_in_its_seed_or_is_malformed_is_reported():
    items = [
        Item("002", "青岛天安科创城总投资约75亿元", "number", "x", where="project:青岛天安科创城项目"),  # that is 003's
        Item("003", "深圳企业家青岛行", "event", "x", left_out="an event"),
        Item("003", "深圳企业家青岛行", "other", "x"),
        Item("003", "深圳企业家青岛行", "other", "x", where="park:深圳企业家青岛行", left_out="an event"),
        Item("003", "深圳企业家青岛行", "other", "x", where="text:深圳企业家青岛行"),
        Item("003", "深圳企业家青岛行", "other", "x", where="relation:sponsor:a:b"),
    ]
    assert provenance.check_checklist(sources(), items, checklist.KINDS) == [
        "checklist 002 “青岛天安科创城总投资约75亿元”: the quote is not in seed 002",
        f"checklist 003 “深圳企业家青岛行”: kind 'event' is not one of {', '.join(checklist.KINDS)}",
        "checklist 003 “深圳企业家青岛行”: needs exactly one of where and left_out",
        "checklist 003 “深圳企业家青岛行”: needs exactly one of where and left_out",
        "checklist 003 “深圳企业家青岛行”: where=park:深圳企业家青岛行 does not resolve: no park named 深圳企业家青岛行",
        "checklist 003 “深圳企业家青岛行”: where=text:深圳企业家青岛行 does not resolve: cannot read where='text:深圳企业家青岛行'",
        "checklist 003 “深圳企业家青岛行”: where=relation:sponsor:a:b does not resolve: unknown relation sponsor",
    ]


def test_an_entity_the_seeds_do_not_name_is_reported():
    def edit(rows):
        park = copy.deepcopy(entity(rows, "parks.park", "创智谷"))
        park.update(name="青岛未来智谷", slug="qing-dao-wei-lai-zhi-gu", aliases="")
        rows.append({"model": "parks.park", "fields": park})
        entity(rows, "parks.project", "青岛天安科创城项目")["title"] = "青岛天安未来城项目"

    assert planted(provenance.check_names, edit) == [
        "park 青岛未来智谷: named in no seed",
        "project 青岛天安未来城项目: named in no seed",
    ]


def test_an_article_date_other_than_the_readmes_is_reported():
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    edit = set_article_field("004", "published_at", "2024-09-27T01:00:00Z")
    assert planted(provenance.check_article_dates, edit, readme) == [
        "article 004: published_at 2024-09-27 09:00 (Beijing) but README.md says 2024-09-27 00:00 (the page gives the day, not the time)"
    ]
    edit = set_article_field("002", "source_date", "2022-10-01")
    assert planted(provenance.check_article_dates, edit, readme) == [
        "article 002: source_date 2022-10-01 but README.md says not stated"
    ]
