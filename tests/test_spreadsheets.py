"""Parks, enterprises and their figures through spreadsheets in the admin (XLSX and CSV, both ways).

Real files: workbooks written and read with openpyxl, CSV as the bytes a
spreadsheet program saves (UTF-8 with a byte-order mark, or GBK). Every
import goes through the admin's two steps, the preview (nothing written) and
the confirmation, as an editor or a publisher.
"""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from taggit.models import Tag

from content.models import Status
from parks.models import Enterprise, Park, ParkFigure
from tests.helpers import make_enterprise, make_park
from tests.public_helpers import make_park_figure, make_qualification

pytestmark = pytest.mark.django_db

XLSX, CSV = "0", "1"  # the format choices, in the order of content.spreadsheets.FORMATS
MAIN, FIGURES = "0", "1"  # the resource choices: the items, their figures


def url(model, step):
    return reverse(f"admin:parks_{model._meta.model_name}_{step}")


def workbook(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rows_of_workbook(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [["" if cell.value is None else cell.value for cell in row] for row in book.active.iter_rows()]


def csv_bytes(rows, encoding="utf-8-sig"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def rows_of_csv(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def export(client, model=Park, file_format=XLSX, resource=MAIN, query=""):
    response = client.post(url(model, "export") + query, {"format": file_format, "resource": resource})
    assert response.status_code == 200, response.content[:500]
    return response.content


def preview(client, content, model=Park, file_format=XLSX, resource=MAIN, name=None):
    name = name or ("sheet.xlsx" if file_format == XLSX else "sheet.csv")
    upload = SimpleUploadedFile(name, content)
    response = client.post(url(model, "import"), {"import_file": upload, "format": file_format, "resource": resource})
    assert response.status_code == 200
    return response


def confirm(client, response, model=Park):
    data = dict(response.context["confirm_form"].initial)
    return client.post(url(model, "process_import"), data)


def import_file(client, content, model=Park, **kwargs):
    response = preview(client, content, model=model, **kwargs)
    assert response.context.get("confirm_form"), errors_shown(response)
    return confirm(client, response, model=model)


def errors_shown(response):
    result = response.context.get("result")
    form = response.context.get("form")
    return {
        "form": dict(form.errors) if form is not None else {},
        "rows": list(getattr(result, "sheet_errors", [])) if result else [],
        "base": [str(e.error) for e in result.base_errors] if result else [],
    }


def totals(response):
    result = response.context["result"]
    return {name: result.totals[name] for name in ("new", "update", "skip")}


def column(rows, name):
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


def by_slug(rows, key="slug"):
    """{slug: {column: value}} of an exported file (the list's order is by name)."""
    return {row[rows[0].index(key)]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


def row_of(rows, slug):
    return next(row for row in rows[1:] if row[0] == slug)


@pytest.fixture
def parks():
    operator = make_enterprise(name="青岛高新科技投资有限公司", short_name="高新投资", slug="gaoxin-touzi")
    zone = make_park(name="青岛高新技术产业开发区", slug="gaoxin", kind="high_tech_zone", level="national",
                     district="chengyang", operator=operator, land_area_km2=Decimal("63.4"),
                     description='<p>位于<a href="https://example.com/">胶州湾</a>北岸。</p>', contact_phone="+86 532 8888 0000")  # fmt: skip
    zone.tags.add("人工智能", "Internet of Things", "5G，通信")
    child = make_park(name="青岛虚拟现实产业园", slug="vr-park", parent=zone, published=False)
    child.tags.add("虚拟现实")
    make_park_figure(zone, label="营业收入", value="1200.5", unit="亿元", year=2024)
    return {"zone": zone, "child": child, "operator": operator}


# -- export --------------------------------------------------------------------------------


def test_an_export_names_everything_by_slug_in_xlsx(publisher_client, parks):
    rows = rows_of_workbook(export(publisher_client))
    assert rows[0][:3] == ["slug", "name", "name_en"]
    zone, child = by_slug(rows)["gaoxin"], by_slug(rows)["vr-park"]
    assert (zone["parent"], child["parent"]) == ("", "gaoxin")
    assert (zone["operator"], child["operator"]) == ("gaoxin-touzi", "")
    assert (zone["status"], child["status"]) == ("published", "draft")
    assert zone["land_area_km2"] == 63.4  # a number cell, which a spreadsheet can add up
    assert zone["tags"] == '"5G，通信", "Internet of Things", 人工智能'


def test_an_export_in_csv_is_utf8_with_the_mark_excel_needs(publisher_client, parks):
    content = export(publisher_client, file_format=CSV)
    assert content.startswith(b"\xef\xbb\xbf")
    rows = by_slug(rows_of_csv(content))
    assert rows["gaoxin"]["name"] == "青岛高新技术产业开发区"
    assert (rows["gaoxin"]["land_area_km2"], rows["vr-park"]["land_area_km2"]) == ("63.4", "")


def test_no_exported_cell_runs_as_a_formula(publisher_client, parks):
    zone = parks["zone"]
    zone.summary = '=HYPERLINK("http://evil.example/","click")'
    zone.save()
    xlsx = openpyxl.load_workbook(io.BytesIO(export(publisher_client)))
    cells = [cell for row in xlsx.active.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert zone.summary in [cell.value for cell in cells]  # written as text, to the letter
    rows = by_slug(rows_of_csv(export(publisher_client, file_format=CSV)))
    assert rows["gaoxin"]["summary"] == "'" + zone.summary
    assert rows["gaoxin"]["contact_phone"] == "'+86 532 8888 0000"


def test_the_export_follows_the_lists_filters(publisher_client, parks):
    rows = rows_of_workbook(export(publisher_client, query="?visibility=draft"))
    assert column(rows, "slug") == ["vr-park"]


def test_figures_export_in_a_file_of_their_own(publisher_client, parks):
    rows = rows_of_workbook(export(publisher_client, resource=FIGURES))
    assert rows[0][:3] == ["park", "label", "year"]
    assert rows[1][:3] == ["gaoxin", "营业收入", 2024]
    assert column(rows, "value") == [1200.5]


# -- round trips -----------------------------------------------------------------------------


def test_a_round_trip_through_xlsx_changes_exactly_the_edited_cell(publisher_client, parks):
    before = {park.slug: park for park in Park.objects.all()}
    rows = rows_of_workbook(export(publisher_client))
    row_of(rows, "gaoxin")[rows[0].index("summary")] = "国家级高新区，聚焦人工智能。"
    response = preview(publisher_client, workbook(rows))
    assert totals(response) == {"new": 0, "update": 1, "skip": 1}
    changed = response.context["result"].sheet_changes
    assert [row.number for row in changed] == [rows.index(row_of(rows, "gaoxin")) + 1]
    assert [str(cell) for cell in changed[0].diff if cell.changed] == ["<ins>国家级高新区，聚焦人工智能。</ins>"]
    confirm(publisher_client, response)
    # The history says what changed, in the reader's language, as for a save in the change form.
    from django.contrib.admin.models import LogEntry

    [entry] = LogEntry.objects.filter(object_id=str(parks["zone"].pk))
    assert entry.get_change_message() == "已修改概览。"
    for park in Park.objects.all():
        old = before[park.slug]
        different = {
            field.name
            for field in Park._meta.concrete_fields
            if getattr(park, field.attname) != getattr(old, field.attname)
        }
        # The editing trail (who, when) records the import as it records a save.
        assert different == ({"summary", "updated_at", "last_edited_by"} if park.slug == "gaoxin" else set())
    assert sorted(Park.objects.get(slug="gaoxin").tags.names()) == ["5G，通信", "Internet of Things", "人工智能"]


def test_a_round_trip_through_csv_changes_exactly_the_edited_cell(publisher_client, parks):
    rows = rows_of_csv(export(publisher_client, file_format=CSV))
    row_of(rows, "vr-park")[rows[0].index("name_en")] = "Qingdao VR Park"
    response = preview(publisher_client, csv_bytes(rows), file_format=CSV)
    assert totals(response) == {"new": 0, "update": 1, "skip": 1}
    confirm(publisher_client, response)
    assert Park.objects.get(slug="vr-park").name_en == "Qingdao VR Park"
    assert Park.objects.get(slug="gaoxin").contact_phone == "+86 532 8888 0000"


def test_an_unchanged_export_imports_as_all_unchanged(publisher_client, parks):
    response = preview(publisher_client, export(publisher_client))
    assert totals(response) == {"new": 0, "update": 0, "skip": 2}
    response = preview(publisher_client, export(publisher_client, resource=FIGURES), resource=FIGURES)
    assert totals(response) == {"new": 0, "update": 0, "skip": 1}


# -- who may publish -------------------------------------------------------------------------

NEW_PARKS = [
    ["slug", "name", "kind", "status", "tags"],
    ["xin-yuan", "青岛新材料产业园", "industrial_park", "published", "新材料"],
    ["ai-yuan", "青岛人工智能产业园", "创新园区", "draft", "人工智能、算力"],
]


def test_an_editors_import_creates_drafts_and_says_why(editor_client, parks):
    response = preview(editor_client, workbook(NEW_PARKS))
    assert totals(response) == {"new": 2, "update": 0, "skip": 0}
    notes = {row.number: row.notes for row in response.context["result"].sheet_changes}
    assert notes[3] == [] and len(notes[2]) == 1 and "发布者" in notes[2][0]
    assert notes[2][0] in response.content.decode()
    confirm(editor_client, response)
    created = {park.slug: park for park in Park.objects.filter(slug__in=["xin-yuan", "ai-yuan"])}
    assert {park.status for park in created.values()} == {Status.DRAFT}
    assert created["ai-yuan"].kind == Park.Kind.INNOVATION_PARK  # a choice by its Chinese label
    assert sorted(created["ai-yuan"].tags.names()) == ["人工智能", "算力"]
    assert created["xin-yuan"].last_edited_by.username == "editor"


def test_an_editor_cannot_unpublish_through_a_file(editor_client, parks):
    rows = rows_of_workbook(export(editor_client))
    row_of(rows, "gaoxin")[rows[0].index("status")] = "draft"
    response = preview(editor_client, workbook(rows))
    assert totals(response) == {"new": 0, "update": 0, "skip": 2}
    confirm(editor_client, response)
    assert Park.objects.get(slug="gaoxin").status == Status.PUBLISHED


def test_a_publishers_import_may_publish(publisher_client, parks):
    confirm(publisher_client, preview(publisher_client, workbook(NEW_PARKS)))
    assert Park.objects.get(slug="xin-yuan").is_public
    assert Park.objects.get(slug="ai-yuan").status == Status.DRAFT


def test_imported_published_items_are_on_the_public_pages_at_once(publisher_client, client, parks):
    assert "青岛新材料产业园" not in client.get("/parks/").content.decode()  # now cached for the old generation
    confirm(publisher_client, preview(publisher_client, workbook(NEW_PARKS)))
    client.logout()
    assert "青岛新材料产业园" in client.get("/parks/").content.decode()
    assert client.get(Park.objects.get(slug="xin-yuan").get_absolute_url()).status_code == 200


def test_staff_without_the_permission_get_no_import(client, db):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("visitor", is_staff=True))
    assert client.get(url(Park, "import")).status_code == 403
    assert client.post(url(Park, "export"), {"format": XLSX, "resource": MAIN}).status_code == 403


# -- bad rows: errors by row and column, nothing written -------------------------------------


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(publisher_client, parks):
    rows = [
        ["slug", "name", "parent", "tags", "description", "summary", "established_year"],
        ["ok-yuan", "青岛正常产业园", "gaoxin", "人工智能", "<p>正常。</p>", "好。", "2019"],
        ["bad-parent", "青岛甲园", "no-such-park", "", "", "", ""],
        ["bad-tag", "青岛乙园", "", "人工智能, !!!", "", "", ""],
        ["bad-html", "青岛丙园", "", "", "<p>介绍</p><script>alert(1)</script>", "", ""],
        ["formula", "青岛丁园", "", "", "", "=1+1", "二〇一九"],
    ]
    response = preview(publisher_client, workbook(rows))
    assert "confirm_form" not in response.context or not response.context["confirm_form"]
    errors = {(number, column): message for number, column, _label, message in response.context["result"].sheet_errors}
    assert set(errors) == {(3, "parent"), (4, "tags"), (5, "description"), (6, "summary"), (6, "established_year")}
    assert "no-such-park" in errors[3, "parent"]
    assert "!!!" in errors[4, "tags"]
    assert "script" in errors[5, "description"]
    assert "=1+1" in errors[6, "summary"]
    page = response.content.decode()
    assert "no-such-park" in page and "上级园区" in page
    assert not Park.objects.filter(slug__in=["ok-yuan", "bad-parent", "bad-tag", "bad-html", "formula"]).exists()
    assert not Tag.objects.filter(name="!!!").exists()


def test_a_formula_cell_in_a_workbook_is_refused(publisher_client, parks):
    rows = rows_of_workbook(export(publisher_client))
    row_of(rows, "gaoxin")[rows[0].index("land_area_km2")] = "=60+3.4"
    response = preview(publisher_client, workbook(rows))
    [(number, column, _label, message)] = response.context["result"].sheet_errors
    assert (column, "=60+3.4" in message) == ("land_area_km2", True)


def test_the_models_own_rules_apply_to_each_row(publisher_client, parks):
    rows = [["slug", "name", "exchange", "stock_code", "founded_year", "founded_month"],
            ["x", "青岛某公司", "SSE", "", "", ""], ["y", "青岛另一公司", "", "", "", "4"],
            ["z", "青岛第三公司", "", "", "1700", "13"]]  # fmt: skip
    response = preview(publisher_client, workbook(rows), model=Enterprise)
    errors = {(number, column) for number, column, _label, _message in response.context["result"].sheet_errors}
    assert errors == {(2, "stock_code"), (3, "founded_month"), (4, "founded_year"), (4, "founded_month")}


def test_the_same_slug_twice_is_an_error(publisher_client, parks):
    rows = [["slug", "name"], ["twice", "青岛一园"], ["twice", "青岛二园"]]
    response = preview(publisher_client, workbook(rows))
    whole_row = [message for number, column, _label, message in response.context["result"].sheet_errors if not column]
    assert len(whole_row) == 1 and "2" in whole_row[0]
    assert {number for number, *_rest in response.context["result"].sheet_errors} == {3}


# -- files that cannot be imported at all ----------------------------------------------------


def form_error(response):
    return " ".join(response.context["form"].errors.get("import_file", []))


def test_wrong_columns_are_named(publisher_client, parks):
    response = preview(publisher_client, workbook([["name", "kind"], ["青岛某园", "industrial_park"]]))
    assert "“slug”" in " ".join(errors_shown(response)["base"])
    response = preview(publisher_client, workbook([["slug", "name", "colour"], ["a", "青岛某园", "red"]]))
    message = " ".join(errors_shown(response)["base"])
    assert "“colour”" in message and "slug" in message
    assert "colour" in response.content.decode()
    assert Park.objects.count() == 2


def test_a_file_of_50000_rows_is_refused_quickly(publisher_client, parks):
    import time

    rows = [["slug", "name"]] + [[f"park-{i}", f"园区{i}"] for i in range(50_000)]
    for content, file_format in ((csv_bytes(rows), CSV), (workbook(rows), XLSX)):
        started = time.monotonic()
        response = preview(publisher_client, content, file_format=file_format)
        assert time.monotonic() - started < 10
        assert "5000" in form_error(response)
        assert "confirm_form" not in response.context
    assert Park.objects.count() == 2


def test_a_file_over_the_size_limit_is_refused(publisher_client, parks, settings):
    settings.SPREADSHEET_MAX_BYTES = 1000
    response = preview(publisher_client, csv_bytes([["slug", "name"]] + [["a" * 50, "b" * 50]] * 20), file_format=CSV)
    assert "1000" in form_error(response) or "KB" in form_error(response) or "字节" in form_error(response)
    assert Park.objects.count() == 2


def test_a_gbk_csv_from_a_chinese_excel_is_read(publisher_client, parks):
    content = csv_bytes([["slug", "name", "summary"], ["gbk-yuan", "青岛编码产业园", "中文摘要"]], encoding="gbk")
    response = preview(publisher_client, content, file_format=CSV)
    assert totals(response) == {"new": 1, "update": 0, "skip": 0}
    assert "GBK" in response.content.decode()
    confirm(publisher_client, response)
    assert Park.objects.get(slug="gbk-yuan").summary == "中文摘要"


def test_bytes_that_are_no_text_are_refused(publisher_client, parks):
    response = preview(publisher_client, b"slug,name\r\nbad,\xff\xfe\xff\r\n", file_format=CSV)
    assert "UTF-8" in form_error(response)
    response = preview(publisher_client, b"not a workbook", file_format=XLSX)
    assert "XLSX" in form_error(response)
    response = preview(publisher_client, workbook([["slug"], ["a"]]), file_format=CSV)
    assert form_error(response)
    response = preview(publisher_client, csv_bytes([["slug", "name"]]), file_format=CSV)
    assert form_error(response) == "文件中除了列名之外没有任何行。"
    response = preview(publisher_client, b"", file_format=CSV)
    assert form_error(response) == "所提交的是空文件。"  # Django's own message for an empty upload
    assert Park.objects.count() == 2


# -- figures ---------------------------------------------------------------------------------


def test_figures_import_by_owner_label_and_year(publisher_client, parks):
    rows = rows_of_workbook(export(publisher_client, resource=FIGURES))
    rows[1][rows[0].index("value")] = 1300
    rows.append(["gaoxin", "入驻企业", 2024, "Enterprises", "over", 2300, "家", "companies", "", 1])
    rows.append(["no-such-park", "入驻企业", 2024, "", "", 1, "家", "", "", 0])
    response = preview(publisher_client, workbook(rows), resource=FIGURES)
    [(number, column, _label, _message)] = response.context["result"].sheet_errors
    assert (number, column) == (4, "park")
    del rows[3]
    response = preview(publisher_client, workbook(rows), resource=FIGURES)
    assert totals(response) == {"new": 1, "update": 1, "skip": 0}
    confirm(publisher_client, response)
    figures = {figure.label: figure for figure in ParkFigure.objects.filter(park=parks["zone"])}
    assert figures["营业收入"].value == Decimal("1300")
    assert (figures["入驻企业"].qualifier, figures["入驻企业"].value) == ("over", Decimal("2300"))
    assert figures["入驻企业"].unit_en == "companies"


# -- enterprises -----------------------------------------------------------------------------


def test_enterprises_round_trip_with_parks_and_qualifications(publisher_client, parks):
    make_qualification()
    kaos = make_enterprise(name="卡奥斯物联科技股份有限公司", short_name="卡奥斯", slug="kaos", stock_code="2121",
                           exchange="HKEX", founded_year=2017, founded_month=4)  # fmt: skip
    kaos.parks.add(parks["zone"], parks["child"])
    kaos.qualifications.add(make_qualification())
    rows = rows_of_workbook(export(publisher_client, model=Enterprise))
    assert by_slug(rows)["kaos"]["parks"] == "gaoxin, vr-park"
    assert by_slug(rows)["kaos"]["qualifications"] == "unicorn"
    row_of(rows, "kaos")[rows[0].index("parks")] = "gaoxin"
    response = preview(publisher_client, workbook(rows), model=Enterprise)
    assert totals(response) == {"new": 0, "update": 1, "skip": 1}
    confirm(publisher_client, response, model=Enterprise)
    assert list(kaos.parks.values_list("slug", flat=True)) == ["gaoxin"]
    assert list(kaos.qualifications.values_list("slug", flat=True)) == ["unicorn"]


# -- what it costs -----------------------------------------------------------------------------


def many_parks(count, start=0):
    zone = Park.objects.filter(slug="gaoxin").first() or make_park(name="青岛高新技术产业开发区", slug="gaoxin")
    operator = Enterprise.objects.filter(slug="op").first() or make_enterprise(name="青岛运营公司", slug="op")
    for i in range(start, start + count):
        park = make_park(name=f"示范产业园{i:03d}", slug=f"park-{i}", parent=zone, operator=operator)
        park.tags.add("人工智能", f"标签{i}")
        make_park_figure(park)


def queries(action):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


def test_an_export_costs_the_same_for_3_parks_or_30(publisher_client):
    # Session, user, permissions (2), the list's filter choices and count, the parks with parent and
    # operator, their tags: whatever the number of rows.
    many_parks(3)
    costs = []
    for model, resource in ((Park, MAIN), (Park, FIGURES), (Enterprise, MAIN)):
        costs.append(queries(lambda m=model, r=resource: export(publisher_client, model=m, resource=r)))
    many_parks(27, start=3)
    for index, (model, resource) in enumerate(((Park, MAIN), (Park, FIGURES), (Enterprise, MAIN))):
        assert queries(lambda m=model, r=resource: export(publisher_client, model=m, resource=r)) == costs[index]


def test_a_preview_of_unchanged_rows_costs_two_queries_a_row(publisher_client):
    # Everything a row needs is read once for the whole file (the parks by slug with their tags, each
    # parent and operator named); what remains per row is its savepoint (SAVEPOINT, RELEASE), so that
    # a row that fails is rolled back alone.
    many_parks(5)
    content = export(publisher_client)
    small = queries(lambda: preview(publisher_client, content))
    many_parks(10, start=5)
    content = export(publisher_client)
    large = queries(lambda: preview(publisher_client, content))
    assert large - small == 2 * 10


def test_a_confirmation_that_now_fails_writes_nothing(publisher_client, parks):
    rows = [["slug", "name", "parent"], ["b-yuan", "青岛乙产业园", ""], ["a-yuan", "青岛甲产业园", "vr-park"]]
    response = preview(publisher_client, workbook(rows))
    assert totals(response) == {"new": 2, "update": 0, "skip": 0}
    Park.objects.get(slug="vr-park").delete()  # by someone else, between the preview and the confirmation
    after = confirm(publisher_client, response)
    assert after.status_code == 200
    assert [(number, column) for number, column, *_rest in after.context["result"].sheet_errors] == [(3, "parent")]
    assert "预览之后数据有了变化" in after.content.decode()
    assert not Park.objects.filter(slug__in=["a-yuan", "b-yuan"]).exists()


def test_the_import_page_lists_the_columns_with_their_names(editor_client, db):
    page = editor_client.get(url(Park, "import")).content.decode()
    assert "<code>parent</code> 上级园区" in page and "<code>value</code> 数值" in page


def test_a_file_lost_from_the_cache_before_the_confirmation_is_asked_for_again(publisher_client, parks):
    from django.core.cache import cache

    response = preview(publisher_client, workbook(NEW_PARKS))
    cache.clear()  # the file waits in the cache between the preview and the confirmation
    after = confirm(publisher_client, response)
    assert after.status_code == 302 and after.url == url(Park, "import")
    assert "请重新上传" in publisher_client.get(after.url).content.decode()
    assert not Park.objects.filter(slug="xin-yuan").exists()


def test_an_editors_file_cannot_change_published_content_which_waits_for_review(editor_client, parks):
    rows = rows_of_workbook(export(editor_client))
    row_of(rows, "gaoxin")[rows[0].index("summary")] = "编辑通过文件改写的摘要"
    response = preview(editor_client, workbook(rows))
    text = response.content.decode()
    assert "需要经发布者审核" in text  # the row's error, by name; nothing can be confirmed
    assert "confirm_form" not in response.context
    assert Park.objects.get(slug="gaoxin").summary != "编辑通过文件改写的摘要"
