"""The addresses of the public pages (a view, with one slug or none), remembered per process.

A list page links every card's title, picture, tags and badges, and every
page its menu and footer: over a hundred ``reverse()`` calls, a sixth of an
uncached list page under load (bench/README.md). Such an address depends
only on the view, the slug, the language (``i18n_patterns``), the script
prefix and the URLconf, so it is remembered under all of them. Any other
address, ``{% url %}`` and the admin's included, is Django's own ``reverse()``.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# A page asks for a few hundred addresses at most; this keeps the busiest pages' for a few MB per process.
MAX_ADDRESSES = 4096


@lru_cache(maxsize=MAX_ADDRESSES)
def _page_url(urlconf, prefix, language, viewname, slug):
    return reverse(viewname, urlconf=urlconf, kwargs=None if slug is None else {"slug": slug})


def page_url(viewname, slug=None):
    """``reverse(viewname)``, or with ``kwargs={"slug": slug}``, remembered; a missing address raises each time."""
    return _page_url(get_urlconf(), get_script_prefix(), get_language(), viewname, None if slug is None else str(slug))


def tag_url(slug):
    """A tag's page. taggit's Tag knows no address of its own; the page is the site's (bureau's tag page)."""
    return page_url("bureau:tag_detail", slug)


@receiver(setting_changed, dispatch_uid="content.links.forget")
def _forget(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        _page_url.cache_clear()
