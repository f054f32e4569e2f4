"""Redis as the cache, with an outage treated as a miss.

The cache only makes the site faster. When Redis refuses the connection,
times out or answers nonsense, every call here does what a miss does (``get``
returns the default, ``set`` stores nothing) instead of raising, so a page is
built from the database as if it had never been cached. After a failure this
process leaves Redis alone for ``RETRY_SECONDS`` (a hung server then costs one
short socket timeout, not one for every cache call of every request), then
tries again: the site recovers by itself when Redis comes back.

A delete that could not reach Redis is remembered and done first thing once
Redis answers again. Deletes are how content changes are announced (a new
content generation, content/caching.py): a Redis that was only out of reach,
and comes back with its data, would otherwise go on serving pages from before
an edit made during the outage.

A warning is logged at most once every ``WARN_SECONDS`` per process, and the
health check reports the cache as "degraded" while it is unavailable.
"""

import logging
import os
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
WARN_SECONDS = 60
# Deletes kept for when Redis is back; past this many, the whole cache is emptied instead.
MAX_PENDING_DELETES = 1000
# What a broken connection raises: redis-py's own errors, and the socket's when it fails underneath them.
FAILURES = (RedisError, OSError)


class ReusingRedisClient(RedisCacheClient):
    """Django's Redis client, with one ``redis.Redis`` per connection pool instead of one per cache call.

    Django builds a new ``redis.Redis`` for every get and set, and redis-py fills
    a table of some 170 response handlers each time: 0.15 ms, about a sixth of
    what a page served from the cache costs (bench/README.md). The connections
    were already shared through the pool; the object in front of them is now too.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._local = threading.local()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    def get(self, key, default):
        """One key, read over a connection this thread keeps for itself.

        Every page served from the cache reads the content generation first
        (content/page_cache.py), so this is the hottest call of the site. Through
        ``redis.Redis`` it costs a pool checkout, a retry wrapper and a release
        around the round trip: about 65 µs, against 35 µs for the same GET sent on
        a connection held by the thread. The connection is redis-py's own, with
        the pool's settings (timeouts, database, password); after any failure it
        is closed, and the next read opens a new one.
        """
        connection = self._own_connection()
        try:
            connection.send_command("GET", key)
            value = connection.read_response()
        except BaseException:
            connection.disconnect()
            raise
        return default if value is None else self._serializer.loads(value)

    def _own_connection(self):
        local = self._local
        if getattr(local, "pid", None) != os.getpid():  # none yet in this thread, or inherited through a fork
            pool = self._get_connection_pool(False)
            local.connection = pool.connection_class(**pool.connection_kwargs)
            local.pid = os.getpid()
        return local.connection


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache, answering every failure like a miss (see the module docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisClient
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._warned_at = None
        self._pending_deletes = set()  # (key, version) pairs
        self._pending_clear = False

    @property
    def available(self):
        """False while this process leaves Redis alone after a failure."""
        return time.monotonic() >= self._down_until

    def _failed(self, error):
        now = time.monotonic()
        with self._lock:
            self._down_until = now + RETRY_SECONDS
            warn = self._warned_at is None or now - self._warned_at >= WARN_SECONDS
            if warn:
                self._warned_at = now
        if warn:
            logger.warning(
                "The cache (Redis) is unavailable, pages are built without it: %s. "
                "Trying again every %s s; this warning repeats at most once a minute.",
                error,
                RETRY_SECONDS,
            )

    def _safely(self, call, miss):
        if not self.available:
            return miss
        try:
            if self._pending_deletes or self._pending_clear:
                self._catch_up()
            return call()
        except FAILURES as error:
            self._failed(error)
            return miss

    def _remember_delete(self, keys, version):
        with self._lock:
            self._pending_deletes.update((key, version) for key in keys)
            if len(self._pending_deletes) > MAX_PENDING_DELETES:
                self._pending_deletes.clear()
                self._pending_clear = True

    def _catch_up(self):
        """Do what failed while Redis was out of reach (raises like any other call if it still is)."""
        with self._lock:
            pending, clear = list(self._pending_deletes), self._pending_clear
        if clear:
            super().clear()
        for key, version in pending:
            super().delete(key, version)
        with self._lock:
            self._pending_deletes.difference_update(pending)
            if clear:
                self._pending_clear = False

    # Reads answer as a miss; writes store nothing and say so where Django's API has a return value.

    def get(self, key, default=None, version=None):
        return self._safely(lambda: super(FailSoftRedisCache, self).get(key, default, version), default)

    def get_many(self, keys, version=None):
        return self._safely(lambda: super(FailSoftRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._safely(lambda: super(FailSoftRedisCache, self).has_key(key, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(lambda: super(FailSoftRedisCache, self).set(key, value, timeout, version), None)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(lambda: super(FailSoftRedisCache, self).add(key, value, timeout, version), False)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(lambda: super(FailSoftRedisCache, self).set_many(data, timeout, version), list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(lambda: super(FailSoftRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        deleted = self._safely(lambda: super(FailSoftRedisCache, self).delete(key, version), None)
        if deleted is None:
            self._remember_delete([key], version)
        return bool(deleted)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        if self._safely(lambda: super(FailSoftRedisCache, self).delete_many(keys, version) or True, None) is None:
            self._remember_delete(keys, version)

    def clear(self):
        if self._safely(lambda: super(FailSoftRedisCache, self).clear() or True, None) is None:
            with self._lock:
                self._pending_deletes.clear()
                self._pending_clear = True
        return True

    def incr(self, key, delta=1, version=None):
        result = self._safely(lambda: super(FailSoftRedisCache, self).incr(key, delta, version), None)
        if result is None:
            raise ValueError(f"Key '{key}' not found")  # what a missing key raises: the cache is out
        return result

    def ping(self):
        """True when Redis answers now (for the health check), whatever this process concluded before."""
        try:
            answered = bool(self._cache.get_client(write=False).ping())
        except FAILURES as error:
            self._failed(error)
            return False
        self._down_until = 0.0  # back: no need to wait for the retry time
        return answered
