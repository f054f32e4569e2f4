"""When the database is out of reach: cached pages keep serving, the rest says 503 and when to come back.

The database is made unreachable for real: the connection is closed and
pointed at a port where nothing listens (PostgreSQL) or a file that cannot be
opened (SQLite), then pointed back. Nothing is mocked.
"""

import socket
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client

from tests.helpers import make_article

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def database_out_of_reach():
    settings_dict = connection.settings_dict
    saved = dict(settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        with socket.socket() as probe:  # a port nothing listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        settings_dict.update(HOST="127.0.0.1", PORT=str(port))
    else:
        settings_dict["NAME"] = "/nonexistent-directory/bureau.sqlite3"
    try:
        yield
    finally:
        connection.close()
        settings_dict.clear()
        settings_dict.update(saved)


@pytest.fixture
def visitor(settings):
    settings.DEBUG = False  # the visitor's error pages, not the developer's
    settings.PAGE_CACHE_SECONDS = 300
    return Client(raise_request_exception=False)


def test_cached_pages_serve_and_the_rest_answers_503_until_the_database_is_back(visitor):
    article = make_article(title="园区新闻：项目签约", slug="signed")
    visitor.get("/news/")
    assert visitor.get("/news/")["X-Cache"] == "hit"

    with database_out_of_reach():
        cached = visitor.get("/news/")
        assert cached.status_code == 200 and "园区新闻：项目签约" in cached.text
        for url, says in (
            (article.get_absolute_url(), "网站暂时无法连接数据库"),
            ("/parks/", "网站暂时无法连接数据库"),
            ("/en/news/", "The site cannot reach its database just now"),  # the English page in English
        ):
            response = visitor.get(url)
            assert response.status_code == 503, url
            assert response["Retry-After"] == "30"
            assert "no-store" in response["Cache-Control"]
            assert says in response.text, url
        health = visitor.get("/health/")
        assert health.status_code == 503
        assert health.json()["checks"]["database"] == "unavailable"

    recovered = visitor.get(article.get_absolute_url())
    assert recovered.status_code == 200 and "园区新闻：项目签约" in recovered.text
    assert visitor.get("/health/").json()["status"] == "ok"


def test_a_503_is_never_kept_in_the_page_cache(visitor):
    article = make_article(title="园区新闻：项目签约", slug="signed")
    with database_out_of_reach():
        assert visitor.get(article.get_absolute_url()).status_code == 503
    response = visitor.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Cache"] == "miss"
