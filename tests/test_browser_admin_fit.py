"""The admin's lists fit a 1280 px laptop and a 390 px phone, in Chinese and in English (Chromium).

At 1280 px, with the navigation and the filters open beside it, a list has
no horizontal scroll and its title (or name) column keeps at least a third
of the table, so long Chinese titles read as lines, not one character per
line. On a phone the list keeps the checkbox, the title and the publication
state, and the page does not scroll sideways.
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.browser_support import DESKTOP, PHONE, browser
from tests.helpers import make_article, make_enterprise, make_park

__all__ = ["browser"]  # a fixture

pytestmark = pytest.mark.browser

LONG_TITLE = "市委书记热情邀约!中关村科技企业家“组团”来青,看青岛与北京如何“双向奔赴”"
LISTS = {
    "/admin/news/article/": "title",
    "/admin/parks/park/": "name",
    "/admin/parks/enterprise/": "display_name",
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


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", LISTS)
def test_lists_fit_a_phone_with_title_and_state(browser, live_server, content, staff_cookie, path, prefix):
    sizes = measure(browser, live_server.url + prefix + path, PHONE, staff_cookie, LISTS[path])
    assert sizes["page"] <= sizes["window"], sizes
    assert sizes["shown"] == ["action-checkbox-column", f"column-{LISTS[path]}", "column-publication"], sizes
