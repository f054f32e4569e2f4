"""Every tag has an address: names that could have none are refused where they are typed, repaired where stored.

A tag's page lives at its slug, made of the name's letters and digits. A name
of punctuation alone (``!!!``, or a ``>`` left by pasting HTML into the tag
field) had no slug: the article page, /news/ and /sitemap.xml then failed.
A name longer than the column failed on PostgreSQL.
"""

import io
import json

import pytest
from django.apps import apps
from django.urls import reverse
from taggit.models import Tag

from content.tagging import fallback_slug
from news.models import Article
from parks.models import Enterprise, Park
from tests.helpers import make_article
from tests.test_admin_articles import article_form
from tests.test_admin_parks import enterprise_form, park_form

pytestmark = pytest.mark.django_db

LONG = "人工智能" * 26  # 104 characters

FORMS = {
    "article": (Article, "admin:news_article_add", article_form),
    "park": (Park, "admin:parks_park_add", park_form),
    "enterprise": (Enterprise, "admin:parks_enterprise_add", enterprise_form),
}


def errors(response, field):
    form = response.context["adminform"].form
    return [error.message % (error.params or {}) for error in form.errors.as_data().get(field, [])]


@pytest.mark.parametrize("kind", FORMS)
@pytest.mark.parametrize(
    ("typed", "named", "says"),
    [
        ("人工智能，!!!", "!!!", "没有可用于生成网址的文字或数字"),
        ("虚拟现实、>", ">", "没有可用于生成网址的文字或数字"),
        (f"人工智能，{LONG}", LONG[:20], "最多100个字符"),
    ],
)
def test_a_tag_without_an_address_is_refused_in_every_form_and_nothing_typed_is_lost(
    editor_client, kind, typed, named, says
):
    model, url_name, form = FORMS[kind]
    response = editor_client.post(reverse(url_name), form(tags=typed))
    assert response.status_code == 200  # the form again, not a 500 and not a redirect
    messages = errors(response, "tags")
    assert len(messages) == 1 and named in messages[0] and says in messages[0], messages
    assert response.context["adminform"].form["tags"].value() == typed  # what the editor typed is still there
    assert not model.objects.exists()
    assert not Tag.objects.exists()


def test_good_tags_typed_with_chinese_separators_still_save(editor_client):
    response = editor_client.post(reverse("admin:news_article_add"), article_form(tags="人工智能，虚拟现实；5G"))
    assert response.status_code == 302
    assert sorted(Article.objects.get().tags.names()) == ["5G", "人工智能", "虚拟现实"]


@pytest.mark.parametrize(("name", "says"), [("!!!", "没有可用于生成网址的文字或数字"), (LONG, "100")])
def test_the_tag_admin_refuses_the_same_names(editor_client, name, says):
    response = editor_client.post(reverse("admin:taggit_tag_add"), {"name": name, "slug": "some-slug", "_save": "save"})
    assert response.status_code == 200
    assert any(says in message for message in errors(response, "name"))
    assert not Tag.objects.exists()


def test_a_tag_added_by_code_gets_an_address_and_no_page_fails(client):
    article = make_article(title="园区新闻", slug="story")
    article.tags.add("!!!", ">")
    slugs = sorted(article.tags.values_list("slug", flat=True))
    assert slugs == sorted([fallback_slug(">"), fallback_slug("!!!")]) == ["tag-21-21-21", "tag-3e"]
    for url in (article.get_absolute_url(), "/news/", "/sitemap.xml", "/tags/tag-21-21-21/", "/en/news/"):
        assert client.get(url).status_code == 200, url


def test_the_migration_gives_stored_tags_without_an_address_one(client):
    article = make_article(title="园区新闻", slug="story")
    article.tags.add("!!!", "人工智能")
    Tag.objects.filter(name="!!!").update(slug="")  # as the previous release stored the first such tag
    Tag.objects.create(name="tag", slug="tag-21-21-21")  # an address the repair must not take twice

    repair = __import__("content.migrations.0002_repair_tag_slugs", fromlist=["repair"]).repair
    repair(apps, None)

    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert slugs["!!!"] == "tag-21-21-21-2" and slugs["人工智能"] == "人工智能"
    assert len(set(slugs.values())) == len(slugs)
    for url in (article.get_absolute_url(), "/news/", "/sitemap.xml"):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("name", "slug", "says"),
    [
        ("!!!", "!!!", "没有可用于生成网址的文字或数字"),
        (">", "", "没有可用于生成网址的文字或数字"),
        (LONG, LONG[:100], "100"),
    ],
)
def test_a_fixture_with_a_tag_without_an_address_stops_the_load_naming_it(db, tmp_path, name, slug, says):
    from django.core.management import CommandError, call_command

    fixture = tmp_path / "tags.json"
    fixture.write_text(json.dumps([{"model": "taggit.tag", "fields": {"name": name, "slug": slug}}]))
    with pytest.raises(CommandError) as refused:
        call_command("load_demo", str(fixture), stdout=io.StringIO())
    message = str(refused.value)
    assert "tags.json" in message and name[:20] in message and says in message and "Nothing was loaded" in message
    assert not Tag.objects.exists()
