"""The addresses of content pages (a slug under a view), remembered per process.

A list page links every card's title, picture and tags: about a hundred
``reverse()`` calls, a sixth of an uncached news list (bench/README.md). The
address of a slug depends only on the view, the slug, the language
(``i18n_patterns``), the script prefix and the URLconf, so it is remembered
under all of them, for views that take one slug and nothing else. Every
other address, ``{% url %}`` and the admin's included, is Django's own
``reverse()``.
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
    return reverse(viewname, urlconf=urlconf, kwargs={"slug": slug})


def page_url(viewname, slug):
    """``reverse(viewname, kwargs={"slug": slug})``, remembered; a missing address raises NoReverseMatch each time."""
    return _page_url(get_urlconf(), get_script_prefix(), get_language(), viewname, str(slug))


@receiver(setting_changed, dispatch_uid="content.links.forget")
def _forget(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        _page_url.cache_clear()
