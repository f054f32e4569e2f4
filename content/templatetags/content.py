"""Template tags every kind of content uses: names per language, images, dates, lists and their filters."""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext

from content import filters as filters_module
from content import images, library, links
from content.localize import localized as _localized
from content.localize import name_of
from content.people import person_name

register = template.Library()


@register.filter
def localized(obj, field):
    """``obj.<field>_en`` on English pages when it is filled in, else ``obj.<field>``."""
    return _localized(obj, field)


@register.filter
def name(obj):
    return name_of(obj)


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
