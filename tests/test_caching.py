"""The anonymous page cache answers fast and is never stale.

Every test here requests a page once so that it is cached, changes content
the way staff do (saving a model, as the admin does), and requests it again.
"""

import time
import warnings
from datetime import timedelta

import pytest
from django.core.cache.backends.base import CacheKeyWarning
from django.urls import reverse
from django.utils import timezone

from content.caching import remember
from content.models import Status
from tests.helpers import make_article, make_enterprise, make_park


@pytest.fixture
def linked(db):
    park = make_park(name="青岛国际创新园")
    enterprise = make_enterprise(name="青岛创新奇智科技集团股份有限公司", short_name="创新奇智")
    enterprise.parks.add(park)
    article = make_article(title="创新奇智在港交所上市", body="<p>创新奇智今日上市。</p>")
    article.parks.add(park)
    article.enterprises.add(enterprise)
    article.tags.add("人工智能")
    return {"park": park, "enterprise": enterprise, "article": article}


def cached(client, url):
    """Request ``url`` twice and check that the second answer came from the cache."""
    first = client.get(url)
    assert first.status_code == 200
    second = client.get(url)
    assert second["X-Cache"] == "hit", url
    return second


def test_a_repeated_anonymous_request_costs_no_query(client, linked, django_assert_num_queries):
    url = linked["article"].get_absolute_url()
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again["X-Cache"] == "hit"
    assert again.content == first.content


def test_cached_pages_keep_their_security_headers(client, linked):
    response = cached(client, linked["article"].get_absolute_url())
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"].startswith("text/html")


def test_conditional_get_answers_304_with_no_body(client, linked):
    url = linked["park"].get_absolute_url()
    etag = client.get(url)["ETag"]
    assert etag
    for _ in range(2):  # once from the page cache's miss, once from its hit
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert response.content == b""


def test_a_changed_page_gets_a_new_etag(client, linked):
    url = linked["park"].get_absolute_url()
    etag = client.get(url)["ETag"]
    linked["park"].summary = "新的简介。"
    linked["park"].save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "新的简介。" in response.text


def test_a_renamed_enterprise_shows_at_once_everywhere(client, linked):
    pages = [
        linked["park"].get_absolute_url(),
        linked["article"].get_absolute_url(),
        linked["enterprise"].get_absolute_url(),
        reverse("parks:enterprise_list"),
        reverse("search:results") + "?q=科技集团",
    ]
    for url in pages:
        assert "创新奇智" in cached(client, url).text
    enterprise = linked["enterprise"]
    enterprise.short_name = "创新智联"
    enterprise.save()
    for url in pages:
        response = client.get(url)
        assert response["X-Cache"] == "miss", url
        assert "创新智联" in response.text, url


def test_an_unpublished_article_disappears_at_once(client, linked):
    article = linked["article"]
    tag_url = reverse("bureau:tag_detail", kwargs={"slug": article.tags.get().slug})
    pages = [reverse("news:article_list"), reverse("news:feed"), tag_url, "/sitemap.xml", reverse("bureau:home")]
    link = article.get_absolute_url()  # every one of these pages links the article
    for url in pages:
        assert link in cached(client, url).text, url
    article.status = Status.DRAFT
    article.save()
    for url in pages:
        assert link not in client.get(url).text, url
    assert client.get(article.get_absolute_url()).status_code == 404


def test_an_unlinked_park_leaves_the_article_page_at_once(client, linked):
    url = linked["article"].get_absolute_url()
    assert "青岛国际创新园" in cached(client, url).text
    linked["article"].parks.clear()
    assert "青岛国际创新园" not in client.get(url).text


def test_a_scheduled_article_appears_when_its_time_comes(client, linked, monkeypatch):
    soon = timezone.now() + timedelta(minutes=30)
    scheduled = make_article(title="定时发布的新闻", published=True, when=soon)
    url = reverse("news:article_list")
    assert scheduled.title not in cached(client, url).text
    assert client.get(scheduled.get_absolute_url()).status_code == 404

    later = soon + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert scheduled.title in response.text
    assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_staff_with_a_session_see_live_pages(client, linked, editor):
    client.force_login(editor)
    url = linked["article"].get_absolute_url()
    client.get(url)
    assert client.get(url).get("X-Cache") is None


def test_the_admin_and_health_check_are_never_cached(client, linked, publisher):
    assert client.get("/health/").get("X-Cache") is None
    client.force_login(publisher)
    assert client.get(reverse("admin:index")).get("X-Cache") is None


@pytest.mark.parametrize(
    ("url", "status"),
    [("/news/no-such-article/", 404), ("/en/parks/no-such-park/", 404), ("/enterprises/?district=atlantis", 400)],
)
def test_a_repeated_bad_request_is_answered_from_the_cache_with_its_status(
    client, linked, url, status, django_assert_num_queries
):
    first = client.get(url)
    assert (first.status_code, first["X-Cache"]) == (status, "miss")
    with django_assert_num_queries(0):
        again = client.get(url)
    assert (again.status_code, again["X-Cache"]) == (status, "hit")
    assert again.content == first.content


