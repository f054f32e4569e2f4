"""Renaming a tag in the admin: the old address answers 301 with the new one, in both languages.

On a rename the address follows the new name unless the editor typed
another; a name or address another tag has is refused with a pointer to
merging. Editors may rename (they may change tags; a rename loses nothing,
since the old address keeps working); merging is a publisher's
(tests/test_tag_merge.py).
"""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import translation
from taggit.models import Tag

from content.models import SlugRedirect
from tests.helpers import make_article, make_park

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    """An anonymous visitor, served from the page cache (``client`` is the staff member's once logged in)."""
    return Client()


def tag_page(slug, language="zh-hans"):
    with translation.override(language):
        return reverse("bureau:tag_detail", kwargs={"slug": slug})


def rename(client, tag, name, slug=None):
    """Post the tag's change form as a browser would: the slug field as it stands unless ``slug`` is given."""
    return client.post(
        reverse("admin:taggit_tag_change", args=[tag.pk]),
        {"name": name, "slug": tag.slug if slug is None else slug, "_save": "save"},
    )


def errors(response):
    return {name: list(messages) for name, messages in response.context["adminform"].form.errors.items()}


@pytest.fixture
def tagged():
    """A public article and park carrying 人工智能, so that its page exists."""
    article, park = make_article(title="人工智能产业大会召开"), make_park(name="青岛人工智能产业园")
    article.tags.add("人工智能")
    park.tags.add("人工智能")
    return Tag.objects.get(name="人工智能")


def assert_moved(client, old, new):
    """Both languages' old addresses (page and feed) answer 301 with the new ones, which answer 200."""
    for language in ("zh-hans", "en"):
        response = client.get(tag_page(old, language))
        assert response.status_code == 301, (language, old)
        assert response["Location"] == tag_page(new, language)
        assert client.get(response["Location"]).status_code == 200
    with translation.override("en"):
        feed = client.get(reverse("bureau:tag_feed", kwargs={"slug": old}))
        assert feed.status_code == 301
        assert feed["Location"] == reverse("bureau:tag_feed", kwargs={"slug": new})


def test_an_editor_renames_a_tag_and_its_old_address_answers_301_in_both_languages(editor_client, visitor, tagged):
    # Cached now (the page cache is on): the rename must replace them at once.
    assert visitor.get(tag_page("人工智能")).status_code == 200
    search = reverse("search:results") + "?q=人工智能"
    assert [tag.name for tag in visitor.get(search).context["tags"]] == ["人工智能"]
    response = rename(editor_client, tagged, "人工智能产业")
    assert response.status_code == 302, errors(response)
    tagged.refresh_from_db()
    assert (tagged.name, tagged.slug) == ("人工智能产业", "人工智能产业")  # the address followed the name

    assert_moved(visitor, "人工智能", "人工智能产业")
    assert "人工智能产业" in visitor.get(tag_page("人工智能产业")).text
    # The search's topics are read from the tag table, not from its index: the new name at once.
    assert [tag.name for tag in visitor.get(search).context["tags"]] == ["人工智能产业"]
    # The history says both changed, in the reader's language.
    entry = LogEntry.objects.get(action_flag=CHANGE, object_id=str(tagged.pk))
    with translation.override("en"):
        assert entry.get_change_message() == "Changed Name and Slug."


def test_an_address_the_editor_typed_is_kept(editor_client, visitor, tagged):
    response = rename(editor_client, tagged, "人工智能（AI）", slug="ai")
    assert response.status_code == 302, errors(response)
    tagged.refresh_from_db()
    assert tagged.slug == "ai"
    assert_moved(visitor, "人工智能", "ai")


def test_a_name_that_gives_the_same_address_leaves_no_old_address(editor_client, visitor):
    make_article().tags.add("ai")
    tag = Tag.objects.get(name="ai")
    assert rename(editor_client, tag, "AI").status_code == 302
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("AI", "ai")
    assert not SlugRedirect.objects.exists()
    assert visitor.get(tag_page("ai")).status_code == 200


