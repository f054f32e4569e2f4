"""The admin's lists fit a 1280 px laptop and a 390 px phone, in Chinese and in English (Chromium).

At 1280 px, with the navigation and the filters open beside it, a list has
no horizontal scroll and its title (or name) column keeps at least a third
of the table, so long Chinese titles read as lines, not one character per
line. On a phone the list keeps the checkbox, the title and the publication
state, and the page does not scroll sideways. The forms fit too, and two
people saving the same form lose nothing (content/edit_conflicts.py).
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from content.models import Status
from parks.models import Project, Qualification
from tests.browser_support import DESKTOP, PHONE, browser
from tests.helpers import make_article, make_enterprise, make_page, make_park

__all__ = ["browser"]  # a fixture

pytestmark = pytest.mark.browser

LONG_TITLE = "市委书记热情邀约!中关村科技企业家“组团”来青,看青岛与北京如何“双向奔赴”"
LISTS = {
    "/admin/news/article/": "title",
    "/admin/parks/park/": "name",
    "/admin/parks/enterprise/": "display_name",
    "/admin/pages/page/": "title",
    "/admin/parks/project/": "title",
}


@pytest.fixture
def content(transactional_db):
    park = make_park(
        name="中国—上海合作组织地方经贸合作示范区", kind="pilot_zone", level="national", district="huangdao"
    )
    enterprise = make_enterprise(name="北京泰宁科创集团股份有限公司", short_name="泰宁科创", stock_code="")
    enterprise.parks.add(park)
    for n in range(3):
        make_article(title=f"{LONG_TITLE}（{n}）", source_outlet="青岛新闻网")
    make_page("关于青岛市经济发展局", title_en="About the bureau")
    make_page(f"{LONG_TITLE}（政策）", kind="policy", order=1)
    Project.objects.create(
        title=f"{LONG_TITLE}（项目）", park=park, stage=Project.Stage.NEGOTIATING,
        status=Status.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip
    return park, enterprise


@pytest.fixture
def staff_cookie(transactional_db, live_server):
    user = get_user_model().objects.create_superuser("chief", password="unused-in-tests")
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "url": live_server.url}


def measure(browser, url, viewport, cookie, column):
    context = browser.new_context(viewport=viewport)
    context.add_cookies([cookie])
    page = context.new_page()
    page.goto(url)
    sizes = page.evaluate(
        """(column) => {
          const table = document.querySelector('#result_list');
          const results = document.querySelector('.results');
          const title = table.querySelector('thead th.column-' + column);
          const shown = [...table.querySelectorAll('thead th')].filter(th => th.offsetWidth > 0)
            .map(th => th.className.split(' ').find(c => c.startsWith('column-') || c.endsWith('-column')));
          return {page: document.documentElement.scrollWidth, window: window.innerWidth,
                  results: results.scrollWidth, resultsVisible: results.clientWidth,
                  table: table.getBoundingClientRect().width, title: title.getBoundingClientRect().width, shown};
        }""",
        column,
    )
    context.close()
    return sizes


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", LISTS)
def test_lists_fit_a_laptop_with_a_third_for_the_title(browser, live_server, content, staff_cookie, path, prefix):
    sizes = measure(browser, live_server.url + prefix + path, DESKTOP, staff_cookie, LISTS[path])
    assert sizes["page"] <= sizes["window"], sizes
    assert sizes["results"] <= sizes["resultsVisible"], sizes  # no scrolling inside the list either
    assert sizes["title"] >= sizes["table"] / 3, sizes


@pytest.mark.parametrize("path", ["/admin/taggit/tag/", "/admin/parks/qualification/", "/admin/auth/user/"])
def test_the_other_lists_fit_a_phone_too(browser, live_server, content, staff_cookie, path):
    content[1].tags.add("工业互联网")
    Qualification.objects.get_or_create(slug="little-giant", defaults={"name": "专精特新“小巨人”企业"})
    context, page = open_page(browser, live_server.url + path, PHONE, staff_cookie)
    sizes = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, results: document.querySelector('.results').scrollWidth,"
        " visible: document.querySelector('.results').clientWidth})"
    )
    context.close()
    assert sizes["page"] <= PHONE["width"] and sizes["results"] <= sizes["visible"], sizes


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", LISTS)
def test_lists_fit_a_phone_with_title_and_state(browser, live_server, content, staff_cookie, path, prefix):
    sizes = measure(browser, live_server.url + prefix + path, PHONE, staff_cookie, LISTS[path])
    assert sizes["page"] <= sizes["window"], sizes
    assert sizes["shown"] == ["action-checkbox-column", f"column-{LISTS[path]}", "column-publication"], sizes


def open_page(browser, url, viewport, cookie):
    context = browser.new_context(viewport=viewport)
    context.add_cookies([cookie])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(url)
    return context, page


@pytest.fixture
def park_with_figures(content):
    park = content[0]
    for position, (label, value) in enumerate([("入驻企业", "326"), ("营业收入", "120"), ("就业人数", "1.5")]):
        park.figures.create(label=label, value=value, unit="家", year=2023, position=position)
    return park


FORM_SIZES = """() => ({
  page: document.documentElement.scrollWidth, window: window.innerWidth,
  title: document.querySelector('#id_name').getBoundingClientRect().width,
  row: document.querySelector('.form-row.field-name').getBoundingClientRect().width,
})"""


# Fields, labels and help texts of the first figure that reach past its card (whose rows hide what overflows).
FIGURE_CUT_OFF = """() => {
  const card = document.querySelector('.figures .inline-related:not(.empty-form)');
  const right = card.getBoundingClientRect().right;
  return [...card.querySelectorAll('input:not([type=hidden]), select, label, .help')]
    .filter(e => e.offsetWidth > 0 && e.getBoundingClientRect().right > right + 0.5)
    .map(e => e.name || e.htmlFor || e.textContent.slice(0, 20));
}"""


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("kind", ["park", "enterprise"])
def test_park_and_enterprise_forms_with_figures_fit(
    browser, live_server, content, park_with_figures, staff_cookie, kind, viewport, prefix
):
    obj = park_with_figures if kind == "park" else content[1]
    if kind == "enterprise":
        for position, value in enumerate(["326", "120", "1.5"]):
            obj.figures.create(label=f"指标{position}", value=value, unit="人", year=2023, position=position)
    url = f"{live_server.url}{prefix}/admin/parks/{kind}/{obj.pk}/change/"
    context, page = open_page(browser, url, viewport, staff_cookie)
    sizes = page.evaluate(FORM_SIZES)
    values = page.locator(".figures .inline-related:not(.empty-form) input[name$='-value']").evaluate_all(
        "inputs => inputs.map(i => i.value)"
    )
    cut_off = page.evaluate(FIGURE_CUT_OFF)
    context.close()
    assert sizes["page"] <= sizes["window"], sizes
    assert cut_off == [], "cut off at the right edge of a figure's card"
    assert sizes["title"] >= sizes["row"] * 0.6, sizes  # the name field spans the form, beside its label
    assert values == ["326", "120", "1.5"]


def test_figures_are_reordered_with_buttons_not_numbers(browser, live_server, park_with_figures, staff_cookie):
    url = f"{live_server.url}/admin/parks/park/{park_with_figures.pk}/change/"
    context, page = open_page(browser, url, DESKTOP, staff_cookie)
    assert page.locator(".figures input[name$='-position']").first.get_attribute("type") == "hidden"
    figures = page.locator(".figures .inline-related:not(.empty-form)")
    figures.nth(2).locator(".figure-up").click()  # 就业人数 before 营业收入
    figures.nth(0).locator(".figure-down").click()  # 入驻企业 after 就业人数
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").count() == 1
    context.close()
    labels = list(park_with_figures.figures.order_by("position").values_list("label", flat=True))
    assert labels == ["就业人数", "入驻企业", "营业收入"]


def test_a_save_that_leaves_the_figures_alone_does_not_change_them(
    browser, live_server, park_with_figures, staff_cookie
):
    """The figures' hidden positions (0, 1, 2 here, as in the demo) are sent back as they are: renumbering them
    from 1 made every save of a park a change of its figures, named in the history and the review."""
    url = f"{live_server.url}/admin/parks/park/{park_with_figures.pk}/change/"
    context, page = open_page(browser, url, DESKTOP, staff_cookie)
    page.fill("#id_summary", "更新后的摘要。")
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").count() == 1
    page.goto(f"{url.removesuffix('change/')}history/")
    newest = page.locator(".history-versions tbody tr").first.locator(".history-what").inner_text()
    context.close()
    assert "摘要" in newest and "园区数据" not in newest, newest
    positions = list(park_with_figures.figures.order_by("position").values_list("label", "position"))
    assert positions == [("入驻企业", 0), ("营业收入", 1), ("就业人数", 2)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_an_articles_tags_and_linked_parks_can_be_read_whole(browser, live_server, content, staff_cookie, viewport):
    """The tags field showed about three tags of a list and the linked parks' box cut long names off."""
    park, _enterprise = content
    article = make_article(title="四个标签的文章")
    article.tags.add("工业互联网", "招商引资", "清洁能源", "轨道交通")
    article.parks.add(park)  # 中国—上海合作组织地方经贸合作示范区
    url = f"{live_server.url}/admin/news/article/{article.pk}/change/"
    context, page = open_page(browser, url, viewport, staff_cookie)
    sizes = page.evaluate(
        """() => {
          const tags = document.querySelector('.form-row.field-tags input[type=text]');
          const box = document.querySelector('.form-row.field-parks .select2-selection').getBoundingClientRect();
          const names = [...document.querySelectorAll('.form-row.field-parks .select2-selection__choice')];
          return {tagsHidden: tags.scrollWidth - tags.clientWidth, page: document.documentElement.scrollWidth,
                  window: window.innerWidth,
                  cut: names.filter(n => n.getBoundingClientRect().right > box.right + 0.5).map(n => n.title)};
        }"""
    )
    context.close()
    assert sizes["page"] <= sizes["window"], sizes
    if viewport is DESKTOP:  # on a phone a long list of tags scrolls within its field, as any text does
        assert sizes["tagsHidden"] <= 0, sizes
    assert sizes["cut"] == [], sizes


