"""Search over articles, parks and enterprises, ranked by what was asked for.

A result contains every word typed (words are separated by spaces), each as
a substring of a text its reader sees in the page's language (``VISIBLE``):
on Chinese pages the Chinese names, short names, aliases, stock codes,
titles, summaries and bodies; on English pages the English ones where they
exist and the Chinese ones the English page still shows. Chinese needs no
spaces: 人工智能 finds 青岛高新区人工智能产业规模突破120亿元.

What was typed is normalised first (``parse``): Traditional characters to
Simplified (卡奧斯 is 卡奥斯), full-width forms to half-width (ＡＩ is AI), and
case folded.

Each kind of result is one SQL query, whatever the size of the site:

1. the search index (``search.index``: a GIN index on PostgreSQL, FTS5
   on SQLite) narrows the published objects to candidates that hold every
   word's tokens in the page's language;
2. the substring test (``icontains``) runs on those candidates only and keeps
   the ones that really contain each word (bigrams need not be adjacent); a
   word of one token (海洋, 2121) needs no test: the index match proves it;
3. each candidate gets a rank (``RANK``): a name or alias that is what was
   typed, then one that starts with it, then the words found in titles and
   names, then in summaries (a Latin word inside another, ai in Haier, a
   step less); bodies count nothing. Ties go to the newest
   (news) or by name (parks, enterprises). The three kinds rank on the same
   scale, so the page merges them into one list. Why not ts_rank() or bm25():
   see ``search.index``.

A word of one character (区, 5) is looked for in titles and names only: in
bodies it would match nearly everything. Everything goes through ``published()``.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, reduce
from html import unescape
from operator import add, or_

import opencc
from django.db.models import Case, F, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf, Replace
from django.db.models.lookups import IContains, IExact, IRegex, IStartsWith
from django.utils.html import strip_tags

from news.models import Article
from pages.models import Page
from parks.models import Enterprise, Park, Project
from search import index as search_index

MAX_QUERY_LENGTH = 100
MAX_TERMS = 5
SNIPPET_RADIUS = 60

# Punctuation (ASCII and full-width) and symbols that a term may neither start nor end with;
# a query made only of them has nothing to look for.
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True)
class Visible:
    """The texts of one kind that a result shows its reader in one language, by rank.

    ``"title_en|title"`` is the first that is not empty (as in ``search.index.Source``,
    whose tokens these fields must match). Names can match exactly or by their start;
    titles count before summaries; bodies only find.
    """

    names: tuple = ()
    titles: tuple = ()
    summaries: tuple = ()
    bodies: tuple = ()
    aliases: str = ""  # a field of names separated by commas, each matched whole

    @property
    def all(self):
        return self.names + ((self.aliases,) if self.aliases else ()) + self.titles + self.summaries + self.bodies


VISIBLE = {
    (Article, False): Visible(titles=("title",), summaries=("summary",), bodies=("body",)),
    (Article, True): Visible(titles=("title_en|title",), summaries=("summary_en|summary",), bodies=("body_en|body",)),
    (Park, False): Visible(names=("name",), aliases="aliases", summaries=("summary",), bodies=("description",)),
    (Park, True): Visible(
        names=("name_en", "name"), aliases="aliases", summaries=("summary_en|summary",), bodies=("description",)
    ),
    (Enterprise, False): Visible(
        names=("name", "short_name", "stock_code"), aliases="aliases", summaries=("summary",), bodies=("description",)
    ),
    (Enterprise, True): Visible(
        names=("name_en|short_name", "name", "stock_code"),
        aliases="aliases",
        summaries=("summary_en|summary",),
        bodies=("description",),
    ),
    (Project, False): Visible(titles=("title",), summaries=("summary",), bodies=("description",)),
    (Project, True): Visible(titles=("title_en|title",), summaries=("summary_en|summary",), bodies=("description",)),
    (Page, False): Visible(titles=("title",), summaries=("summary",), bodies=("body",)),
    (Page, True): Visible(titles=("title_en|title",), summaries=("summary_en|summary",), bodies=("body_en|body",)),
}

# The rank's scale, the same for the three kinds: a name that is the query outranks any count of words
# in titles, which outranks any count in summaries (at most MAX_TERMS words each).
EXACT_NAME, NAME_PREFIX, IN_TITLE, IN_SUMMARY = 200, 100, MAX_TERMS + 1, 1


@dataclass
class Query:
    raw: str
    text: str = ""
    terms: list = field(default_factory=list)  # normalised: Simplified, half-width, case-folded
    shortened: bool = False

    def __bool__(self):
        return bool(self.terms)

    @property
    def phrase(self):
        return " ".join(self.terms)


@cache
def _simplified():
    """OpenCC's Traditional-to-Simplified converter, built on first use (it reads its dictionaries)."""
    return opencc.OpenCC("t2s")


