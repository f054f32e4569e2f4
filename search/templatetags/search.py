"""Search results: the words found, marked, and the passage of a body where they stand."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from search import query as search

register = template.Library()


@register.filter
def highlight(text, terms):
    """``text`` escaped, with every occurrence of a search term in <mark>."""
    text = "" if text is None else str(text)
    pattern = search.highlight_pattern(terms)
    if pattern is None:
        return mark_safe(escape(text, quote=False))
    out, position = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[position : match.start()], quote=False))
        out.append(f"<mark>{escape(match.group(), quote=False)}</mark>")
        position = match.end()
    out.append(escape(text[position:], quote=False))
    return mark_safe("".join(out))


@register.filter
def has_match(text, terms):
    pattern = search.highlight_pattern(terms)
    return bool(text and pattern and pattern.search(str(text)))


@register.filter
def snippet(html, terms):
    return search.snippet(html, terms)
