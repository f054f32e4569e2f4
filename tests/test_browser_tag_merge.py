"""A publisher merges tags in Chromium, in the Chinese admin, on a 1280 px screen and on a 390 px phone.

The confirmation page must fit the screen (no sideways scrolling), long tag
names and addresses included, and its form pass axe-core without a serious problem;
on the phone the merge is carried through to the changelist's message.
"""

import pytest
from django.conf import settings
from django.test import Client
from taggit.models import Tag

from tests.browser_support import DESKTOP, PHONE, axe_script, browser, restore_roles
from tests.helpers import make_article, make_enterprise, make_park, make_staff

__all__ = ["browser"]  # a fixture

pytestmark = pytest.mark.browser

NAMES = [
    "人工智能",
    "新一代信息技术与人工智能融合创新发展",
    "Artificial-Intelligence-and-Machine-Learning-Applications",
]
# What axe reports as failing the test, as in tests/test_browser_quality.py.
BLOCKING = {"serious", "critical"}


@pytest.fixture
def tags(transactional_db):
    article, park = make_article(title="人工智能产业大会召开"), make_park(name="青岛人工智能产业园")
    enterprise = make_enterprise(name="青岛创新奇智科技集团股份有限公司", short_name="创新奇智")
    article.tags.add(*NAMES)
    park.tags.add(NAMES[1])
    enterprise.tags.add(NAMES[2])
    return [Tag.objects.get(name=name) for name in NAMES]


@pytest.fixture
def publisher_cookie(transactional_db):
    """A publisher's session, as the log-in form would leave it (the log-in itself: tests/test_browser_staff.py)."""
    restore_roles()
    client = Client()
    client.force_login(make_staff("li.ming", role="publisher"))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def open_confirmation(page, base, tags):
    """From the tag list: tick the tags, choose the action, go."""
    page.goto(base + "/admin/taggit/tag/")
    for tag in tags:
        page.locator(f"input.action-select[value='{tag.pk}']").check()
    page.locator("select[name=action]").select_option("merge_selected")
    with page.expect_navigation():
        page.locator("button[name=index]").click()


def blocking_axe_problems(page):
    """axe-core's serious problems in the page's own form (Django's breadcrumbs and header are Django's)."""
    page.evaluate(axe_script())  # through the debugging protocol, so the admin's CSP does not apply
    violations = page.evaluate(
        """async () => (await axe.run(".merge-tags", {resultTypes: ["violations"]})).violations.map(
            v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" "))}))"""
    )
    return [v for v in violations if v["impact"] in BLOCKING]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280 wide", "phone 390x844"])
def test_the_merge_confirmation_fits_the_screen_in_chinese(live_server, browser, tags, publisher_cookie, viewport):
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": publisher_cookie, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        open_confirmation(page, live_server.url, tags)
        assert page.locator("#content h1").inner_text() == "合并标签"
        rows = page.locator(".merge-tags-choice tbody tr")
        assert rows.count() == 3
        assert page.locator(".merge-tags-choice thead th").all_inner_texts() == [
            "标签及其网址",
            "园区",
            "企业",
            "招商项目",
            "文章",
        ]
        width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"the page scrolls sideways: {width[0]} px wide in a {width[1]} px window"
        assert not blocking_axe_problems(page)

        if viewport == PHONE:
            # Keep the short one: a tap on its name chooses it.
            page.get_by_label(NAMES[0], exact=True).click()
            assert page.locator(f"input[name=keep][value='{tags[0].pk}']").is_checked()
            with page.expect_navigation():
                page.locator(".merge-tags [type=submit]").click()
            assert page.url == live_server.url + "/admin/taggit/tag/"
            assert "已将2个标签合并到“人工智能”" in page.locator(".messagelist .success").inner_text()
            assert list(Tag.objects.values_list("name", flat=True)) == [NAMES[0]]
            width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1]
    finally:
        context.close()
