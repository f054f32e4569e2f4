"""What machines read: the Atom feeds, sitemap.xml, robots.txt and the health check."""

from datetime import timedelta

import pytest
from django.db import DatabaseError
from django.utils import timezone

from news.models import Article
from parks.models import Enterprise, Park
from tests.helpers import make_article, make_enterprise, make_park
from tests.public_helpers import ATOM, feed_titles, hours_ago, parse_xml, sitemap_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed():
    public = make_article(title="公开的新闻", summary="摘要。", when=hours_ago(2), author="记者 王明")
    public.tags.add("人工智能")
    other = make_article(title="另一篇公开新闻", when=hours_ago(3))
    draft = make_article(title="草稿新闻", published=False)
    scheduled = make_article(title="定时新闻", when=timezone.now() + timedelta(days=1))
    draft.tags.add("人工智能")
    scheduled.tags.add("人工智能")
    park = make_park(name="公开园区")
    hidden_park = make_park(name="草稿园区", published=False)
    enterprise = make_enterprise(name="公开企业有限公司")
    hidden_enterprise = make_enterprise(name="草稿企业有限公司", published=False)
    make_park(name="仅草稿使用标签的园区", published=False).tags.add("秘密")
    return locals()


def test_the_news_feed_is_atom_with_published_articles_only(client, mixed):
    response = client.get("/news/feed.xml")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed_titles(response) == ["公开的新闻", "另一篇公开新闻"]
    root = parse_xml(response)
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}summary") == "摘要。"
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{mixed['public'].get_absolute_url()}"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["人工智能"]
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "记者 王明"


def test_a_tag_feed_lists_that_tags_published_articles(client, mixed):
    assert feed_titles(client.get("/tags/人工智能/feed.xml")) == ["公开的新闻"]
    assert client.get("/tags/没有这个标签/feed.xml").status_code == 404


def test_the_english_feed_links_to_english_pages(client, mixed):
    Article.objects.filter(pk=mixed["public"].pk).update(title_en="Public news")
    root = parse_xml(client.get("/en/news/feed.xml"))
    assert root.find(f"{ATOM}entry").find(f"{ATOM}link").get("href").startswith("http://testserver/en/news/")


def test_the_sitemap_lists_every_published_object_with_its_last_change(client, mixed):
    Article.objects.filter(pk=mixed["public"].pk).update(title_en="Public news")
    Park.objects.filter(pk=mixed["park"].pk).update(name_en="Public Park")
    Enterprise.objects.filter(pk=mixed["enterprise"].pk).update(name_en="Public Enterprise Co., Ltd.")
    urls = sitemap_urls(client.get("/sitemap.xml"))
    for name in ("public", "other", "park", "enterprise"):
        obj = mixed[name]
        obj.refresh_from_db()
        # The English page is listed where there is an English version (``other`` has none).
        prefixes = ("http://testserver",) if name == "other" else ("http://testserver", "http://testserver/en")
        for prefix in prefixes:
            loc = f"{prefix}{obj.get_absolute_url()}"
            assert loc in urls, loc
            assert urls[loc] == timezone.localtime(obj.updated_at).date().isoformat()
    assert f"http://testserver/en{mixed['other'].get_absolute_url()}" not in urls
    for name in ("draft", "scheduled", "hidden_park", "hidden_enterprise"):
        assert f"http://testserver{mixed[name].get_absolute_url()}" not in urls
    assert "http://testserver/" in urls and "http://testserver/en/parks/" in urls
    assert "http://testserver/tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/" in urls
    assert not any("%E7%A7%98%E5%AF%86" in url for url in urls)  # a tag only drafts use


def test_the_sitemap_names_the_alternate_languages(client, mixed):
    text = client.get("/sitemap.xml").text
    assert 'hreflang="en"' in text and 'hreflang="zh-hans"' in text and 'hreflang="x-default"' in text


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_admin_and_search(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines and "Disallow: /search/" in lines and "Disallow: /en/search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.post("/robots.txt").status_code == 405


def test_the_health_check_touches_the_database(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_health_check_says_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unavailable"
