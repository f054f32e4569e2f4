"""English names and summaries on English pages, the Chinese ones everywhere else.

Articles, parks, enterprises, qualifications and figures carry optional
``*_en`` fields, and tags an English name beside them (TagEnglish); an
English page shows them where they exist and falls back to the Chinese text
where an editor has not written one yet.
"""

import re

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import get_language, override
from taggit.models import Tag


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
        if not english and field == "name" and isinstance(obj, Tag):
            english = english_tag_name(obj)
        if not english and field == "display_name":
            english = getattr(obj, "name_en", "")
        if english:
            return english
    return getattr(obj, field, "")


def name_of(obj):
    """What a visitor calls ``obj`` in the current language (an enterprise by its short name)."""
    return localized(obj, "display_name" if hasattr(obj, "display_name") else "name")


def english_tag_name(tag):
    """A tag's English name, or "" (content.models.TagEnglish). Lists fetch it with their tags
    (``select_related("english")``), so that this reads no row of its own."""
    try:
        return tag.english.name_en
    except ObjectDoesNotExist:
        return ""


CHINESE = "zh-Hans"


def has_english(obj):
    """Whether ``obj`` has an English version: an English title (articles) or name (parks, enterprises).

    What decides the English alternate of a page (``hreflang``, the sitemap) and the "Chinese only" mark.
    Anything without such a field (a list, a tag) is a page of the site's own, English in every language.
    """
    for field in ("title_en", "name_en"):
        if hasattr(obj, field):
            return bool(getattr(obj, field))
    return True


def shows_chinese(obj, field):
    """Whether an English page shows the Chinese text of ``obj.<field>`` (no English written): it is then
    marked ``lang="zh-Hans"``, for screen readers and for the check that English pages show no stray Chinese."""
    return is_english() and bool(getattr(obj, field, "")) and localized(obj, field) == getattr(obj, field, "")


def chinese_url(obj):
    """The address of ``obj``'s Chinese page, from any page (an English page links it for what it lacks)."""
    with override(settings.LANGUAGE_CODE):
        return obj.get_absolute_url()


_TAG = re.compile(r"(<[^>]*>)")
_HAN_IN_PARENTHESES = re.compile(r"\(([^()]*[\u3400-\u9fff\uf900-\ufaff][^()]*)\)")


def mark_chinese_in_parentheses(html):
    """English rich text with each Chinese name given in parentheses ("Huitingche (慧停车)") marked as Chinese.

    Translations give a Chinese proper name once, in parentheses, after its
    English form; marked, screen readers read it in Chinese. Only text
    between tags is touched (the HTML is sanitized: a "<" in text is
    escaped), and only parenthesised Chinese: any other Chinese in English
    text stays unmarked, where the English edition's checks find it.
    """
    return "".join(
        part if part.startswith("<") else _HAN_IN_PARENTHESES.sub(r'(<span lang="zh-Hans">\1</span>)', part)
        for part in _TAG.split(html)
    )
