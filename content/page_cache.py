"""Whole-page cache for anonymous visitors that never serves stale content.

Every cached page is stored under the current content generation
(``content.caching``), so any change to content makes every page be
recomputed on its next request.

Pages are cached only for requests without a session cookie (staff browsing
the site see it live) and only for answers that are public by their own
headers: no cookie set, no ``Vary: Cookie``, no ``private``/``no-store``.

The middleware sits near the top of the stack, so that a hit, which is most
of what visitors get, costs a cache lookup and nothing else: no session, no
authentication, no messages, no template. The language is part of the
address (Chinese at the root, English under /en/), so the address alone
picks the page. A page is stored with every header the middleware below it
added (Content-Security-Policy, X-Frame-Options, Content-Language, Vary,
ETag); the middleware above it (security headers, 304 answers) treats hits
like any other response. A hit costs one small read from the shared cache,
the generation: each process keeps the pages it served lately in memory
(``PAGE_CACHE_PROCESS_BYTES``), for the generation it saw last, and reads a
page it does not have together with the generation.

"Not found" (404) and "bad request" (400) answers are cached too, under the
same generation but for at most ``ERROR_PAGE_CACHE_SECONDS``: a crawler or a
broken link hammering a missing page then costs what a cached page costs,
instead of a full render each time, and a flood of made-up addresses cannot
fill the cache for long. A missing page that gets published shows at once,
since publishing starts a new generation.
"""

import hashlib
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_max_age

from content.caching import STATE_KEY, current_state, valid_state

CACHED_STATUSES = (200, 400, 404)
# Every header of the answer is kept with it but these: X-Cache says where this answer came from.
UNKEPT_HEADERS = frozenset({"x-cache", "set-cookie"})


def _page_name(request):
    """What names a page across generations: the host and the full path (hashed: any length, any characters)."""
    return f"{request.get_host()}:{hashlib.sha256(request.get_full_path().encode()).hexdigest()}"


def _page_key(generation, name):
    return f"page:{generation}:{name}"


def _request_is_cacheable(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not any(request.path_info.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PREFIXES)
    )


def _response_is_cacheable(response):
    if response.status_code not in CACHED_STATUSES or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")) or get_max_age(response) == 0:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    return "cookie" not in vary and "*" not in vary


class _RecentPages:
    """Pages this process served lately, for one content generation, up to ``max_bytes`` of content.

    Every hit still reads the generation from the shared cache, so a change
    made through any server is seen at once; only the page's bytes come from
    memory. A page is kept no longer than the shared cache keeps it.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.generation = None
        self._pages = OrderedDict()
        self._bytes = 0

    def start(self, generation):
        self.generation = generation
        self._pages.clear()
        self._bytes = 0

    def get(self, key):
        stored = self._pages.get(key)
        if stored is None:
            return None
        if stored.get("expires", 0) <= time.time():
            self._forget(key)
            return None
        self._pages.move_to_end(key)
        return stored

    def keep(self, key, stored):
        size = len(stored["content"])
        if "expires" not in stored or size > self.max_bytes or key in self._pages:
            return
        self._pages[key] = stored
        self._bytes += size
        while self._bytes > self.max_bytes:
            self._forget(next(iter(self._pages)))

    def _forget(self, key):
        self._bytes -= len(self._pages.pop(key)["content"])


class PublicPageCacheMiddleware:
    """Serve anonymous GETs from the page cache; see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._recent = _RecentPages(settings.PAGE_CACHE_PROCESS_BYTES)

    def _lookup(self, request):
        """The content state, the page's cache key and the stored page, if any.

        The page is looked up under the generation this process saw last
        (almost always still the current one): in memory, with a read of the
        generation alone; else in the shared cache, read together with the
        generation. A second read only when the generation has changed.
        """
        name = _page_name(request)
        seen = self._recent.generation
        if seen is None:
            state, stored = current_state(), None
        else:
            key = _page_key(seen, name)
            stored = self._recent.get(key)
            if stored is not None:
                state = current_state()
            else:
                found = cache.get_many([STATE_KEY, key])
                state = valid_state(found.get(STATE_KEY))
                stored = found.get(key)
        key = _page_key(state["generation"], name)
        if state["generation"] != seen:
            self._recent.start(state["generation"])
            stored = cache.get(key)
        if stored is not None:
            self._recent.keep(key, stored)
        return state, key, stored

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _request_is_cacheable(request):
            return self.get_response(request)
        state, key, stored = self._lookup(request)
        if stored is not None:
            headers = {**stored["headers"], "X-Cache": "hit"}
            return HttpResponse(stored["content"], status=stored.get("status", 200), headers=headers)
        response = self.get_response(request)
        if _response_is_cacheable(response):
            timeout = settings.PAGE_CACHE_SECONDS
            if response.status_code == 200:
                if not response.has_header("ETag"):
                    response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
            else:
                timeout = min(timeout, settings.ERROR_PAGE_CACHE_SECONDS)
            if state["next_scheduled"]:
                # Never keep a page past the moment a scheduled item goes live.
                until = (state["next_scheduled"] - timezone.now()).total_seconds()
                timeout = max(1, min(timeout, int(until) + 1))
            headers = {name: value for name, value in response.items() if name.lower() not in UNKEPT_HEADERS}
            stored = {
                "content": response.content,
                "headers": headers,
                "status": response.status_code,
                "expires": time.time() + timeout,
            }
            cache.set(key, stored, timeout=timeout)
            self._recent.keep(key, stored)
            response["X-Cache"] = "miss"
        return response
