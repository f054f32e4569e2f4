"""A publisher's day in a real browser: log in, write an article with everything on it, publish, see it live.

The log-in goes through the form with a real password (django-axes checks
every attempt, which needs a real request); the enterprise is chosen through
the admin's autocomplete widget (select2, which needs JavaScript). The admin
is in Chinese, so elements are found by their name and id, not their wording.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from news.models import Article
from tests.browser_support import DESKTOP, browser, restore_roles
from tests.helpers import ROLE_GROUPS, image_bytes, make_enterprise, make_park

__all__ = ["browser"]  # a fixture

pytestmark = pytest.mark.browser

PASSWORD = "Qingdao-staff-2024!"
TITLE = "青岛高新区新增一批工业互联网标杆企业"


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def publisher(transactional_db):
    restore_roles()
    user = get_user_model().objects.create_user(username="wang.qing", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=ROLE_GROUPS["publisher"]))
    return user


def test_a_publisher_publishes_an_article_with_a_cover_tags_and_an_enterprise(live_server, desk, publisher, tmp_path):
    zone = make_park(name="青岛高新技术产业开发区", summary="国家级高新区。")
    kaos = make_enterprise(name="卡奥斯物联科技股份有限公司", short_name="卡奥斯", summary="工业互联网平台。")
    kaos.parks.add(zone)
    make_enterprise(name="青岛海尔生物医疗股份有限公司", short_name="海尔生物")  # not to be picked
    cover = tmp_path / "封面.jpg"
    cover.write_bytes(image_bytes(size=(1600, 900), color=(200, 80, 40)))
    page = desk

    # Log in through the form; the admin then sends the publisher where they were going.
    page.goto(live_server.url + "/admin/news/article/add/")
    page.wait_for_url("**/admin/login/**")
    page.locator("#id_username").fill(publisher.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url("**/admin/news/article/add/")

    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("卡奥斯等企业入选。")
    # The body is typed into the rich-text editor (the textarea behind it keeps the HTML).
    page.locator(".field-body .prose-editor > .ProseMirror[contenteditable=true]").click()
    page.keyboard.type("近日，卡奥斯工业互联网平台入选国家级标杆。")
    page.locator("#id_cover").set_input_files(cover)
    page.locator("#id_cover_alt").fill("卡奥斯展厅")
    page.locator("#id_tags").fill("人工智能，工业互联网")

    # The enterprise, through select2: open it, type part of the name, pick the result.
    page.locator("#id_enterprises + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("卡奥")
    result = page.locator(".select2-container--open .select2-results__option", has_text="卡奥斯")
    result.click()
    assert page.locator("#id_enterprises").evaluate("select => [...select.selectedOptions].map(o => o.value)") == [
        str(kaos.pk)
    ]

    page.locator("#id_status").select_option("published")
    with page.expect_navigation():
        page.locator("[name=_save]").click()
    assert page.locator(".errornote, .errorlist").all_inner_texts() == []
    assert page.url == live_server.url + "/admin/news/article/"
    assert page.locator(".messagelist .success").count() == 1

    article = Article.objects.get(title=TITLE)
    assert article.is_public
    assert article.body == "<p>近日，卡奥斯工业互联网平台入选国家级标杆。</p>"
    assert sorted(article.tags.names()) == ["人工智能", "工业互联网"]

    # The visitor's side: the news list, the article, its cover, tags and enterprise card.
    page.goto(live_server.url + "/news/")
    page.locator(".card-article .card-title a", has_text=TITLE).click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.locator("h1").inner_text() == TITLE
    cover_image = page.locator(".article-cover img")
    assert cover_image.get_attribute("alt") == "卡奥斯展厅"
    # decode() waits for the image and fails if it could not be loaded.
    assert cover_image.evaluate("img => img.decode().then(() => img.naturalWidth, () => 0)") > 0
    assert sorted(page.locator(".article-footer .tags a").all_inner_texts()) == ["人工智能", "工业互联网"]
    card = page.locator(".related-objects .card-enterprise")
    assert card.locator(".card-title a").inner_text() == "卡奥斯"
    card.locator(".card-title a").click()
    page.wait_for_url(f"**{kaos.get_absolute_url()}")
