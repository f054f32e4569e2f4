"""Search over articles, parks and enterprises.

A result contains every word typed (words are separated by spaces), each as
a substring of one of the fields a visitor might remember: titles, names,
short names, aliases, English names, stock codes, summaries and bodies.
Chinese needs no spaces: 人工智能 finds 青岛高新区人工智能产业规模突破120亿元.

Each kind of result is one SQL query, whatever the size of the site:

1. the search index (``search.index``: a GIN index on PostgreSQL, FTS5
   on SQLite) narrows the published objects to candidates that hold every
   word's tokens;
2. the substring test (``icontains``) runs on those candidates only and keeps
   the ones that really contain each word (bigrams need not be adjacent); a
   word of one token (海洋, 2121) needs no test: the index match proves it;
3. results whose titles or names hold more of the words come first, then the
   newest (news) or by name (parks, enterprises). Why not ts_rank() or bm25():
   see ``search.index``.

A word of one character (区, 5) is looked for in titles and names only: in
bodies it would match nearly everything. Everything goes through ``published()``.
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from html import unescape
from operator import add, or_

from django.db.models import Case, ExpressionWrapper, IntegerField, Q, Value, When
from django.utils.html import strip_tags

from news.models import Article
from parks.models import Enterprise, Park
from search import index as search_index

MAX_QUERY_LENGTH = 100
MAX_TERMS = 5
SNIPPET_RADIUS = 60

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


def _any_field(fields, term):
    return reduce(or_, (Q(**{f"{name}__icontains": term}) for name in fields))


def _search(queryset, terms, *then):
    source = search_index.SOURCES[queryset.model]
    found = search_index.candidates(queryset, terms)
    # Every word in at least one field: checked on the index's candidates only, and only
    # for the words the index cannot vouch for on its own (人工智能 is three pairs).
    for term in terms:
        if not search_index.proves(term):
            found = found.filter(_any_field(source.fields, term))
    # How many of the words the titles (names) hold: the first sort key.
    title_hits = reduce(
        add,
        (Case(When(_any_field(source.title_fields, term), then=Value(1)), default=Value(0)) for term in terms),
    )
    return found.annotate(title_hits=ExpressionWrapper(title_hits, output_field=IntegerField())).order_by(
        "-title_hits", *then
    )


def articles(query):
    return _search(Article.objects.published(), query.terms, "-published_at", "-pk")


def parks(query):
    return _search(Park.objects.published(), query.terms, "name", "pk")


def enterprises(query):
    return _search(Enterprise.objects.published(), query.terms, "name", "pk")


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
