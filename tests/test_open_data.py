"""/data/: the figures dashboard (server-drawn SVG charts) and the open-data downloads, in both languages."""

import csv
import io
import json
import re

import pytest
from django.utils.html import escape

from tests.helpers import make_article, make_enterprise, make_park
from tests.public_helpers import make_park_figure, make_qualification

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def world(db, settings):
    """Three published parks (two in Laoshan, one national), one draft; two enterprises and a draft; figures."""
    settings.PAGE_CACHE_SECONDS = 0  # what the views cost: the page cache is tested in tests/test_caching.py
    unicorn = make_qualification()
    listed = make_qualification("test-listed", "测试上市", "Test listed")
    zone = make_park(name="青岛高新区", name_en="Qingdao Hi-tech Zone", district="laoshan", level="national")
    make_park(name="崂山示范园", district="laoshan", level="municipal")
    make_park(name="城阳示范园", district="chengyang", level="municipal")
    make_park(name="草稿园区", district="jimo", level="national", published=False)
    first = make_enterprise(name="青岛一号科技有限公司", short_name="一号科技", name_en="Number One")
    first.qualifications.add(unicorn, listed)
    first.parks.add(zone)
    first.tags.add("人工智能")
    second = make_enterprise(name="青岛二号科技有限公司")
    second.qualifications.add(listed)
    second.tags.add("人工智能", "虚拟现实")
    draft = make_enterprise(name="青岛草稿科技有限公司", published=False)
    draft.qualifications.add(unicorn)
    article = make_article(title="高新区营收创新高", source_url="https://paper.example.com/1")
    hidden = make_article(title="未发布的文章", published=False)
    make_park_figure(zone, label="营业收入", label_en="Revenue", value="100", unit="亿元", year=2023, source=article)
    make_park_figure(zone, label="营业收入", label_en="Revenue", value="125.5", unit="亿元", year=2024, source=hidden)
    make_park_figure(zone, label="入驻企业", label_en="Companies", value="300", unit="家", year=2024)
    return {"zone": zone, "article": article, "first": first}


def charts(html):
    return re.findall(r'<figure class="chart".*?</figure>', html, re.S)


def table_rows(chart):
    return re.findall(r'<tr><th scope="row"[^>]*>([^<]*)</th><td class="num">([^<]*)</td></tr>', chart)


# -- the dashboard -----------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_each_chart_has_a_title_a_description_and_its_numbers_as_a_table(client, world, prefix):
    html = client.get(f"{prefix}/data/").text
    drawn = charts(html)
    assert len(drawn) == 4
    for chart in drawn:
        chart_id = re.search(r'<h3 class="chart-title" id="([\w-]+)-title"', chart).group(1)
        assert f'aria-describedby="{chart_id}-description"' in chart
        assert f'<p class="chart-description" id="{chart_id}-description">' in chart
        assert re.search(rf'<svg [^>]*role="img"[^>]*>\s*<title id="{chart_id}-name">', chart)
        assert "<table" in chart and "<summary>" in chart
    assert "<script" not in html.split("</head>")[1]
    assert "style=" not in html


def test_the_numbers_are_right_and_count_only_published_content(client, world):
    drawn = charts(client.get("/en/data/").text)
    by_district, by_level, by_qualification, by_industry = (table_rows(chart) for chart in drawn)
    assert by_district == [("Laoshan District", "2"), ("Chengyang District", "1")]
    assert by_level == [("Municipal", "2"), ("National", "1")]
    assert by_qualification == [("Test listed", "2"), ("Unicorn", "1")]
    assert by_industry == [("人工智能", "2"), ("虚拟现实", "1")]
    # A tag without an English name is marked as Chinese.
    assert '<th scope="row" lang="zh-Hans">人工智能</th>' in drawn[3]
    # The longest bar is the largest value; the others in proportion.
    widths = re.findall(r'class="chart-bar" x="0" y="\d+" width="([\d.]+)%"', drawn[0])
    assert float(widths[0]) == 2 * float(widths[1])
    assert "3 parks in all; the most, 2, in Laoshan District." in drawn[0]


