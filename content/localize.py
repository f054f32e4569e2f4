"""English names and summaries on English pages, the Chinese ones everywhere else.

Parks, enterprises, qualifications and figures carry optional ``*_en``
fields; an English page shows them where they exist and falls back to the
Chinese text where an editor has not written one yet.
"""

from django.conf import settings
from django.utils.translation import get_language


def is_english():
    return (get_language() or "").startswith("en")


def site_name():
    """The bureau's name in the current language (settings SITE_NAME and SITE_NAME_EN)."""
    return settings.SITE_NAME_EN if is_english() else settings.SITE_NAME


def localized(obj, field):
    if obj is None:
        return ""
    if is_english():
        english = getattr(obj, f"{field}_en", "")
        if not english and field == "display_name":
            english = getattr(obj, "name_en", "")
        if english:
            return english
    return getattr(obj, field, "")


def name_of(obj):
    """What a visitor calls ``obj`` in the current language (an enterprise by its short name)."""
    return localized(obj, "display_name" if hasattr(obj, "display_name") else "name")
