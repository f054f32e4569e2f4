"""Addresses of content pages stay right although they are remembered per process (content/links.py)."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from content.links import page_url
from tests.helpers import make_article, make_park

pytestmark = pytest.mark.django_db


def test_a_changed_slug_shows_in_the_list_at_once(client):
    article = make_article(title="青岛高新区发展新闻", slug="old-slug")
    article.tags.add("人工智能")
    assert 'href="/news/old-slug/"' in client.get("/news/").text
    article.slug = "new-slug"
    article.save()
    page = client.get("/news/").text
    assert 'href="/news/new-slug/"' in page
    assert 'href="/news/old-slug/"' not in page


def test_each_language_gets_its_own_addresses(client):
    make_article(slug="gaoxin-news").tags.add("人工智能")
    # Alternate the languages: an address remembered for one must not leak into the other.
    for _ in range(2):
        chinese = client.get("/news/").text
        english = client.get("/en/news/").text
        assert 'href="/news/gaoxin-news/"' in chinese and 'href="/tags/' in chinese
        assert 'href="/en/news/gaoxin-news/"' in english and 'href="/en/tags/' in english
        assert "/en/news/gaoxin-news/" not in chinese and "/en/tags/" not in chinese


def test_remembered_addresses_agree_with_django():
    article, park = make_article(slug="gaoxin-news"), make_park(slug="gaoxin-qu")
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for _ in range(2):
                assert article.get_absolute_url() == reverse("news:article_detail", kwargs={"slug": "gaoxin-news"})
                assert park.get_absolute_url() == reverse("parks:park_detail", kwargs={"slug": "gaoxin-qu"})
                assert page_url("bureau:tag_detail", "人工智能") == reverse("bureau:tag_detail", args=["人工智能"])


def test_a_site_under_a_path_prefix_links_under_it():
    article = make_article(slug="gaoxin-news")
    assert article.get_absolute_url() == "/news/gaoxin-news/"
    set_script_prefix("/portal/")
    try:
        assert article.get_absolute_url() == "/portal/news/gaoxin-news/"
    finally:
        clear_script_prefix()
    assert article.get_absolute_url() == "/news/gaoxin-news/"


def test_a_missing_address_fails_every_time():
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            page_url("news:article_detail", "不是 slug")
        with pytest.raises(NoReverseMatch):
            page_url("news:no_such_page", "gaoxin-news")


def test_another_urlconf_is_not_answered_from_memory():
    assert page_url("news:article_detail", "gaoxin-news") == "/news/gaoxin-news/"
    with override_settings(ROOT_URLCONF="tests.urls_elsewhere"):
        assert page_url("news:article_detail", "gaoxin-news") == "/elsewhere/gaoxin-news/"
    assert page_url("news:article_detail", "gaoxin-news") == "/news/gaoxin-news/"
