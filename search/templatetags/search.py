"""Search results: the words found, marked, and the passage of a text where they stand."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from search import query as search

register = template.Library()


@register.filter
def highlight(text, terms):
    """``text`` escaped (it is written by editors), with every occurrence of a search term in <mark>."""
    text = "" if text is None else str(text)
    out, position = [], 0
    for start, end in search.matches(text, terms):
        out.append(escape(text[position:start], quote=False))
        out.append(f"<mark>{escape(text[start:end], quote=False)}</mark>")
        position = end
    out.append(escape(text[position:], quote=False))
    return mark_safe("".join(out))


@register.filter
def has_match(text, terms):
    return bool(search.matches(str(text or ""), terms))


@register.filter
def snippet(html, terms):
    return search.snippet(html, terms)