def test_chinese_dashboard(client, world):
    html = client.get("/data/").text
    assert "<h1>数据开放与统计图表</h1>" in html
    assert table_rows(charts(html)[0]) == [("崂山区", "2"), ("城阳区", "1")]
    assert "/data/parks.csv" in html and "/data/figures.json" in html


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_data_dictionary_lists_every_column_and_the_terms_of_reuse(client, world, prefix, settings):
    from bureau.open_data import DATASETS

    html = client.get(f"{prefix}/data/").text
    for dataset in DATASETS:
        for column in dataset.columns:
            breakable = column.name.replace("_", "_<wbr>")  # a phone breaks it after an underscore only
            assert f'<th scope="row"><code>{breakable}</code></th>' in html
    # Meanings are in the page's language, the codes they list included.
    assert ("Kind of park: development_zone, " if prefix else "园区类型：development_zone, ") in html
    licence = settings.OPEN_DATA_LICENCE_EN if prefix else settings.OPEN_DATA_LICENCE
    assert escape(licence) in html


def test_the_dashboard_is_worked_out_once_per_content_generation(client, world, django_assert_num_queries):
    # content state · park total · by district · by level · enterprise total · by qualification · by industry
    with django_assert_num_queries(7):
        client.get("/data/")
    # The charts come from the cache: no query at all.
    with django_assert_num_queries(0):
        assert client.get("/data/").status_code == 200
    # A change of content starts over.
    make_park(name="新园区", district="laoshan")
    assert ("崂山区", "3") in table_rows(charts(client.get("/data/").text)[0])


# -- a park's figures over the years --------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_park_page_charts_a_figure_with_two_years_only(client, world, prefix):
    html = client.get(prefix + world["zone"].get_absolute_url()).text
    drawn = charts(html)
    assert len(drawn) == 1  # revenue (2023, 2024); companies has one year
    assert table_rows(drawn[0]) == (
        [("2023", "CNY 10 billion"), ("2024", "CNY 12.55 billion")]
        if prefix
        else [("2023", "100亿元"), ("2024", "125.5亿元")]
    )
    assert ("Revenue" if prefix else "营业收入") in re.search(r"<h3[^>]*>([^<]*)</h3>", drawn[0]).group(1)
    assert "style=" not in html


def test_a_park_with_figures_of_one_year_has_no_chart(client, world):
    park = make_park(name="单年园区")
    make_park_figure(park, year=2024)
    html = client.get(park.get_absolute_url()).text
    assert not charts(html)
    assert "figures-over-years" not in html


# -- downloads ----------------------------------------------------------------------


