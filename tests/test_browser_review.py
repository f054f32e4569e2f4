"""The review journey in Chromium: an editor's change of a published article waits, a publisher approves it.

A second browser saving the same pending change in between is refused, and
keeps everything typed in the first.
"""

import pytest
from django.conf import settings
from django.test import Client

from content.models import PendingChange
from news.models import Article
from tests.browser_support import DESKTOP, browser, restore_roles
from tests.helpers import make_article, make_staff

__all__ = ["browser"]  # a fixture

pytestmark = pytest.mark.browser

OLD_TITLE = "青岛港年吞吐量再创新高"
NEW_TITLE = "青岛港开通冷链专线"


@pytest.fixture
def article(transactional_db):
    restore_roles()  # the live server's flush removed the groups
    return make_article(title=OLD_TITLE, summary="集装箱航线继续增加。", body="<p>集装箱航线继续增加。</p>")


def signed_in(browser, live_server, username, role):
    user = make_staff(username, role=role)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(viewport=DESKTOP)
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context, context.new_page()


def test_an_editors_change_waits_for_review_and_goes_live_when_a_publisher_approves_it(browser, live_server, article):
    change_url = f"{live_server.url}/admin/news/article/{article.pk}/change/"
    public_url = live_server.url + article.get_absolute_url()
    visitor = browser.new_context(viewport=DESKTOP).new_page()

    editor, page = signed_in(browser, live_server, "editor", "editor")
    page.goto(change_url)
    assert "此内容已发布" in page.locator(".pending-banner").inner_text()
    page.fill("#id_title", NEW_TITLE)
    page.fill("#id_summary", "冷链专线首航，进口水果直达青岛。")
    page.locator("input[name=_submit]").click()
    page.wait_for_load_state()
    messages = page.locator(".messagelist").inner_text()
    assert "已保存为待审核的修改" in messages and "已提交审核" in messages

    visitor.goto(public_url)
    assert visitor.locator("h1").inner_text() == OLD_TITLE  # the public page is unchanged
    visitor.goto(f"{live_server.url}/search/?q=冷链")
    assert visitor.locator(f'a[href="{article.get_absolute_url()}"]').count() == 0

    publisher, review = signed_in(browser, live_server, "publisher", "publisher")
    review.goto(f"{live_server.url}/admin/")
    queued = review.locator("#review-waiting a", has_text=OLD_TITLE)  # the item, by its public title
    assert queued.count() == 1
    queued.click()
    review.wait_for_load_state()
    difference = review.locator(".review-diff").inner_text()
    assert OLD_TITLE in difference or "年吞吐量再创新高" in difference
    assert "冷链专线" in difference
    review.locator("input[name=_approve]").click()
    review.wait_for_load_state()
    assert review.locator(".messagelist .success").count() >= 1

    visitor.goto(public_url)
    assert visitor.locator("h1").inner_text() == NEW_TITLE
    visitor.goto(f"{live_server.url}/search/?q=冷链")
    assert visitor.locator(f'a[href="{article.get_absolute_url()}"]').count() >= 1
    assert not PendingChange.objects.exists()
    editor.close()
    publisher.close()
    visitor.context.close()


def test_a_colleagues_save_in_between_is_not_overwritten_and_nothing_typed_is_lost(browser, live_server, article):
    change_url = f"{live_server.url}/admin/news/article/{article.pk}/change/"
    first, first_page = signed_in(browser, live_server, "editor", "editor")
    second, second_page = signed_in(browser, live_server, "editor2", "editor")
    first_page.goto(change_url)
    second_page.goto(change_url)

    first_page.fill("#id_summary", "先保存的摘要。")
    first_page.locator("input[name=_continue]").click()
    first_page.wait_for_load_state()
    second_page.fill("#id_summary", "后保存的摘要，不应覆盖前者。")
    second_page.locator("input[name=_continue]").click()
    second_page.wait_for_load_state()

    assert "先保存的摘要。" in second_page.locator(".errorlist.nonfield").inner_text()
    assert second_page.input_value("#id_summary") == "后保存的摘要，不应覆盖前者。"
    assert PendingChange.objects.get().data["fields"]["summary"] == "先保存的摘要。"
    assert Article.objects.get(pk=article.pk).summary == "集装箱航线继续增加。"  # the public version
    first.close()
    second.close()