def normalise(text):
    """What a search compares: Simplified Chinese, half-width forms (NFKC), case folded."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _simplified().convert(text) if text else text


def parse(raw):
    """Normalise what a visitor typed: trimmed, at most MAX_QUERY_LENGTH characters, at most MAX_TERMS words.

    ``text`` is what they typed (it fills the search box again); ``terms`` what is looked for.
    """
    raw = raw or ""
    # Control characters (a NUL byte would stop PostgreSQL) count as spaces.
    text = " ".join("".join(char if char.isprintable() else " " for char in raw).split())
    shortened = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH].strip()
    terms = []
    for word in normalise(text).split():
        word = _EDGE.sub("", word)
        if word and word not in terms:
            terms.append(word)
    shortened = shortened or len(terms) > MAX_TERMS
    return Query(raw=raw, text=text, terms=terms[:MAX_TERMS], shortened=shortened)


def _text(spec):
    """The expression of a field spec: ``"title_en|title"`` is title_en, or title where it is empty."""
    names = spec.split("|")
    if len(names) == 1:
        return F(names[0])
    return Coalesce(*(NullIf(F(name), Value("")) for name in names[:-1]), F(names[-1]), output_field=TextField())


def _any(specs, term):
    return reduce(or_, (Q(IContains(_text(spec), term)) for spec in specs))


def _alias_list(name):
    """``,alias,alias,``: the aliases field with its separators (, ， 、) as commas and no spaces."""
    text = F(name)
    for separator, replacement in (("，", ","), ("、", ","), (" ", "")):
        text = Replace(text, Value(separator), Value(replacement))
    return Concat(Value(","), text, Value(","))


def _points(condition, points):
    return Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())


def _found_points(specs, term, points):
    """``points`` where ``term`` stands in one of ``specs``. A Latin or digit term inside a word (ai in
    Haier) is found but counts one step less: a visitor who types AI means the word."""
    anywhere = _any(specs, term)
    if not (term[:1].isascii() and term[:1].isalnum()):
        return _points(anywhere, points)
    at_start = reduce(or_, (Q(IRegex(_text(spec), rf"(^|[^a-z0-9]){re.escape(term)}")) for spec in specs))
    lesser = IN_SUMMARY if points == IN_TITLE else 0
    return Case(
        When(at_start, then=Value(points)),
        When(anywhere, then=Value(lesser)),
        default=Value(0),
        output_field=IntegerField(),
    )


def rank(visible, terms):
    """The rank of a candidate (``EXACT_NAME`` ... ``IN_SUMMARY``), as an SQL expression."""
    phrase = " ".join(terms)
    whole = []
    if visible.names or visible.aliases:
        exact = [Q(IExact(_text(spec), phrase)) for spec in visible.names]
        start = [Q(IStartsWith(_text(spec), phrase)) for spec in visible.names]
        if visible.aliases:
            compact = phrase.replace(" ", "")
            exact.append(Q(IContains(_alias_list(visible.aliases), f",{compact},")))
            start.append(Q(IContains(_alias_list(visible.aliases), f",{compact}")))
        whole.append(
            Case(
                When(reduce(or_, exact), then=Value(EXACT_NAME)),
                When(reduce(or_, start), then=Value(NAME_PREFIX)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    titles = visible.names + ((visible.aliases,) if visible.aliases else ()) + visible.titles
    parts = [_found_points(titles, term, IN_TITLE) for term in terms]
    if visible.summaries:
        parts += [_found_points(visible.summaries, term, IN_SUMMARY) for term in terms]
    return reduce(add, whole + parts)


def _search(queryset, terms, english, *then):
    visible = VISIBLE[queryset.model, english]
    found = search_index.candidates(queryset, terms, english)
    # Every word in at least one visible text: checked on the index's candidates only, and only
    # for the words the index cannot vouch for on its own (人工智能 is three pairs).
    for term in terms:
        if not search_index.proves(term):
            found = found.filter(_any(visible.all, term))
    return found.annotate(search_rank=rank(visible, terms)).order_by("-search_rank", *then)


def articles(query, english=False):
    return _search(Article.objects.published(), query.terms, english, "-published_at", "-pk")


def parks(query, english=False):
    return _search(Park.objects.published(), query.terms, english, "name", "pk")


def enterprises(query, english=False):
    return _search(Enterprise.objects.published(), query.terms, english, "name", "pk")


def projects(query, english=False):
    return _search(Project.objects.published(), query.terms, english, "-published_at", "-pk")


def pages(query, english=False):
    return _search(Page.objects.published(), query.terms, english, "order", "-published_at", "-pk")


# --------------------------------------------------------------------------
# Showing the words found
# --------------------------------------------------------------------------


def highlight_pattern(terms):
    if not terms:
        return None
    return re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)))


def matches(text, terms):
    """The (start, end) spans of ``text`` where a term stands, compared as ``normalise`` does.

    The text is folded for the comparison only (ＡＩ and Ai are found for "ai"); the spans
    are the text's own. Texts are Simplified already: only the query is converted.
    """
    pattern = highlight_pattern(terms)
    if not text or pattern is None:
        return []
    folded = unicodedata.normalize("NFKC", text).casefold()
    if len(folded) == len(text):
        return [match.span() for match in pattern.finditer(folded)]
    # Folding changed lengths (ß is ss, ｶﾞ is ガ): fold character by character and keep where each came from.
    folded, origin = [], []
    for position, char in enumerate(text):
        piece = unicodedata.normalize("NFKC", char).casefold()
        folded.append(piece)
        origin.extend([position] * len(piece))
    origin.append(len(text))
    spans = []
    for match in pattern.finditer("".join(folded)):
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


def snippet(html, terms, radius=SNIPPET_RADIUS):
    """Plain text around the first match in ``html`` (for a text that matched), or its opening."""
    text = " ".join(unescape(strip_tags(html or "")).split())
    found = matches(text, terms)
    if not found:
        return text[: radius * 2] + ("…" if len(text) > radius * 2 else "")
    start = max(0, found[0][0] - radius)
    end = min(len(text), found[0][1] + radius)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
