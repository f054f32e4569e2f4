"""A tag is public when something public carries it, and every page that shows tags asks that one rule.

A tag that only drafts (or scheduled items) carry must not show anywhere,
not even by its name: its page, its feed, the sitemap, the search's topics
and the lists' filters all treat it as unknown, until the item it is on goes
public.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from content.tagging import public_tags
from tests.helpers import make_article, make_enterprise, make_park

pytestmark = pytest.mark.django_db

SECRET = "未公开专项"  # a tag name an editor typed on a draft: not yet public knowledge


def make(kind, **fields):
    return {"article": make_article, "park": make_park, "enterprise": make_enterprise}[kind](**fields)


def pages(tag):
    """Every public place that can show ``tag`` (by name or address), with how to find it there."""
    slug = tag.slug
    return {
        "tag page": reverse("bureau:tag_detail", kwargs={"slug": slug}),
        "tag feed": reverse("bureau:tag_feed", kwargs={"slug": slug}),
        "English tag page": f"/en/tags/{slug}/",
        "English tag feed": f"/en/tags/{slug}/feed.xml",
    }


@pytest.mark.parametrize("kind", ["article", "park", "enterprise"])
@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_a_tag_only_private_items_carry_shows_nowhere(client, kind, state):
    when = timezone.now() + timedelta(days=3) if state == "scheduled" else None
    item = make(kind, published=state != "draft", when=when)
    item.tags.add(SECRET)
    tag = item.tags.get()
    make_article(title="另一篇公开的新闻").tags.add("人工智能")  # something public, so the pages exist

    for where, url in pages(tag).items():
        response = client.get(url)
        assert response.status_code == 404, where
        assert SECRET not in response.text, where
    sitemap = client.get("/sitemap.xml?section=tags")
    assert sitemap.status_code == 200 and "/tags/" in sitemap.text
    assert pages(tag)["tag page"] not in sitemap.text
    search = client.get(reverse("search:results"), {"q": "专项"})
    assert SECRET not in search.text
    for list_url, param in (("/news/", "tag"), ("/parks/", "industry"), ("/enterprises/", "industry")):
        response = client.get(list_url, {param: tag.slug})
        assert response.status_code == 400, list_url  # "there is no such topic", the lists' word for unknown
        assert client.get(list_url).text.count(SECRET) == 0, list_url
    assert not public_tags().filter(pk=tag.pk).exists()


@pytest.mark.parametrize("kind", ["article", "park", "enterprise"])
def test_the_same_tag_shows_everywhere_once_its_item_is_public(client, kind):
    item = make(kind, published=False)
    item.tags.add(SECRET)
    tag = item.tags.get()
    assert client.get(pages(tag)["tag page"]).status_code == 404

    item.status = "published"
    item.save()

    for where, url in pages(tag).items():
        response = client.get(url)
        assert response.status_code == 200, where
        assert SECRET in response.text, where
    assert pages(tag)["tag page"] in client.get("/sitemap.xml?section=tags").text
    assert SECRET in client.get(reverse("search:results"), {"q": "专项"}).text
    list_url, param = {"article": ("/news/", "tag"), "park": ("/parks/", "industry")}.get(
        kind, ("/enterprises/", "industry")
    )
    filtered = client.get(list_url, {param: tag.slug})
    assert filtered.status_code == 200
    assert SECRET in filtered.text
    assert SECRET in client.get(list_url).text  # offered as a filter


def test_a_tag_feed_lists_only_published_articles(client):
    public = make_article(title="公开的人工智能新闻")
    draft = make_article(title="草稿里的人工智能新闻", published=False)
    for article in (public, draft):
        article.tags.add("人工智能")
    feed = client.get(reverse("bureau:tag_feed", kwargs={"slug": public.tags.get().slug}))
    assert feed.status_code == 200
    assert "公开的人工智能新闻" in feed.text
    assert "草稿里的人工智能新闻" not in feed.text
