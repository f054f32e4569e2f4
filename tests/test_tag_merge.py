"""Merging tags in the admin: "Merge selected tags…", a confirmation page, then one tag where there were several.

Every article, park and enterprise that carried a merged tag carries the
kept one (once); the merged tags' addresses, and their own old addresses,
answer 301 with the kept tag's page in both languages; the public pages show
the result at once, page cache on. Only publishers (and superusers) merge.
"""

import pytest
from django.contrib import messages
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from taggit.models import Tag

from content.models import SlugRedirect
from news.models import Article
from parks.models import Enterprise, Park
from tests.helpers import make_article, make_enterprise, make_park

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    """An anonymous visitor, served from the page cache (``client`` is the staff member's once logged in)."""
    return Client()


CHANGELIST = "admin:taggit_tag_changelist"
KEPT, AI, AI_EN = "人工智能", "AI", "Artificial Intelligence"


def tag_page(slug, language="zh-hans"):
    with translation.override(language):
        return reverse("bureau:tag_detail", kwargs={"slug": slug})


def choose(client, tags):
    """The first step, as the changelist posts it: the action and the ticked tags."""
    return client.post(
        reverse(CHANGELIST), {"action": "merge_selected", "_selected_action": [tag.pk for tag in tags], "index": 0}
    )


def confirm(client, tags, keep, follow=False):
    """The confirmation page's form, as posted."""
    data = {"action": "merge_selected", "_selected_action": [tag.pk for tag in tags], "post": "yes", "keep": keep.pk}
    return client.post(reverse(CHANGELIST), data, follow=follow)


def shown_messages(response, level=None):
    return [m.message for m in response.context["messages"] if level is None or m.level == level]


def offered_actions(response):
    form = response.context["action_form"]
    return [name for name, _label in form.fields["action"].choices if name] if form else []


def tags_of(obj):
    return sorted(obj.tags.names())


@pytest.fixture
def site():
    """Three tags for one idea, spread over the three kinds, and a tag that stays out of it."""
    kept_article = make_article(title="人工智能产业大会召开")
    kept_article.tags.add(KEPT, AI, "5G")  # already carries the kept tag: must carry it once
    both = make_article(title="AI企业加速集聚")
    both.tags.add(AI, AI_EN)  # two merged tags on one item: the kept one, once
    english = make_article(title="智能周开幕")
    english.tags.add(AI_EN)
    untouched = make_article(title="5G基站建设提速")
    untouched.tags.add("5G")
    park = make_park(name="青岛人工智能产业园")
    park.tags.add(AI)
    other_park = make_park(name="青岛软件园")
    other_park.tags.add(KEPT)
    enterprise = make_enterprise(name="青岛创新奇智科技集团股份有限公司", short_name="创新奇智")
    enterprise.tags.add(AI_EN, "工业互联网")
    draft = make_enterprise(name="青岛草稿科技有限公司", short_name="草稿科技", published=False)
    draft.tags.add(AI)
    return {
        "tags": [Tag.objects.get(name=name) for name in (KEPT, AI, AI_EN)],
        "articles": [kept_article, both, english, untouched],
        "parks": [park, other_park],
        "enterprises": [enterprise, draft],
    }


