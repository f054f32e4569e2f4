"""Small things an editor meets every day in the admin: the index, messages, names, help texts."""

import re
from html import unescape

import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.urls import reverse

from content.people import person_name
from news.models import Article
from tests.helpers import make_article
from tests.test_admin_articles import ADD_URL, TITLE, article_form, change_url, publication, readonly_values

pytestmark = pytest.mark.django_db


def section_titles(html):
    """The admin index's sections, top to bottom, and the models listed in each."""
    sections = re.findall(r'<caption>\s*<a[^>]*class="section"[^>]*>(.*?)</a>.*?</table>', html, re.S)
    return [unescape(title) for title in sections]


def model_names(html, app_label):
    table = re.search(rf'<div class="app-{app_label} module.*?</table>', html, re.S).group(0)
    return [
        unescape(name) for name in re.findall(r'<th scope="row" id="[^"]*">\s*<a href="[^"]*"[^>]*>(.*?)</a>', table)
    ]


@pytest.fixture
def superuser_client(client):
    client.force_login(get_user_model().objects.create_superuser("chief", password="unused-in-tests"))
    return client


class TestIndex:
    def test_sections_follow_daily_use_articles_first_log_in_records_last(self, superuser_client):
        html = superuser_client.get(reverse("admin:index")).text
        assert section_titles(html) == [
            "新闻",
            "园区与企业",
            "本局页面",
            "咨询",
            "标签",
            "网站",
            "认证和授权",
            "登录记录",
        ]
        assert model_names(html, "parks") == ["园区", "企业", "招商项目", "资质"]

    def test_no_english_left_in_the_chinese_index(self, superuser_client):
        html = superuser_client.get(reverse("admin:index")).text
        for english in ("Axes", "AXES", "Access attempts", "Access logs", "Access failures"):
            assert english not in html
        assert "登录尝试" in html and "登录日志" in html

    def test_the_english_index_keeps_the_same_order_in_english(self, superuser_client):
        html = superuser_client.get("/en/admin/").text
        titles = section_titles(html)
        assert titles[0] == "News" and titles[-1] == "Log-in records"

    def test_the_side_navigation_follows_the_same_order(self, superuser_client):
        article = make_article()
        html = superuser_client.get(change_url(article)).text
        nav = re.search(r'<nav class="sticky" id="nav-sidebar".*?</nav>', html, re.S).group(0)
        assert section_titles(nav)[:2] == ["新闻", "园区与企业"]


class TestChineseWording:
    """Django's own Chinese spaces out the model's name ("选择 文章 来修改") and calls the index's edit link "变化"
    (our spreadsheet preview's word for a changed row had taken over Django's "修改"). Staff read these all day."""

    def test_the_index_offers_to_change_not_a_change(self, superuser_client):
        html = superuser_client.get(reverse("admin:index")).text
        assert "变化" not in html
        assert re.search(r'<a href="/admin/news/article/" class="changelink"[^>]*>修改</a>', html)
        assert "暂无记录" in html  # no recent actions yet

    def test_list_and_form_titles_read_as_one_phrase(self, superuser_client):
        article = make_article()
        listing = unescape(superuser_client.get(reverse("admin:news_article_changelist")).text)
        assert "<h1>选择要修改的文章</h1>" in listing
        assert "按公开状态" in listing and " 以 " not in listing  # the filters' headings
        assert "删除所选文章" in listing  # the action
        assert "文章共1项" in listing  # the count under the list, not "1 文章"
        assert "增加文章" in listing  # the add button
        # Draft or published once, in the visibility filter (which also tells scheduled from public).
        assert "按公开状态" in listing and "按状态" not in listing
        assert "<h1>修改文章</h1>" in unescape(superuser_client.get(change_url(article)).text)
        assert "<h1>增加文章</h1>" in unescape(superuser_client.get(ADD_URL).text)

    def test_english_keeps_djangos_wording(self, superuser_client):
        listing = superuser_client.get("/en" + reverse("admin:news_article_changelist")).text
        assert "<h1>Select article to change</h1>" in listing
        assert "By visibility" in listing
        make_article(title="第一篇")
        make_article(title="第二篇")
        listing = superuser_client.get("/en/admin/news/article/").text
        assert re.search(r"\s2 articles\s", listing)


class TestSuccessMessages:
    def saved_message(self, response):
        return next(str(m) for m in response.context["messages"] if m.level == messages.SUCCESS)

    def test_a_saved_draft_links_to_its_preview(self, editor_client):
        response = editor_client.post(ADD_URL, article_form(), follow=True)
        article = Article.objects.get(title=TITLE)
        message = self.saved_message(response)
        assert f'<a href="{article.get_preview_url()}">打开预览（仅工作人员可见）</a>' in message

    def test_a_published_article_links_to_its_public_page(self, publisher_client):
        article = make_article()
        data = article_form(
            title=article.title, slug=article.slug, body=article.body, **publication(article.published_at)
        )
        response = publisher_client.post(change_url(article), data, follow=True)
        assert f'<a href="{article.get_absolute_url()}">在网站上查看</a>' in self.saved_message(response)

    def test_the_english_admin_links_to_the_english_page(self, publisher_client):
        article = make_article()
        data = article_form(
            title=article.title, slug=article.slug, body=article.body, **publication(article.published_at)
        )
        public_url = "/en" + article.get_absolute_url()
        response = publisher_client.post("/en" + change_url(article), data, follow=True)
        assert f'<a href="{public_url}">View it on the site</a>' in self.saved_message(response)


class TestFormDetails:
    def test_a_new_item_shows_no_editor_rather_than_none(self, editor_client):
        response = editor_client.get(ADD_URL)
        assert readonly_values(response)["last_editor"] == ""
        assert "None" not in response.text

    def test_the_last_editor_is_shown_by_name(self, editor_client, editor):
        editor.first_name, editor.last_name = "小红", "王"
        editor.save()
        editor_client.post(ADD_URL, article_form())
        response = editor_client.get(change_url(Article.objects.get(title=TITLE)))
        assert readonly_values(response)["last_editor"] == "王小红"  # family name first, as Chinese names are written

    @pytest.mark.parametrize("url", [ADD_URL, reverse("admin:parks_park_add"), reverse("admin:parks_enterprise_add")])
    def test_the_tag_help_names_the_separators(self, editor_client, url):
        html = editor_client.get(url).text
        assert "逗号（，或 ,）、顿号（、）或分号（；）" in unescape(html)


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [("小红", "王", "王小红"), ("Anna", "Schmidt", "Anna Schmidt"), ("", "", "editor")],
)
def test_staff_names_are_written_as_people_write_them(editor, first, last, shown):
    editor.first_name, editor.last_name = first, last
    assert person_name(editor) == shown