def read_csv(response):
    assert response.content.startswith(BOM)
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_parks_csv_has_a_bom_a_stable_header_and_only_published_parks(client, world):
    type(world["zone"]).objects.filter(pk=world["zone"].pk).update(
        contact_phone="0532-8888 8888", contact_email="invest@zone.example.cn"
    )
    response = client.get("/data/parks.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(BOM + b"slug,name,name_en,kind,level,district,parent,operator,")
    rows = read_csv(response)
    assert sorted(row["name"] for row in rows) == ["城阳示范园", "崂山示范园", "青岛高新区"]
    zone = next(row for row in rows if row["name"] == "青岛高新区")
    assert zone["level"] == "national" and zone["district"] == "laoshan" and zone["name_en"] == "Qingdao Hi-tech Zone"
    assert zone["url"] == "http://testserver" + world["zone"].get_absolute_url()
    assert (zone["contact_phone"], zone["contact_email"]) == ("0532-8888 8888", "invest@zone.example.cn")


def test_the_enterprises_json_is_a_list_of_objects_with_the_csv_keys(client, world):
    items = json.loads(client.get("/data/enterprises.json").content)
    header = client.get("/data/enterprises.csv").content.decode("utf-8-sig").splitlines()[0].split(",")
    assert [list(item) for item in items] == [header, header]
    first = next(item for item in items if item["name"] == "青岛一号科技有限公司")
    assert sorted(first["qualifications"]) == ["test-listed", "unicorn"]
    assert first["parks"] == [world["zone"].slug]
    csv_row = next(row for row in read_csv(client.get("/data/enterprises.csv")) if row["short_name"] == "一号科技")
    assert csv_row["industries"] == "人工智能"


def test_total_areas_and_investors_are_open_data_and_drafts_stay_out(client, world):
    from decimal import Decimal

    make_park(name="青岛以色列国际客厅", total_area_m2=Decimal("15000"))
    investor = make_enterprise(name="青岛巨峰科技创业投资有限公司")
    hidden = make_enterprise(name="青岛草稿投资有限公司", published=False)
    world["first"].investors.add(investor, hidden)
    parks = {row["name"]: row for row in read_csv(client.get("/data/parks.csv"))}
    assert parks["青岛以色列国际客厅"]["total_area_m2"] == "15000"
    assert parks["青岛以色列国际客厅"]["floor_area_m2"] == ""
    items = {item["name"]: item for item in json.loads(client.get("/data/enterprises.json").content)}
    assert items["青岛一号科技有限公司"]["investors"] == [investor.slug]
    assert items["青岛巨峰科技创业投资有限公司"]["investors"] == []
    dictionary = client.get("/en/data/").text
    assert "total_<wbr>area_<wbr>m2" in dictionary and "investors" in dictionary  # breakable after underscores


def test_figures_carry_year_unit_and_the_address_of_their_source(client, world):
    rows = read_csv(client.get("/data/figures.csv"))
    assert [(r["label"], r["value"], r["unit"], r["year"]) for r in rows] == [
        ("入驻企业", "300", "家", "2024"),
        ("营业收入", "100", "亿元", "2023"),
        ("营业收入", "125.5", "亿元", "2024"),
    ]
    assert rows[1]["owner"] == world["zone"].slug and rows[1]["owner_type"] == "park"
    assert rows[1]["source_title"] == "高新区营收创新高"
    assert rows[1]["source_url"] == "http://testserver" + world["article"].get_absolute_url()
    assert rows[1]["source_original_url"] == "https://paper.example.com/1"
    # An unpublished source article is not named.
    assert rows[2]["source_url"] == rows[2]["source_title"] == ""
    items = json.loads(client.get("/data/figures.json").content)
    assert items[2]["value"] == 125.5 and items[2]["year"] == 2024 and items[2]["unit"] == "亿元"


def test_a_file_is_made_once_per_content_generation(client, world, django_assert_num_queries):
    first = client.get("/data/parks.csv")
    with django_assert_num_queries(0):
        again = client.get("/data/parks.csv")
    assert again.content == first.content
    assert again["ETag"] and again["Last-Modified"] and again["Cache-Control"] == "public, no-cache"
    # The browser's copy is still right: 304.
    assert client.get("/data/parks.csv", headers={"if-none-match": again["ETag"]}).status_code == 304
    make_park(name="新园区")
    assert "新园区" in client.get("/data/parks.csv").content.decode("utf-8")


def test_unknown_files_are_not_found(client, world):
    assert client.get("/data/drafts.csv").status_code == 404
    assert client.get("/data/parks.xml").status_code == 404


def test_the_sitemap_lists_the_data_page(client, world):
    xml = client.get("/sitemap.xml").text
    assert "http://testserver/data/</loc>" in xml
    assert 'href="http://testserver/en/data/"' in xml


def test_projects_are_open_data_too_with_their_park_amount_and_source(client, world):
    from content.models import Status
    from parks.models import Project

    def project(title, **fields):
        return Project.objects.create(title=title, status=fields.pop("status", Status.PUBLISHED), **fields)

    signed = project("高新区算力中心项目", title_en="AI computing centre", stage=Project.Stage.SIGNED,
                     park=world["zone"], amount="25", amount_unit="亿元", amount_qualifier="about",
                     contact_phone="0532-8888 8888 转 12", contact_email="invest@zone.example.cn",
                     source_article=world["article"])  # fmt: skip
    project("草稿项目", status=Status.DRAFT)
    signed.tags.add("人工智能")
    response = client.get("/data/projects.csv")
    assert response.content.startswith(
        BOM + b"slug,title,title_en,stage,park,enterprise,amount_qualifier,amount,amount_unit,"
    )
    [row] = read_csv(response)  # the draft is left out
    assert (row["title"], row["stage"], row["park"]) == ("高新区算力中心项目", "signed", world["zone"].slug)
    assert (row["amount_qualifier"], row["amount"], row["amount_unit"]) == ("about", "25", "亿元")
    assert row["industries"] == "人工智能"
    assert (row["contact_phone"], row["contact_email"]) == ("0532-8888 8888 转 12", "invest@zone.example.cn")
    assert row["source_url"] == "http://testserver" + world["article"].get_absolute_url()
    assert [item["title"] for item in json.loads(client.get("/data/projects.json").content)] == ["高新区算力中心项目"]
    assert "projects.csv" in client.get("/data/").text


def test_a_chart_description_says_how_many_lack_the_information(client, db):
    make_park(name="国家级园区", level="national")
    make_park(name="未注明级别的园区一")
    make_park(name="未注明级别的园区二")
    text = client.get("/data/").text
    # "The most" is among the parks whose level is given: the two without one are said, not hidden.
    assert "共 3 个园区，其中国家级园区最多，有 1 个。另有 2 个未注明。" in text
