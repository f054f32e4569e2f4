"""The spreadsheet import and export pages in Chromium, in Chinese, on a laptop and on a phone.

The site's Content-Security-Policy allows no inline script or style: any
violation shows up as a console error, and there must be none. The preview
table is wide; it scrolls in its own box, never the page sideways.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from parks.models import Park
from tests.browser_support import DESKTOP, PHONE, browser
from tests.helpers import ROLE_GROUPS, make_park
from tests.test_browser_public import no_horizontal_scroll
from tests.test_browser_staff import restore_roles
from tests.test_spreadsheets import workbook

__all__ = ["browser"]  # a fixture

pytestmark = pytest.mark.browser


@pytest.fixture
def publisher(transactional_db):
    restore_roles()
    user = get_user_model().objects.create_user(username="li.hua", password="unused", is_staff=True)
    user.groups.add(Group.objects.get(name=ROLE_GROUPS["publisher"]))
    return user


def staff_page(browser, live_server, user, viewport):
    """A page logged in as ``user`` (through a session cookie), collecting console errors."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.console_errors = []
    # The admin links no icon, so the browser's own request for /favicon.ico is the one 404 to expect.
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.location.get("url", "").endswith("/favicon.ico")
            and page.console_errors.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return page


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280 wide", "phone 390x844"])
def test_import_preview_and_export_pages_keep_the_policy_and_fit_the_screen(
    live_server, browser, publisher, viewport, tmp_path
):
    make_park(name="青岛高新技术产业开发区", slug="gaoxin", summary="国家级高新区。")
    file = tmp_path / "园区.xlsx"
    long_text = "园区简介，" * 60
    file.write_bytes(
        workbook(
            [
                ["slug", "name", "summary", "description", "tags"],
                ["gaoxin", "青岛高新技术产业开发区", "国家级高新区，聚焦人工智能。", "", ""],
                ["xin-yuan", "青岛新材料产业园", long_text, f"<p>{long_text}</p>", "新材料，人工智能"],
            ]
        )
    )
    page = staff_page(browser, live_server, publisher, viewport)
    try:
        page.goto(live_server.url + "/admin/parks/park/")
        page.locator("a.import_link").click()
        page.wait_for_url("**/admin/parks/park/import/")
        assert page.locator("html").get_attribute("lang") == "zh-hans"
        no_horizontal_scroll(page)

        page.locator("#id_import_file").set_input_files(file)
        # django-import-export's script picks the format from the file's extension.
        assert page.locator("#id_format option:checked").inner_text() == "xlsx"
        page.locator("#id_resource").select_option("0")
        with page.expect_navigation():
            page.locator("input[type=submit]").click()
        assert "预览：新增1项，修改1项，0项未变" in page.locator(".sheet-summary").inner_text()
        assert page.locator(".sheet-preview tbody tr").count() == 2
        assert page.locator(".sheet-preview ins").count() >= 1
        no_horizontal_scroll(page)

        with page.expect_navigation():
            page.locator("input[name=confirm]").click()
        assert page.url.endswith("/admin/parks/park/")
        assert "导入完成" in page.locator(".messagelist").inner_text()
        assert Park.objects.get(slug="gaoxin").summary == "国家级高新区，聚焦人工智能。"

        # A file with a bad row: the errors in place, by row and column.
        bad = tmp_path / "bad.xlsx"
        bad.write_bytes(workbook([["slug", "name", "parent"], ["x", "青岛某园", "no-such-park"]]))
        page.goto(live_server.url + "/admin/parks/park/import/")
        page.locator("#id_import_file").set_input_files(bad)
        with page.expect_navigation():
            page.locator("input[type=submit]").click()
        assert "no-such-park" in page.locator(".sheet-error-table").inner_text()
        no_horizontal_scroll(page)

        page.goto(live_server.url + "/admin/parks/park/export/")
        no_horizontal_scroll(page)
        page.locator("#id_format").select_option("0")
        with page.expect_download() as download:
            page.locator("input[type=submit]").click()
        assert download.value.suggested_filename.endswith(".xlsx")
    finally:
        errors = page.console_errors
        page.context.close()
    assert errors == [], errors
