"""Every public page costs the same number of SQL queries with 2 objects on it as with 40.

Page sizes and detail-page limits are raised to 50 so that all 40 objects
really are on the page. Each case lists the queries it expects, in order.

"content state" is the one query that starts a content generation
(content.caching.current_state: when the next scheduled item goes live). Each
test starts with an empty cache, so its first page pays it, and pays for the
counts and rankings that are then kept for the generation (list counts and
facets, home selection, tag counts, related articles); later requests read
them from the cache.
"""

import re

import pytest
from django.core.cache import cache
from django.db import transaction

from bureau import places
from bureau import views as bureau_views
from news import views as news_views
from parks import views as park_views
from search import views as search_views
from tests.public_helpers import build_world


@pytest.fixture(scope="module", params=[2, 40], ids=["2 objects", "40 objects"])
def shared_world(request, django_db_setup, django_db_blocker):
    """Built once per size for the whole module (it takes a second or two), and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world(request.param)
        built["n"] = request.param
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def world(shared_world, db, monkeypatch, settings):
    # What a page costs to build: the anonymous page cache would answer the
    # repeated requests with no query at all (tests/test_caching.py covers it).
    settings.PAGE_CACHE_SECONDS = 0
    for module, names in (
        (news_views, ["PAGE_SIZE"]),
        (park_views, ["PAGE_SIZE"]),
        (places, ["DETAIL_ENTERPRISES", "DETAIL_ARTICLES"]),
        (bureau_views, ["TAG_PAGE_LIMIT"]),
        (search_views, ["PAGE_SIZE"]),
    ):
        for name in names:
            monkeypatch.setattr(module, name, 50)
    return shared_world


def get(client, url, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_home(client, world, django_assert_num_queries):
    # content state · featured articles · latest articles · headline figures (with park and source)
    # · featured parks (with subquery counts) · enterprise highlights · their qualifications · 3 totals
    get(client, "/", django_assert_num_queries, 10)
    # The selection and totals now come from the cache: parks and enterprises are read by key.
    # featured · latest · figures · parks (with enterprise counts) · enterprises · their qualifications
    get(client, "/", django_assert_num_queries, 6)


def test_news_list(client, world, django_assert_num_queries):
    # content state · count · facets: topic, park, enterprise, year · page of articles · their tags
    response = get(client, "/news/", django_assert_num_queries, 8)
    assert response.text.count('class="card card-article') == world["n"]
    # count and facets from the cache: page · tags
    response = get(client, "/news/", django_assert_num_queries, 2)
    assert response.text.count('class="card card-article') == world["n"]


def test_news_list_filtered(client, world, django_assert_num_queries):
    url = f"/news/?tag=人工智能&park={world['zone'].slug}&enterprise={world['enterprises'][0].slug}&year=2000"
    # content state · one lookup of the three filter values (tag, park, enterprise) · count (0: no year
    # 2000, so no page query) · facets: topic, park, enterprise, year
    get(client, url, django_assert_num_queries, 7)
    year = world["articles"][0].published_at.astimezone().year
    url = f"/news/?tag=人工智能&park={world['zone'].slug}&year={year}"
    # one lookup (tag and park) · count · facets: topic, park, enterprise, year · page · tags
    response = get(client, url, django_assert_num_queries, 8)
    assert response.text.count('class="card card-article') >= min(world["n"], 2)


def test_article_detail(client, world, django_assert_num_queries):
    article = world["articles"][0]
    # content state · the article (with previous/next as subqueries) · tags · published parks
    # · published enterprises · their qualifications · related articles (ranked)
    response = get(client, article.get_absolute_url(), django_assert_num_queries, 7)
    assert response.text.count('class="card card-enterprise') == world["n"]
    # The second visit takes the linked body and the ranking from the cache: related articles are read by key.
    get(client, article.get_absolute_url(), django_assert_num_queries, 6)


def test_park_list(client, world, django_assert_num_queries):
    # content state · count · facets: district, level, kind, industry · page (with enterprise counts) · tags
    response = get(client, "/parks/", django_assert_num_queries, 8)
    assert response.text.count('class="card card-park') == world["n"] + 1
    # In English, in the order of English names (its own index): the same queries but the content state,
    # known by now (the counts are kept per language: their labels are).
    response = get(client, "/en/parks/", django_assert_num_queries, 7)
    assert response.text.count('class="card card-park') == world["n"] + 1


def test_park_list_filtered(client, world, django_assert_num_queries):
    url = "/parks/?district=laoshan&level=municipal&industry=人工智能"
    # content state · tag lookup · count · facets: district, level, kind, industry · page · tags
    response = get(client, url, django_assert_num_queries, 9)
    assert response.text.count('class="card card-park') == world["n"]


def test_park_detail(client, world, django_assert_num_queries):
    # the park (with parent and operator) · tags · figures with source articles · sub-parks
    # · enterprises · their qualifications · articles · projects · content state · counts of enterprises and articles
    response = get(client, world["zone"].get_absolute_url(), django_assert_num_queries, 10)
    text = response.text
    assert text.count('class="card card-park') == world["n"]
    assert text.count('class="card card-enterprise') == world["n"]
    assert text.count('class="card card-article') == world["n"]
    assert text.count("<tr>") == world["n"] + 1
    # The counts are kept for the content generation: no content state, no counts.
    again = get(client, world["zone"].get_absolute_url(), django_assert_num_queries, 8)
    assert again.text == text


def test_enterprise_list(client, world, django_assert_num_queries):
    # content state · count · facets: industry, qualification, park, district · page · tags · qualifications
    response = get(client, "/enterprises/", django_assert_num_queries, 9)
    assert response.text.count('class="card card-enterprise') == world["n"] + 1
    response = get(client, "/en/enterprises/", django_assert_num_queries, 8)  # as /en/parks/
    assert response.text.count('class="card card-enterprise') == world["n"] + 1


def test_enterprise_list_filtered(client, world, django_assert_num_queries):
    url = f"/enterprises/?district=chengyang&qualification=unicorn&industry=人工智能&park={world['zone'].slug}"
    # content state · one lookup of tag, qualification and park · count · facets: industry, qualification,
    # park, district · page · tags · qualifications (only the first visitor of a content generation pays this)
    response = get(client, url, django_assert_num_queries, 10)
    assert response.text.count('class="card card-enterprise') == world["n"]
    # count and facets from the cache: the lookup · page · tags · qualifications
    get(client, url, django_assert_num_queries, 4)


def test_enterprise_detail(client, world, django_assert_num_queries):
    enterprise = world["enterprises"][0]
    # the enterprise (with article count) · tags · qualifications · figures with source articles
    # · parks · operated parks · investors · investments · articles
    response = get(client, enterprise.get_absolute_url(), django_assert_num_queries, 9)
    assert response.text.count('class="card card-article') == world["n"]


def test_tag_page(client, world, django_assert_num_queries):
    # content state · the tag with four counts · articles · parks (with enterprise counts) · enterprises
    # · their qualifications · projects (with their parks)
    response = get(client, "/tags/人工智能/", django_assert_num_queries, 7)
    # counts from the cache: the tag · articles · parks · enterprises · qualifications · projects
    response = get(client, "/tags/人工智能/", django_assert_num_queries, 6)
    assert response.text.count('class="card card-park') == world["n"] + 1


def test_search_all_kinds(client, world, django_assert_num_queries):
    # One ranked list of every kind; its rows are read by key, one query per kind the page shows.
    first = client.get("/search/?q=示范")
    kinds = len(set(re.findall(r'class="search-result search-result-(\w+)"', first.text)))
    assert kinds >= 2
    cache.clear()
    # content state · the ranked keys of articles, parks, enterprises, projects, the bureau's pages (fewer than
    # kept: no counts) · matching tags · the page's rows, per kind
    first = get(client, "/search/?q=示范", django_assert_num_queries, 7 + kinds)
    # keys, ranks and counts from the cache: the page's rows, per kind (no tag holds 示范: no query for tags)
    again = get(client, "/search/?q=示范", django_assert_num_queries, kinds)
    results = [first.text.split('class="search-results"')[1:], again.text.split('class="search-results"')[1:]]
    assert len(results[0]) == 1 and results[0] == results[1]  # the same results, in the same order


def test_search_one_kind(client, world, django_assert_num_queries):
    # content state · matching tags · the ranked keys of the five kinds (the tabs' counts) · the page's rows
    response = get(client, "/search/?q=人工智能&kind=news", django_assert_num_queries, 8)
    assert response.text.count('class="search-result ') == world["n"]
    # counts, tags and ranking from the cache: the tag 人工智能 · the page's rows by key
    response = get(client, "/search/?q=人工智能&kind=news", django_assert_num_queries, 2)
    assert response.text.count('class="search-result ') == world["n"]


def test_feeds(client, world, django_assert_num_queries):
    # articles · their tags
    get(client, "/news/feed.xml", django_assert_num_queries, 2)
    # the tag · its articles · their tags
    get(client, "/tags/人工智能/feed.xml", django_assert_num_queries, 3)


def test_sitemap(client, world, django_assert_num_queries):
    # articles · parks · enterprises · projects · tags · the bureau's pages (the fixed pages need none)
    get(client, "/sitemap.xml", django_assert_num_queries, 6)


def test_health_and_robots(client, world, django_assert_num_queries):
    get(client, "/health/", django_assert_num_queries, 1)  # SELECT 1
    get(client, "/robots.txt", django_assert_num_queries, 0)
