"""Whole-page cache for anonymous visitors that never serves stale content.

Every cached page is stored under the current content generation
(``content.caching``), so any change to content makes every page be
recomputed on its next request.

Pages are cached only for requests without a session cookie (staff browsing
the site see it live) and only for answers that are public by their own
headers: no cookie set, no ``Vary: Cookie``, no ``private``/``no-store``.

"Not found" (404) and "bad request" (400) answers are cached too, under the
same generation but for at most ``ERROR_PAGE_CACHE_SECONDS``: a crawler or a
broken link hammering a missing page then costs what a cached page costs,
instead of a full render each time, and a flood of made-up addresses cannot
fill the cache for long. A missing page that gets published shows at once,
since publishing starts a new generation.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_max_age

from content.caching import current_state

CACHED_STATUSES = (200, 400, 404)
KEPT_HEADERS = ("Content-Type", "Content-Language", "ETag", "Vary", "X-Robots-Tag", "Link")


def _page_key(request, generation):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{generation}:{request.get_host()}:{path}"


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


class PublicPageCacheMiddleware:
    """Serve anonymous GETs from the page cache; see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _request_is_cacheable(request):
            return self.get_response(request)
        state = current_state()
        key = _page_key(request, state["generation"])
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"], status=stored.get("status", 200))
            for name, value in stored["headers"].items():
                response[name] = value
            response["X-Cache"] = "hit"
            return response
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
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            stored = {"content": response.content, "headers": headers, "status": response.status_code}
            cache.set(key, stored, timeout=timeout)
            response["X-Cache"] = "miss"
        return response
