"""The content generation: what every cache of this site is keyed by.

Any change to content (a save, a delete or a change of links or tags of an
article, park, enterprise, figure, qualification, tag or old address) starts a
new generation, so everything kept for the old one (whole pages, counts,
rankings, linked bodies) is out of date at once; nothing has to know which
page or count shows what. Scheduled items are handled the same way: the
generation also records when the next scheduled item goes live, and the first
request after that moment starts a new one.

A bureau's editors save a few dozen times a day, visitors read all day long:
starting over on each save is cheap, and it is always right.

Two things are kept per generation: whole pages for anonymous visitors
(``content.page_cache``) and, through ``remember()``, what a page needs that
costs a pass over many rows (counts, rankings, an article body with its
mentions linked).
"""

import contextlib
import functools
import hashlib
import threading
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from content.models import Status, publishable_models

STATE_KEY = "content-state"
# Data lives as long as its generation; this only bounds how long an unused entry stays in the cache.
GENERATION_DATA_SECONDS = 24 * 3600
# Longer names (or names with characters a cache backend may refuse) are hashed.
MAX_NAME_LENGTH = 150


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
    """The current generation and when the next scheduled item goes live: ``{"generation", "next_scheduled"}``."""
    return valid_state(cache.get(STATE_KEY))


def valid_state(state):
    """``state`` as read from the cache under STATE_KEY, or a new one if it was missing or a scheduled item is due."""
    if state is None or (state["next_scheduled"] and state["next_scheduled"] <= timezone.now()):
        state = _new_state()
    return state


@functools.cache
def _content_apps():
    """The apps whose models are content or describe it: every app with a kind of content, tags, old addresses."""
    return frozenset({model._meta.app_label for model in publishable_models()} | {"taggit", "content"})


_quiet = threading.local()


@contextlib.contextmanager
def quiet():
    """Changes made inside the block are not announced: for changes that are always rolled back.

    Showing a pending change applies it to the database and rolls it back
    (content/pending.py); nothing public changed, so no cache starts over,
    and nothing worked out from it (``remember``) is kept for others.
    """
    depth = getattr(_quiet, "depth", 0)
    _quiet.depth = depth + 1
    try:
        yield
    finally:
        _quiet.depth = depth


def announce_change(using=None):
    """A change of content: a new generation now, and again once the change is committed.

    The signals below call it for every save, delete and change of links; code
    that changes content without signals (``QuerySet.update()``, ``bulk_create()``:
    a merge of tags) calls it itself.

    Saves run inside a transaction (every admin save does). A visitor's
    request served between the save and the commit cannot see the change
    yet; if it starts the new generation, the page it caches is from before
    the change, so the generation must change again after the commit. The
    change at once keeps the saving process's own next requests fresh (and
    the tests', whose transactions never commit).
    """
    if getattr(_quiet, "depth", 0):
        return
    content_changed()
    transaction.on_commit(content_changed, using=using)


def _is_content(sender):
    meta = getattr(sender, "_meta", None)
    # Staff-only models of these apps (pending changes) change nothing visitors see.
    return meta is not None and meta.app_label in _content_apps() and not getattr(sender, "staff_only", False)


@receiver(post_save, dispatch_uid="content.caching.saved")
@receiver(post_delete, dispatch_uid="content.caching.deleted")
def _content_saved_or_deleted(sender, using=None, **kwargs):
    if _is_content(sender):
        announce_change(using)


@receiver(m2m_changed, dispatch_uid="content.caching.links")
def _links_changed(sender, action, using=None, **kwargs):
    if action.startswith("post_") and _is_content(kwargs["model"]):
        announce_change(using)


def remember(name, compute):
    """``compute()``, kept in the cache for the current content generation.

    For what only a change of content can change and what costs a pass over
    many rows to work out (counts, rankings): the first request after a change
    pays for it, the others read it back. ``name`` must say everything the
    value depends on besides content (which object, which language, which
    filters, ...). ``compute()`` must not return None.
    """
    if len(name) > MAX_NAME_LENGTH or not name.isascii() or not name.isprintable() or " " in name:
        name = hashlib.sha256(name.encode()).hexdigest()
    if getattr(_quiet, "depth", 0):
        return compute()  # from content that is about to be rolled back: not for anyone else to read
    key = f"data:{current_state()['generation']}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, GENERATION_DATA_SECONDS)
    return value
