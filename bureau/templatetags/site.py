"""The site around every page: its name, languages and addresses, and what search engines read."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from bureau import seo
from content.localize import has_english
from content.localize import site_name as _site_name
from news.models import Article
from parks.models import Enterprise, Park

register = template.Library()

# BCP 47 spellings for <html lang> and hreflang; Django's codes are lower case.
HTML_LANG = {"zh-hans": "zh-Hans", "en": "en"}
OG_LOCALE = {"zh-hans": "zh_CN", "en": "en_US"}
MAX_SWITCH_URL = 1000


@register.filter
def html_lang(code):
    return HTML_LANG.get(code, code)


@register.filter
def og_locale(code):
    return OG_LOCALE.get(code, code)


@register.simple_tag
def site_name():
    return _site_name()


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return context.request.build_absolute_uri(url) if url else ""


@register.simple_tag
def page_suffix(page_obj=None):
    """``?page=3`` on the third page of a list, nothing on its first page or on a page that is no list."""
    number = getattr(page_obj, "number", 1)
    return f"?page={number}" if number > 1 else ""


@register.simple_tag(takes_context=True)
def canonical_url(context, page_obj=None):
    """This page's address without tracking or filter parameters; later pages keep their number."""
    request = context.request
    return request.build_absolute_uri(request.path) + page_suffix(page_obj)


@register.simple_tag(takes_context=True)
def alternate_languages(context):
    """This page in every language: code, BCP 47 tag, name in that language, URL, whether it is current, and
    whether it is an alternate worth naming to search engines (``hreflang``).

    The Chinese page always is; the English one when the page's object (an article, a park, an enterprise)
    has an English version: the English page of a Chinese-only article only says so and links here. The
    language switcher still offers it to visitors.
    """
    request = context.request
    obj = context.get("object")
    english_version = obj is None or has_english(obj)
    current = get_language()
    # Keep the query string (filters, page, search words) unless it is absurdly long.
    path = request.get_full_path()
    if len(path) > MAX_SWITCH_URL:
        path = request.path
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "lang": HTML_LANG.get(code, code),
                "name": info["name_local"],
                "url": translate_url(path, code),
                "absolute_url": request.build_absolute_uri(translate_url(request.path, code)),
                "current": code == current,
                "alternate": code == settings.LANGUAGE_CODE or english_version,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def structured_data(context, obj=None):
    """The schema.org JSON-LD of ``obj`` (an article, park or enterprise), or of the site itself."""
    request = context.request
    builder = {Article: seo.article, Park: seo.place, Enterprise: seo.organization}.get(type(obj))
    if builder is not None:
        return seo.json_ld(builder(request, obj))
    return seo.json_ld(seo.website(request))


@register.simple_tag
def og_image(request, fieldfile):
    return seo.image_url(request, fieldfile)