def test_an_old_address_never_leads_to_another_old_address(editor_client, visitor, tagged):
    for name in ("机器智能", "智能技术"):
        assert rename(editor_client, Tag.objects.get(pk=tagged.pk), name).status_code == 302
    for old in ("人工智能", "机器智能"):
        assert_moved(visitor, old, "智能技术")
    # Back to the first name: that address is live again, and the others lead to it.
    assert rename(editor_client, Tag.objects.get(pk=tagged.pk), "人工智能").status_code == 302
    assert visitor.get(tag_page("人工智能")).status_code == 200
    for old in ("机器智能", "智能技术"):
        assert_moved(visitor, old, "人工智能")
    assert sorted(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["智能技术", "机器智能"]


def test_the_change_form_lists_the_old_addresses(editor_client, tagged):
    rename(editor_client, tagged, "智能技术")
    response = editor_client.get(reverse("admin:taggit_tag_change", args=[tagged.pk]))
    assert "/tags/人工智能/" in response.text  # as people read it, not percent-encoded


def test_the_old_address_of_a_tag_nothing_public_carries_is_404(editor_client, visitor):
    make_article(published=False).tags.add("未公开专项")
    tag = Tag.objects.get(name="未公开专项")
    assert rename(editor_client, tag, "保密专项").status_code == 302
    for slug in ("未公开专项", "保密专项"):
        response = visitor.get(tag_page(slug))
        assert response.status_code == 404
        assert "保密专项" not in response.text


def test_a_deleted_tag_takes_its_old_addresses_with_it(publisher_client, visitor, tagged):
    rename(publisher_client, tagged, "智能技术")
    assert SlugRedirect.objects.count() == 1
    response = publisher_client.post(reverse("admin:taggit_tag_delete", args=[tagged.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not SlugRedirect.objects.exists()
    assert visitor.get(tag_page("人工智能")).status_code == 404


# A rename onto another tag is refused, pointing at merging.


@pytest.fixture
def two_tags(tagged):
    make_article(title="机器学习新闻").tags.add("机器学习")
    return tagged, Tag.objects.get(name="机器学习")


@pytest.mark.parametrize("renamed, name", [("人工智能", "ai"), ("AI", "人工智能")])
def test_a_rename_onto_another_tags_name_suggests_merging(publisher_client, tagged, renamed, name):
    make_article(title="AI新闻").tags.add("AI")
    response = rename(publisher_client, Tag.objects.get(name=renamed), name)
    assert response.status_code == 200
    [message] = errors(response)["name"]
    # Tags are told apart without regard to case: "ai" is the tag AI.
    assert f"“{Tag.objects.get(name__iexact=name).name}”" in message and "“合并所选标签…”" in message
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["AI", "人工智能"]
    assert not SlugRedirect.objects.exists()


def test_a_name_whose_address_another_tag_has_is_refused(editor_client, two_tags):
    tagged, other = two_tags
    other.slug = "ji-qi-xue-xi"
    other.save()
    # "Ji Qi Xue Xi" would give the address ji-qi-xue-xi, which 机器学习 has.
    response = rename(editor_client, tagged, "Ji Qi Xue Xi")
    assert response.status_code == 200
    [message] = errors(response)["name"]
    # An editor cannot merge: the message says who can.
    assert (
        message
        == "名称“Ji Qi Xue Xi”对应的网址为“ji-qi-xue-xi”，而标签“机器学习”已在使用这个网址。如要将两者合为一个标签，请发布者合并。"
    )
    tagged.refresh_from_db()
    assert tagged.name == "人工智能"


def test_a_typed_address_another_tag_has_is_refused(editor_client, two_tags):
    tagged, other = two_tags
    response = rename(editor_client, tagged, "人工智能", slug=other.slug)
    assert response.status_code == 200
    [message] = errors(response)["slug"]
    assert "“机器学习”" in message


def test_a_new_tag_with_a_taken_name_is_refused_without_talk_of_merging(editor_client, tagged):
    response = editor_client.post(
        reverse("admin:taggit_tag_add"), {"name": "人工智能", "slug": "rgzn", "_save": "save"}
    )
    assert response.status_code == 200
    [message] = errors(response)["name"]
    assert "“人工智能”" in message and "合并" not in message


def test_an_old_address_costs_no_query_once_known(editor_client, visitor, tagged, django_assert_num_queries):
    rename(editor_client, tagged, "智能技术")
    # content state · the public tag at that address (none) · the old address · its tag, if public
    with django_assert_num_queries(4):
        assert visitor.get(tag_page("人工智能")).status_code == 301
    # Where it leads is kept for the content generation (a 301 is not a cached page).
    with django_assert_num_queries(0):
        assert visitor.get(tag_page("人工智能"))["Location"] == tag_page("智能技术")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_list_filtered_by_an_old_tag_or_park_slug_is_sent_to_the_new_one(editor_client, visitor, tagged, prefix):
    """A bookmark of "news about 人工智能" or of a park's enterprises survives a rename: 301, page kept."""
    from urllib.parse import quote

    park = make_park(name="青岛高新技术产业开发区", slug="gaoxin")
    article = make_article(title="高新区发布人工智能政策")
    article.tags.add(tagged)
    article.parks.add(park)
    assert rename(editor_client, tagged, "人工智能产业").status_code == 302
    park.slug = "qingdao-gaoxin"
    park.save()  # the old slug is remembered as an old address (content.models)

    response = visitor.get(f"{prefix}/news/?tag={quote('人工智能')}&park=gaoxin&page=1")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}/news/?tag={quote('人工智能产业')}&park=qingdao-gaoxin&page=1"
    followed = visitor.get(response["Location"])
    assert followed.status_code == 200 and "高新区发布人工智能政策" in followed.text
    # A value that never existed is still a 400 that says so, and so is a mix of an old and an unknown one.
    assert visitor.get(f"{prefix}/news/?tag=nothing-like-it").status_code == 400
    assert visitor.get(f"{prefix}/news/?tag={quote('人工智能')}&park=atlantis").status_code == 400
