"""An item's history, its comparison and a restore's confirmation fit a laptop and a phone (Chromium).

No page scrolls sideways at 1280 or 390 px, in Chinese and in English, long
Chinese titles included, and the browser reports no Content-Security-Policy
violation (the pages have no inline style or script).
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from content import history
from tests.browser_support import DESKTOP, PHONE, browser
from tests.helpers import make_article, make_park

__all__ = ["browser"]  # a fixture

pytestmark = pytest.mark.browser

LONG_TITLE = "市委书记热情邀约!中关村科技企业家“组团”来青,看青岛与北京如何“双向奔赴”"


@pytest.fixture
def pages(transactional_db, live_server):
    user = get_user_model().objects.create_superuser(
        "chief", password="unused-in-tests", first_name="青", last_name="王"
    )
    parks = [make_park(name="中国—上海合作组织地方经贸合作示范区"), make_park(name="青岛国际创新园")]
    article = make_article(title=LONG_TITLE, body="<p>" + "青岛高新区企业登陆港股。" * 30 + "</p>")
    article.tags.add("人工智能")
    for number in range(3):
        with history.recording(user, history.comment(history.CHANGED, fields=["title", "body", "parks", "tags"])):
            article.title = f"{LONG_TITLE}（第{number}版）"
            article.body = article.body.replace("港股", f"港股{number}", 1)
            article.save()
            article.parks.set(parks[: number + 1])
            article.tags.add(f"主题{number}")
    old, new = list(history.versions_of(article))[-1], history.versions_of(article).first()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    base = reverse("admin:news_article_history", args=[article.pk])
    return {
        "cookie": {"name": cookie.key, "value": cookie.value, "url": live_server.url},
        "urls": [
            base,
            reverse("admin:news_article_compare", args=[article.pk]) + f"?old={old.pk}&new={new.pk}",
            reverse("admin:news_article_restore", args=[article.pk, old.pk]),
        ],
    }


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_history_pages_fit_without_policy_violations(browser, live_server, pages, viewport, prefix):
    context = browser.new_context(viewport=viewport)
    context.add_cookies([pages["cookie"]])
    page = context.new_page()
    problems = []
    # What the policy refuses (an inline style or script) is reported as a console error.
    page.on("console", lambda message: problems.append(message.text) if "Refused" in message.text else None)
    for url in pages["urls"]:
        response = page.goto(live_server.url + prefix + url)
        assert response.status == 200, url
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (url, width)
        name = url.strip("/").replace("/", "-").split("?")[0]
        page.screenshot(
            path=f"test-results/history-{viewport['width']}{prefix.replace('/', '-')}-{name}.png", full_page=True
        )
    context.close()
    assert not problems, problems
