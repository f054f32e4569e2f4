"""Template tags every kind of content uses: names per language, images, dates, lists and their filters."""

import re

from django import template
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext

from content import excerpts, images, library, links, localize
from content import filters as filters_module
from content.localize import localized as _localized
from content.localize import name_of
from content.people import person_name

register = template.Library()


@register.filter
def localized(obj, field):
    """``obj.<field>_en`` on English pages when it is filled in, else ``obj.<field>``."""
    return _localized(obj, field)


@register.filter
def shorten(text, length):
    """``text`` cut to ``length`` characters with "…", never inside an English word or a number."""
    return excerpts.shorten(text, int(length))


@register.filter
def name(obj):
    return name_of(obj)


@register.filter
def lang_mark(obj, field):
    """`` lang="zh-Hans"`` where an English page shows the Chinese text of ``obj.<field>``: ``<p{{ park|lang_mark:"summary" }}>``."""
    return mark_safe(f' lang="{localize.CHINESE}"') if localize.shows_chinese(obj, field) else ""


# Han ideographs: the CJK blocks (with extension A) and the compatibility ideographs.
HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


@register.filter
def text_lang(text):
    """`` lang="zh-Hans"`` on an English page for a text with Chinese in it. For labels that reach the
    template as text alone, without the object they name: a list's filter options (kept in the cache as
    text) and their active filters. Where the object is at hand, ``lang_mark`` says it from its fields."""
    if localize.is_english() and HAN.search(str(text or "")):
        return mark_safe(f' lang="{localize.CHINESE}"')
    return ""


@register.filter
def name_lang(obj):
    """``lang_mark`` for the name ``|name`` shows (an enterprise's short name)."""
    return lang_mark(obj, "display_name" if hasattr(obj, "display_name") else "name")


@register.filter
def page_description(obj):
    """What a park or enterprise page tells search engines and link previews about ``obj``: its summary in the
    page's language, else (on a Chinese page only) its description, which has no English."""
    summary = _localized(obj, "summary")
    if summary or localize.is_english():
        return summary
    return obj.description


@register.filter
def chinese_only(obj):
    """On an English page, whether ``obj`` has no English version (content.localize.has_english)."""
    return localize.is_english() and not localize.has_english(obj)


@register.simple_tag
def chinese_url(obj):
    return localize.chinese_url(obj)


@register.filter
def srcset(fieldfile):
    return images.srcset(fieldfile)


@register.filter
def rich_text(obj, field):
    """``{{ park|rich_text:"description" }}``: a sanitized HTML field with its library images as figures."""
    html = getattr(obj, field)  # sanitized on every save
    return mark_safe(library.render_images(html, f"{obj._meta.label_lower}:{obj.pk}:{field}"))


@register.filter
def rendition(fieldfile, width):
    return images.rendition_url(fieldfile, int(width))


@register.inclusion_tag("content/includes/card_media.html")
def card_media(url, image, width, height):
    """A card's picture, linking to ``url`` like the card's title (and hidden from screen readers, which have the title)."""
    return {"url": url, "image": image, "width": width, "height": height}


@register.filter
def machine_datetime(value):
    """A ``<time datetime>`` value: ISO 8601 to the second (HTML allows no microseconds)."""
    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else ""


@register.filter
def moment(value, with_time=True):
    """A date, or a date and time, in the site's time zone (Beijing time) and the page's language:
    "2024年9月27日 09:30", "27 September 2024, 09:30". A date-time whose time is unknown shows as its date."""
    if not value:
        return ""
    local = timezone.localtime(value) if hasattr(value, "hour") else value
    date = formats.date_format(local, "DATE_FORMAT")
    if not (with_time and hasattr(value, "hour")):
        return date
    return pgettext("a date, then a time of day", "%(date)s, %(time)s") % {
        "date": date,
        "time": formats.time_format(local, "H:i"),
    }


@register.filter
def time_element(value, with_time=True):
    """``<time datetime>`` around ``moment``: to the second, or the day alone when the time is not known."""
    if not value:
        return ""
    if with_time and hasattr(value, "hour"):
        machine = machine_datetime(value)
    else:
        machine = (timezone.localtime(value) if hasattr(value, "hour") else value).isoformat()[:10]
    return format_html('<time datetime="{}">{}</time>', machine, moment(value, with_time))


@register.simple_tag
def rendered_facets(filters):
    """The filter options' markup, rendered once for the two places a list shows them."""
    return render_to_string("content/includes/facets.html", {"filters": filters})


@register.simple_tag
def page_range(page_obj):
    """Page numbers around the current one, with Paginator.ELLIPSIS where pages are left out."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))


@register.simple_tag
def list_title(heading, filters=None, page_obj=None):
    """A distinct title for each filtered and paginated view of a list."""
    parts = [str(heading)]
    if getattr(filters, "active", None):
        labels = pgettext("between the values of a list's filters", ", ").join(
            str(selection.label) for selection in filters.active
        )
        parts[0] = pgettext("page title: a list and its filters", "%(heading)s: %(filters)s") % {
            "heading": parts[0],
            "filters": labels,
        }
    number = getattr(page_obj, "number", 1)
    if number > 1:
        parts.append(gettext("page %(number)s") % {"number": number})
    return " · ".join(parts)


@register.simple_tag
def page_url(viewname, slug=None):
    """``{% page_url 'bureau:tag_detail' tag.slug %}``, ``{% page_url 'news:article_list' %}``: remembered addresses.

    For the links every page repeats (menu, footer, cards, tags); see content.links.
    """
    return links.page_url(viewname, slug)


@register.simple_tag
def filter_url(viewname, **filters):
    """``{% filter_url 'news:article_list' park=park.slug %}``: a list filtered by the given values."""
    return filters_module.filter_url(viewname, **filters)


@register.filter
def person(user):
    """A member of staff by name, as people write it (content/people.py); "—" for nobody."""
    return person_name(user) if user else "—"