def test_a_publisher_merges_three_tags_used_across_the_three_kinds(publisher_client, visitor, site):
    kept, ai, ai_en = site["tags"]
    # AI had been given another address once: its older one must lead straight to the kept tag too.
    assert ai.slug == "ai"
    assert (
        publisher_client.post(
            reverse("admin:taggit_tag_change", args=[ai.pk]), {"name": "AI", "slug": "ji-qi-zhi-neng", "_save": "save"}
        ).status_code
        == 302
    )
    ai.refresh_from_db()
    old_slugs = {"ji-qi-zhi-neng", "ai", ai_en.slug}

    page = choose(publisher_client, site["tags"])
    assert page.status_code == 200
    assert page.templates[0].name == "admin/taggit/tag/merge_confirmation.html"

    response = confirm(publisher_client, site["tags"], kept, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(CHANGELIST)
    [message] = shown_messages(response, messages.SUCCESS)
    assert message == (
        "已将2个标签合并到“人工智能”：“AI”、“Artificial Intelligence”。"
        "改用该标签的内容：园区1项、企业2项、招商项目0项、文章3项。现已跳转到该标签页面的旧网址：3个。"
    )

    # One tag is left of the three; every item carries it once, and keeps its other tags.
    assert sorted(Tag.objects.values_list("name", flat=True)) == sorted([KEPT, "5G", "工业互联网"])
    kept_article, both, english, untouched = site["articles"]
    assert tags_of(kept_article) == ["5G", KEPT]
    assert tags_of(both) == tags_of(english) == [KEPT]
    assert tags_of(untouched) == ["5G"]
    assert [tags_of(park) for park in site["parks"]] == [[KEPT], [KEPT]]
    assert tags_of(site["enterprises"][0]) == sorted([KEPT, "工业互联网"])
    assert tags_of(site["enterprises"][1]) == [KEPT]
    for model in (Article, Park, Enterprise):
        links = model.tags.through.objects.filter(tag=kept)
        assert links.count() == links.values("content_object").distinct().count(), model

    # The tag page counts published items only.
    tag = visitor.get(tag_page(kept.slug)).context["tag"]
    assert (tag.article_count, tag.park_count, tag.enterprise_count) == (3, 2, 1)

    # Every old address leads straight to the kept tag, in both languages.
    assert set(SlugRedirect.objects.values_list("old_slug", flat=True)) == old_slugs
    for old in old_slugs:
        for language in ("zh-hans", "en"):
            response = visitor.get(tag_page(old, language))
            assert response.status_code == 301, (old, language)
            assert response["Location"] == tag_page(kept.slug, language)

    # The admin's history: the kept tag says what was merged into it, the merged tags were deleted.
    change = LogEntry.objects.get(action_flag=CHANGE, object_id=str(kept.pk))
    assert change.get_change_message() == "已合并到此标签：“AI”、“Artificial Intelligence”。"
    assert sorted(LogEntry.objects.filter(action_flag=DELETION).values_list("object_repr", flat=True)) == [AI, AI_EN]


def test_keeping_a_tag_whose_address_was_an_old_address_of_a_merged_one(publisher_client, visitor):
    make_article(title="机器智能新闻").tags.add("AI")
    renamed = Tag.objects.get(name="AI")
    renamed.name, renamed.slug = "机器智能", "机器智能"
    renamed.save()  # "ai" is now its old address
    make_park(name="青岛AI产业园").tags.add("AI")  # a new tag AI takes the address "ai" again
    new = Tag.objects.get(name="AI")
    assert new.slug == "ai"

    confirm(publisher_client, [renamed, new], new)

    assert dict(SlugRedirect.objects.values_list("old_slug", "object_id")) == {"机器智能": new.pk}
    assert visitor.get(tag_page("ai")).status_code == 200
    response = visitor.get(tag_page("机器智能"))
    assert response.status_code == 301 and response["Location"] == tag_page("ai")


def test_the_english_admin_says_it_in_english(publisher_client, site):
    kept = site["tags"][0]
    with translation.override("en"):
        url = reverse(CHANGELIST)
    data = {"action": "merge_selected", "_selected_action": [tag.pk for tag in site["tags"]], "index": 0}
    page = publisher_client.post(url, data)
    assert page.context["title"] == "Merge tags" and "Merge into the chosen tag" in page.text
    response = publisher_client.post(url, {**data, "post": "yes", "keep": kept.pk}, follow=True)
    assert shown_messages(response, messages.SUCCESS) == [
        "2 tags merged into “人工智能”: “AI”, “Artificial Intelligence”. Re-tagged: parks 1, enterprises 2, "
        "investment projects 0, articles 3. Old addresses that now lead to its page: 2."
    ]


def test_the_public_pages_show_a_merge_at_once(publisher_client, visitor, site, settings):
    assert settings.PAGE_CACHE_SECONDS  # the page cache is on, as in production
    kept, ai, ai_en = site["tags"]
    article = site["articles"][1]  # carries AI and Artificial Intelligence
    pages = [tag_page(kept.slug), tag_page(kept.slug, "en"), article.get_absolute_url(), reverse("news:article_list")]
    for url in [*pages, tag_page(ai.slug), reverse("search:results") + "?q=Intelligence"]:
        assert visitor.get(url).status_code == 200
        assert visitor.get(url)["X-Cache"] == "hit", url
    confirm(publisher_client, site["tags"], kept)

    fresh = {}
    for url in pages:
        fresh[url] = response = visitor.get(url)
        assert response["X-Cache"] == "miss", url
        assert AI_EN not in response.text and f">{AI}<" not in response.text, url
    assert fresh[article.get_absolute_url()].text.count(tag_page(kept.slug)) == 1
    tag = fresh[tag_page(kept.slug)].context["tag"]
    assert (tag.article_count, tag.park_count, tag.enterprise_count) == (3, 2, 1)
    assert visitor.get(tag_page(ai.slug)).status_code == 301
    # The search's topics: the merged tag's name no longer matches anything (it matched before).
    assert AI_EN not in visitor.get(reverse("search:results") + "?q=Intelligence").text


def test_the_confirmation_page_shows_what_uses_each_tag_and_proposes_the_most_used(publisher_client, site):
    response = choose(publisher_client, site["tags"])
    assert response.status_code == 200
    assert response.context["title"] == "合并标签"
    rows = {row["tag"].name: row for row in response.context["rows"]}
    # In the registry's order of kinds (parks, enterprises, projects, articles), drafts included.
    assert [str(kind) for kind in response.context["kinds"]] == ["园区", "企业", "招商项目", "文章"]
    assert rows[KEPT]["counts"] == [1, 0, 0, 1]
    assert rows[AI]["counts"] == [1, 1, 0, 2]
    assert rows[AI_EN]["counts"] == [0, 1, 0, 2]
    assert [name for name, row in rows.items() if row["checked"]] == [AI]  # the most used
    assert 'name="keep"' in response.text and "合并到所选标签" in response.text
    assert "/tags/人工智能/" in response.text  # each tag's address, as people read it
    assert Tag.objects.count() == 5  # nothing merged yet


def test_the_confirmation_page_costs_the_same_queries_however_many_items_and_tags(publisher_client):
    def cost(n_tags, n_items):
        Tag.objects.all().delete()
        tags = [Tag.objects.create(name=f"标签{n_tags}-{i}") for i in range(n_tags)]
        for i in range(n_items):
            article = make_article(title=f"新闻{n_tags}-{n_items}-{i}")
            park = make_park(name=f"园区{n_tags}-{n_items}-{i}")
            article.tags.add(*tags)
            park.tags.add(*tags)
        # The session, the user, the permissions and the changelist's own queries, then the selected tags
        # with their counts: one query, whatever the number of tags and items.
        with CaptureQueriesContext(connection) as queries:
            response = choose(publisher_client, tags)
        assert response.status_code == 200 and len(response.context["rows"]) == n_tags
        return len(queries)

    assert cost(2, 1) == cost(2, 30) == cost(6, 30)


@pytest.mark.parametrize("selection", ["one", "the same twice"])
def test_fewer_than_two_tags_is_refused_with_a_clear_message(publisher_client, site, selection):
    kept = site["tags"][0]
    tags = [kept] if selection == "one" else [kept, kept]
    for step in (choose, confirm):
        response = step(publisher_client, tags, kept) if step is confirm else step(publisher_client, tags)
        response = publisher_client.get(response["Location"])  # back to the list, which says why
        assert shown_messages(response, messages.ERROR) == ["请至少选择两个不同的标签进行合并：标签不能与自身合并。"]
    assert Tag.objects.count() == 5 and not LogEntry.objects.exists()


def test_keeping_a_tag_that_is_not_among_the_merged_is_refused(publisher_client, site):
    kept, ai, ai_en = site["tags"]
    other = Tag.objects.get(name="5G")
    response = confirm(publisher_client, [ai, ai_en], other)
    assert response.status_code == 200
    assert response.templates[0].name == "admin/taggit/tag/merge_confirmation.html"
    assert "保留的标签必须是参与合并的标签之一。" in response.text
    assert Tag.objects.count() == 5 and not SlugRedirect.objects.exists()


class TestWhoMayMerge:
    def test_an_editor_is_not_offered_the_action_and_a_crafted_post_changes_nothing(self, editor_client, site):
        assert offered_actions(editor_client.get(reverse(CHANGELIST))) == []
        for response in (choose(editor_client, site["tags"]), confirm(editor_client, site["tags"], site["tags"][0])):
            assert response.status_code == 403
        assert Tag.objects.count() == 5
        assert tags_of(site["articles"][1]) == [AI, AI_EN]
        assert not SlugRedirect.objects.exists() and not LogEntry.objects.exists()

    def test_publishers_and_superusers_are_offered_it(self, publisher_client, visitor):
        assert "merge_selected" in offered_actions(publisher_client.get(reverse(CHANGELIST)))
        visitor.force_login(get_user_model().objects.create_superuser("root", password="unused-in-tests"))
        assert "merge_selected" in offered_actions(visitor.get(reverse(CHANGELIST)))
