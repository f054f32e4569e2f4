"""Whole-page cache for anonymous visitors that never serves stale content.

Every cached page is stored under the current *content generation*. Any
change to content (a save, a delete or a change of links or tags of an
article, park, enterprise, figure, qualification, tag or old address) starts a
new generation, so every page that might show the change is recomputed on its
next request; nothing has to know which pages show what. Scheduled items are
handled the same way: the generation also records when the next scheduled
item goes live, and the first request after that moment starts a new one.

A bureau's editors save a few dozen times a day, visitors read all day long:
dropping the whole page cache on each save is cheap, and it is always right.

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

import functools
import hashlib
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_max_age

from content.models import Publishable, Status

STATE_KEY = "content-state"
CACHED_STATUSES = (200, 400, 404)
KEPT_HEADERS = ("Content-Type", "Content-Language", "ETag", "Vary", "X-Robots-Tag", "Link")


def publishable_models():
    """Every concrete kind of content (articles, parks, enterprises, ...), found in the app registry."""
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def _next_scheduled_time():
    """When the next scheduled item of any kind becomes public, if any (one query)."""
    now = timezone.now()
    scheduled = [
        model.objects.filter(status=Status.PUBLISHED, published_at__gt=now).order_by().values_list("published_at")
        for model in publishable_models()
    ]
    if not scheduled:
        return None
    first = scheduled[0].union(*scheduled[1:], all=True).order_by("published_at").first()
    return first[0] if first else None


def _new_state():
    state = {"generation": uuid.uuid4().hex, "next_scheduled": _next_scheduled_time()}
    cache.set(STATE_KEY, state, timeout=None)
    return state


def content_changed():
    """Start a new generation: every cached page is out of date from now on."""
    cache.delete(STATE_KEY)


def current_state():
    state = cache.get(STATE_KEY)
    if state is None or (state["next_scheduled"] and state["next_scheduled"] <= timezone.now()):
        state = _new_state()
    return state


@functools.cache
def _content_apps():
    """The apps whose models are content or describe it: every app with a kind of content, tags, old addresses."""
    return frozenset({model._meta.app_label for model in publishable_models()} | {"taggit", "content"})


def _is_content(sender):
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in _content_apps()


@receiver(post_save, dispatch_uid="content.caching.saved")
@receiver(post_delete, dispatch_uid="content.caching.deleted")
def _content_saved_or_deleted(sender, **kwargs):
    if _is_content(sender):
        content_changed()


@receiver(m2m_changed, dispatch_uid="content.caching.links")
def _links_changed(sender, action, **kwargs):
    if action.startswith("post_") and _is_content(kwargs["model"]):
        content_changed()


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


GENERATION_DATA_SECONDS = 24 * 3600


def remember(name, compute):
    """``compute()``, kept in the cache for the current content generation.

    For what only a change of content can change and what costs a pass over
    many rows to work out (counts, rankings): the first request after a change
    pays for it, the others read it back. ``name`` must say everything the
    value depends on besides content (which object, which language, ...).
    """
    key = f"data:{current_state()['generation']}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, GENERATION_DATA_SECONDS)
    return value
