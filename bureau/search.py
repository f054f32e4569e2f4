"""Search over articles, parks and enterprises.

Chinese has no spaces between words, so the search is a substring match
(``icontains``) on each field a visitor might remember: titles, names, short
names, aliases, English names, stock codes, summaries and bodies. Words
separated by spaces must all match (in any field). Everything goes through
``published()``. A database full-text index can replace this module later
without touching the view.
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from html import unescape
from operator import and_, or_

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import strip_tags

from news.models import Article
from parks.models import Enterprise, Park

MAX_QUERY_LENGTH = 100
MAX_TERMS = 5
SNIPPET_RADIUS = 60

ARTICLE_FIELDS = ("title", "summary", "body", "original_title")
PARK_FIELDS = ("name", "name_en", "aliases", "summary", "summary_en", "description")
ENTERPRISE_FIELDS = ("name", "short_name", "name_en", "aliases", "stock_code", "summary", "summary_en", "description")

# Punctuation (ASCII and full-width) and symbols that a term may neither start nor end with;
# a query made only of them has nothing to look for.
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass
class Query:
    raw: str
    text: str = ""
    terms: list = field(default_factory=list)
    shortened: bool = False

    def __bool__(self):
        return bool(self.terms)


def parse(raw):
    """Normalise what a visitor typed: trimmed, at most MAX_QUERY_LENGTH characters, at most MAX_TERMS words."""
    raw = raw or ""
    # Control characters (a NUL byte would stop PostgreSQL) count as spaces.
    text = " ".join("".join(char if char.isprintable() else " " for char in raw).split())
    shortened = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH].strip()
    terms = []
    for word in text.split(" "):
        word = _EDGE.sub("", word)
        if word and word.casefold() not in (t.casefold() for t in terms):
            terms.append(word)
    shortened = shortened or len(terms) > MAX_TERMS
    return Query(raw=raw, text=text, terms=terms[:MAX_TERMS], shortened=shortened)


def _matching(queryset, fields, terms):
    """Every term in at least one of ``fields``."""
    per_term = [reduce(or_, (Q(**{f"{name}__icontains": term}) for name in fields)) for term in terms]
    return queryset.filter(reduce(and_, per_term))


def articles(query):
    # Articles whose title holds the first word come first, then the newest.
    return (
        _matching(Article.objects.published(), ARTICLE_FIELDS, query.terms)
        .annotate(
            title_match=Case(
                When(title__icontains=query.terms[0], then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .order_by("-title_match", "-published_at", "-pk")
    )


def parks(query):
    return _matching(Park.objects.published(), PARK_FIELDS, query.terms)


def enterprises(query):
    return _matching(Enterprise.objects.published(), ENTERPRISE_FIELDS, query.terms)


def highlight_pattern(terms):
    if not terms:
        return None
    return re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)


def snippet(html, terms, radius=SNIPPET_RADIUS):
    """Plain text around the first match in ``html`` (for a body that matched), or its opening."""
    text = " ".join(unescape(strip_tags(html or "")).split())
    pattern = highlight_pattern(terms)
    match = pattern.search(text) if pattern else None
    if match is None:
        return text[: radius * 2] + ("…" if len(text) > radius * 2 else "")
    start = max(0, match.start() - radius)
    end = min(len(text), match.end() + radius)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
