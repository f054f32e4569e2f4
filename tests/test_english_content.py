"""English versions of content, edited in the same forms: articles, tags (and parks, enterprises as before)."""

import pytest
from django.utils.translation import override
from taggit.models import Tag

from content.localize import name_of
from content.models import TagEnglish
from news.models import Article
from tests.helpers import make_article, posted_form
from tests.test_admin_articles import change_url

pytestmark = pytest.mark.django_db


def test_an_articles_english_version_is_edited_in_its_form_and_sanitized(publisher_client):
    article = make_article(title="青岛港新闻")
    form = publisher_client.get(change_url(article))
    assert 'name="title_en"' in form.text and 'name="body_en"' in form.text
    data = posted_form(
        form.text,
        title_en="Qingdao Port opens a cold-chain line",
        summary_en="The first cold-chain sailing.",
        body_en='<p onclick="steal()">The first sailing.</p><script>alert(1)</script>',
    )
    refused = publisher_client.post(change_url(article), data)
    assert refused.status_code == 200  # refused as the Chinese body would be, naming what would be dropped
    assert "&lt;script&gt;" in str(refused.context["adminform"].form.errors["body_en"])
    assert not Article.objects.get(pk=article.pk).title_en  # nothing half-saved

    data["body_en"] = '<p class="MsoNormal" style="color: red">The first sailing.</p>'
    assert publisher_client.post(change_url(article), data).status_code == 302
    saved = Article.objects.get(pk=article.pk)
    assert saved.title_en == "Qingdao Port opens a cold-chain line"
    assert saved.body_en == "<p>The first sailing.</p>"  # presentation dropped, as from the Chinese body


def test_staff_filter_articles_that_lack_english(publisher_client):
    make_article(title="有英文", title_en="In English", summary_en="Summary.", body_en="<p>Body.</p>")
    make_article(title="没有英文正文", title_en="No English body", summary_en="Summary.")
    make_article(title="只有中文")
    missing = publisher_client.get("/admin/news/article/?english=missing")
    assert [a.title for a in missing.context["cl"].result_list] == ["只有中文", "没有英文正文"] or sorted(
        a.title for a in missing.context["cl"].result_list
    ) == sorted(["只有中文", "没有英文正文"])
    complete = publisher_client.get("/admin/news/article/?english=complete")
    assert [a.title for a in complete.context["cl"].result_list] == ["有英文"]


def test_a_tag_gets_an_english_name_in_its_admin_page(publisher_client):
    tag = Tag.objects.create(name="人工智能", slug="人工智能")
    url = f"/admin/taggit/tag/{tag.pk}/change/"
    form = publisher_client.get(url)
    data = posted_form(form.text, name_en="Artificial intelligence")
    assert publisher_client.post(url, data).status_code == 302
    assert TagEnglish.objects.get(tag=tag).name_en == "Artificial intelligence"
    listing = publisher_client.get("/admin/taggit/tag/").text
    assert "Artificial intelligence" in listing
    tag = Tag.objects.select_related("english").get(pk=tag.pk)
    with override("en"):
        assert name_of(tag) == "Artificial intelligence"
    with override("zh-hans"):
        assert name_of(tag) == "人工智能"


def test_a_tag_without_an_english_name_keeps_its_chinese_one_in_english():
    tag = Tag.objects.create(name="海洋经济", slug="海洋经济")
    with override("en"):
        assert name_of(tag) == "海洋经济"


def test_a_chinese_name_in_parentheses_is_marked_in_english_rich_text():
    from content.localize import mark_chinese_in_parentheses

    html = '<p>the "Huitingche (慧停车)" brand (2023), <a href="/en/x/" title="(标题)">link</a> and 青岛</p>'
    assert mark_chinese_in_parentheses(html) == (
        '<p>the "Huitingche (<span lang="zh-Hans">慧停车</span>)" brand (2023), '
        '<a href="/en/x/" title="(标题)">link</a> and 青岛</p>'
    )


def test_staff_filter_tags_that_lack_an_english_name(publisher_client):
    named = Tag.objects.create(name="人工智能", slug="人工智能")
    TagEnglish.objects.create(tag=named, name_en="Artificial intelligence")
    Tag.objects.create(name="海洋经济", slug="海洋经济")
    blank = Tag.objects.create(name="工业互联网", slug="工业互联网")
    TagEnglish.objects.create(tag=blank, name_en="")
    missing = publisher_client.get("/admin/taggit/tag/?english=missing")
    assert sorted(t.name for t in missing.context["cl"].result_list) == ["工业互联网", "海洋经济"]
    complete = publisher_client.get("/admin/taggit/tag/?english=complete")
    assert [t.name for t in complete.context["cl"].result_list] == ["人工智能"]