def test_a_missing_page_that_gets_published_shows_at_once(client, linked):
    url = "/news/hai-yang-mu-chang/"
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404  # now from the cache
    make_article(title="海洋牧场", slug="hai-yang-mu-chang")
    response = client.get(url)
    assert response.status_code == 200 and "海洋牧场" in response.text


def test_errors_are_kept_no_longer_than_their_own_setting(client, linked, settings):
    settings.ERROR_PAGE_CACHE_SECONDS = 0
    client.get("/news/no-such-article/")
    assert client.get("/news/no-such-article/")["X-Cache"] == "miss"
    assert cached(client, linked["article"].get_absolute_url())  # pages are still cached


@pytest.mark.parametrize("status", [301, 302, 403, 500, 503])
def test_other_answers_are_never_cached(status):
    from django.http import HttpResponse

    from content.page_cache import _response_is_cacheable

    assert not _response_is_cacheable(HttpResponse("x", status=status))
    assert _response_is_cacheable(HttpResponse("x", status=404))


def test_remember_keeps_a_value_for_the_generation_whatever_its_name(db):
    """Counts are kept under names made of filter values and tag slugs, which may be long or Chinese."""
    calls = []

    def compute(value):
        return lambda: calls.append(value) or value

    name = "list-counts:zh-hans:news.article:tag=" + "人工智能" * 60
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)  # what memcached would refuse
        assert remember(name, compute(7)) == 7
        assert remember(name, compute(8)) == 7
        assert remember(name + "，", compute(9)) == 9  # another name, another entry
    assert calls == [7, 9]
    make_article(title="任何一次保存都开启新的一代")
    assert remember(name, compute(10)) == 10


@pytest.mark.parametrize("path", ["/", "/news/", "/en/parks/", "/search/?q=创新奇智", "/no-such-page/"])
def test_a_cache_hit_runs_no_session_user_or_template_and_keeps_every_header(client, linked, path):
    miss = client.get(path)
    hit = client.get(path)
    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert hit.status_code == miss.status_code and hit.content == miss.content
    # The middleware below the page cache never ran: no session, no user, no template was rendered.
    assert not hasattr(hit.wsgi_request, "session") and not hasattr(hit.wsgi_request, "user")
    assert hit.templates == []
    # What the middleware below added when the page was built, and what the middleware above adds each time.
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Language", "Content-Type", "ETag",
                   "Referrer-Policy", "Cross-Origin-Opener-Policy", "X-Content-Type-Options"):  # fmt: skip
        assert hit[header] == miss[header], header


def test_a_cache_hit_answers_304_to_a_browser_that_has_the_page(client, linked):
    url = linked["article"].get_absolute_url()
    etag = client.get(url)["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    # Answered from the cache (nothing rendered), then cut down to "not modified" with no body to send.
    assert again.status_code == 304 and again.content == b"" and again.templates == []
    assert again["ETag"] == etag


def test_an_edit_shows_at_once_in_every_process_that_kept_the_page(linked):
    """Two test clients are two workers: each keeps the pages it served in its own memory."""
    from django.test import Client

    workers = [Client(), Client()]
    url = linked["article"].get_absolute_url()
    for worker in workers:
        worker.get(url)
        assert worker.get(url)["X-Cache"] == "hit"
    linked["article"].title = "创新奇智在港交所主板上市"
    linked["article"].save()
    # The first worker builds the page again; the second takes that new page from the shared cache.
    answers = [worker.get(url) for worker in workers]
    assert [page["X-Cache"] for page in answers] == ["miss", "hit"]
    assert all("创新奇智在港交所主板上市" in page.text for page in answers)


def test_a_page_kept_in_memory_expires_with_the_shared_copy(client, linked, settings):
    settings.ERROR_PAGE_CACHE_SECONDS = 1
    url = "/news/no-such-article/"
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    time.sleep(1.2)  # the shared cache (Redis, or Django's in-memory one) keeps its own clock
    assert client.get(url)["X-Cache"] == "miss"


def test_a_process_keeps_recent_pages_within_its_memory_budget():
    from content.page_cache import _RecentPages

    def page(size, expires_in=60):
        return {"content": b"x" * size, "headers": {}, "status": 200, "expires": time.time() + expires_in}

    recent = _RecentPages(max_bytes=250)
    recent.start("generation-1")
    recent.keep("a", page(100))
    recent.keep("b", page(100))
    assert recent.get("a") is not None  # "a" is now the most recently used
    recent.keep("c", page(100))  # over budget: the least recently used goes
    assert [key for key in "abc" if recent.get(key)] == ["a", "c"]
    recent.keep("huge", page(300))
    assert recent.get("huge") is None and recent.get("a") is not None
    recent.keep("old", page(10, expires_in=-1))
    assert recent.get("old") is None
    recent.start("generation-2")  # a new generation forgets every page of the last one
    assert recent.get("a") is None and recent.get("c") is None
