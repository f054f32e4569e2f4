"""A cache outage slows the site down, it does not stop it.

Each test runs a throw-away redis-server on a port of its own, stops it
while pages are being served, and starts it again: pages answer 200 all
along, straight from the database while Redis is gone, and are cached again
once it is back. A Redis that accepts connections but never answers (a hung
server) costs one short timeout, not one per cache call.
"""

import logging
import shutil
import socket
import subprocess
import threading
import time

import pytest
from django.core.cache import cache

from bureau import cache as fail_soft
from news.models import Article
from tests.browser_support import skip_unless_ci
from tests.helpers import make_article, make_enterprise, make_park

pytestmark = pytest.mark.django_db

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Partition:
    """A TCP relay to Redis that can drop everything, as a network partition does, and heal.

    While cut, it accepts connections and reads what the client sends, but
    forwards nothing and answers nothing: the client times out and Redis
    never hears of the command (not even later, as a frozen server would).
    """

    def __init__(self, target_port):
        self.target_port = target_port
        self.cut = False
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            upstream = None if self.cut else socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            if upstream is not None:
                threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                if sink is not None and not self.cut:
                    sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                if end is not None:
                    end.close()

    def close(self):
        self.listener.close()


class ThrowAwayRedis:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the throw-away redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@pytest.fixture
def redis(tmp_path, settings, monkeypatch):
    if not shutil.which(REDIS_SERVER):
        skip_unless_ci("redis-server is not installed (apt-get install redis-server)")
    server = ThrowAwayRedis(tmp_path)
    server.start()
    settings.CACHES = cache_settings(server.port)
    settings.PAGE_CACHE_SECONDS = 300
    monkeypatch.setattr(fail_soft, "RETRY_SECONDS", 0.3)
    yield server
    server.stop()


def cache_settings(port):
    return {
        "default": {
            "BACKEND": "bureau.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }


@pytest.fixture
def pages(db):
    park = make_park(name="青岛国际创新园", slug="qingdao-innovation-park")
    enterprise = make_enterprise(
        name="青岛创新奇智科技集团股份有限公司", short_name="创新奇智", slug="chuang-xin-qi-zhi"
    )
    article = make_article(title="创新奇智在港交所上市", slug="listed", body="<p>创新奇智今日上市。</p>")
    article.parks.add(park)
    article.enterprises.add(enterprise)
    article.tags.add("人工智能")
    tag = article.tags.get()
    return {
        "/": "创新奇智在港交所上市",
        "/news/": "创新奇智在港交所上市",
        article.get_absolute_url(): "创新奇智今日上市",
        park.get_absolute_url(): "青岛国际创新园",
        enterprise.get_absolute_url(): "创新奇智",
        f"/tags/{tag.slug}/": "人工智能",
        "/search/?q=创新奇智": 'href="/news/listed/"',
        "/en/news/": "创新奇智在港交所上市",
    }


def visit_all(client, pages):
    states = {}
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.text, url
        states[url] = response.get("X-Cache")
    return states


def test_pages_answer_through_an_outage_and_are_cached_again_after_it(client, redis, pages, caplog):
    visit_all(client, pages)
    assert set(visit_all(client, pages).values()) == {"hit"}

    redis.stop()
    with caplog.at_level(logging.WARNING, logger="bureau.cache"):
        started = time.monotonic()
        for _ in range(3):
            assert set(visit_all(client, pages).values()) == {"miss"}  # built from the database, every time
        elapsed = time.monotonic() - started
    assert elapsed < 10, elapsed  # 24 pages: a refused connection fails at once
    warnings = [record for record in caplog.records if record.name == "bureau.cache"]
    assert len(warnings) == 1, "one warning per minute and process, not one per call"
    health = client.get("/health/")
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "checks": {"database": "ok", "cache": "degraded"}}

    redis.start()
    time.sleep(fail_soft.RETRY_SECONDS + 0.1)
    visit_all(client, pages)
    assert set(visit_all(client, pages).values()) == {"hit"}
    assert client.get("/health/").json()["status"] == "ok"


@pytest.mark.parametrize("outage", ["stopped", "out of reach"])
def test_an_edit_made_during_an_outage_shows_once_redis_is_back(client, redis, pages, outage, settings):
    # Stopped, Redis comes back empty (it keeps nothing on disk here). Out of reach (a network partition), it
    # comes back with every page of the old content generation, and never heard that content changed.
    partition = Partition(redis.port)
    settings.CACHES = cache_settings(partition.port)
    assert visit_all(client, pages) and set(visit_all(client, pages).values()) == {"hit"}
    if outage == "stopped":
        redis.stop()
    else:
        partition.cut = True
    article = Article.objects.get(slug="listed")
    article.title = "创新奇智在香港联交所上市"
    article.save()  # the new generation cannot be announced now
    assert "创新奇智在香港联交所上市" in client.get("/news/").text
    if outage == "stopped":
        redis.start()
    else:
        partition.cut = False
    time.sleep(fail_soft.RETRY_SECONDS + 0.1)
    for url in ("/news/", "/", "/en/news/"):
        assert "创新奇智在香港联交所上市" in client.get(url).text, url
        assert "创新奇智在港交所上市" not in client.get(url).text, url
    partition.close()


def test_a_hung_redis_costs_one_short_timeout_not_one_per_call(client, settings, monkeypatch, pages, caplog):
    # A server that accepts connections and never answers: the listening socket is never read.
    hung = socket.socket()
    hung.bind(("127.0.0.1", 0))
    hung.listen(64)
    settings.CACHES = cache_settings(hung.getsockname()[1])
    settings.PAGE_CACHE_SECONDS = 300
    monkeypatch.setattr(fail_soft, "RETRY_SECONDS", 30)
    try:
        with caplog.at_level(logging.WARNING, logger="bureau.cache"):
            started = time.monotonic()
            first = client.get("/news/")
            first_took = time.monotonic() - started
            started = time.monotonic()
            visit_all(client, pages)
            rest_took = time.monotonic() - started
    finally:
        hung.close()
    assert first.status_code == 200 and "创新奇智在港交所上市" in first.text
    assert first_took < 1.5, first_took  # one socket timeout (0.25 s), not one for each cache call
    assert rest_took < 3, rest_took  # the process leaves Redis alone until the retry time
    assert cache.get("anything", "a miss") == "a miss"
