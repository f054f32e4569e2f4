"""``reverse()`` remembered per process.

A list page asks for a hundred URLs (each card's link, each tag, the menu),
and Django's ``reverse()`` works every one out afresh: about a tenth of an
uncached page's time. Its answer depends only on its arguments, the URLconf,
the script prefix and the language (``i18n_patterns``), so it is kept under
all of them. A changed ``ROOT_URLCONF`` (tests) empties the store.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import get_language

# A page asks for at most a few hundred URLs; an entry costs about 600 bytes (key and answer), so 2,048
# keep the URLs of the busiest pages for about 1.2 MB per worker. A sitemap of 100,000 articles streams
# through without making room for more.
MAX_URLS = 2048


@lru_cache(maxsize=MAX_URLS)
def _reverse(urlconf, prefix, language, viewname, args, kwargs, current_app):
    return django_reverse(
        viewname, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) if kwargs else None, current_app=current_app
    )


def reverse(viewname, args=None, kwargs=None, current_app=None):
    """``django.urls.reverse``, remembered. Raises ``NoReverseMatch`` the same way (errors are not kept)."""
    key = (
        get_urlconf(),
        get_script_prefix(),
        get_language(),
        viewname,
        tuple(args) if args else (),
        tuple(sorted(kwargs.items())) if kwargs else (),
        current_app,
    )
    try:
        hash(key)
    except TypeError:  # An argument that cannot be a key (an unsaved object, a list): not remembered.
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _reverse(*key)


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        _reverse.cache_clear()