def test_two_people_saving_the_same_park_lose_nothing(browser, live_server, content, staff_cookie, transactional_db):
    """Two browser contexts open the same park; the second save is refused and keeps what was typed."""
    park = content[0]
    url = f"{live_server.url}/admin/parks/park/{park.pk}/change/"
    first, first_page = open_page(browser, url, DESKTOP, staff_cookie)
    second, second_page = open_page(browser, url, DESKTOP, staff_cookie)

    first_page.fill("#id_summary", "先保存的摘要。")
    first_page.locator("input[name=_continue]").click()
    first_page.wait_for_load_state()
    second_page.fill("#id_summary", "后保存的摘要，不应覆盖前者。")
    second_page.locator("input[name=_continue]").click()
    second_page.wait_for_load_state()

    assert "先保存的摘要。" in second_page.locator(".errorlist.nonfield").inner_text()
    assert second_page.input_value("#id_summary") == "后保存的摘要，不应覆盖前者。"
    park.refresh_from_db()
    assert park.summary == "先保存的摘要。"
    first.close()
    second.close()


@pytest.fixture
def inquiries(content):
    from inquiries.models import Inquiry

    for n in range(3):
        Inquiry.objects.create(
            name=f"Anna Schmidt {n}", organisation="Schmidt Robotik GmbH", email=f"anna{n}@example.com",
            country="Germany", message="Land for a robot arm factory?", park=content[0], language="en",
        )  # fmt: skip


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_inquiry_inbox_fits_a_laptop_and_a_phone(browser, live_server, inquiries, staff_cookie, prefix):
    url = live_server.url + prefix + "/admin/inquiries/inquiry/"
    laptop = measure(browser, url, DESKTOP, staff_cookie, "sender")
    assert laptop["page"] <= laptop["window"] and laptop["results"] <= laptop["resultsVisible"], laptop
    assert len(laptop["shown"]) == 6, laptop  # checkbox, reference, sender, park, state, e-mailed: all in sight
    phone = measure(browser, url, PHONE, staff_cookie, "sender")
    assert phone["page"] <= phone["window"] and phone["results"] <= phone["resultsVisible"], phone
    assert phone["shown"] == [
        "action-checkbox-column", "column-reference_and_time", "column-sender", "column-state"
    ], phone  # fmt: skip


@pytest.mark.parametrize(("prefix", "lines"), [("", 1), ("/en", 2)])
def test_the_site_name_keeps_to_two_lines_on_a_phone(browser, live_server, staff_cookie, prefix, lines):
    """In English it took three lines, a fifth of a phone's screen, above every admin page."""
    context, page = open_page(browser, f"{live_server.url}{prefix}/admin/", PHONE, staff_cookie)
    height, line = page.evaluate(
        "() => { const name = document.querySelector('#site-name');"
        " return [name.getBoundingClientRect().height, parseFloat(getComputedStyle(name).lineHeight)]; }"
    )
    context.close()
    assert round(height / line) <= lines, (height, line)
