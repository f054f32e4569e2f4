"""The site search index: Chinese text answered through the database's own full-text index.

Chinese has no spaces, and neither PostgreSQL's parser nor SQLite's FTS5
knows where its words end. So the text is cut here, in Python, into tokens
any full-text engine can index as plain words (``document_tokens``):

- a run of Chinese (and Japanese, Korean) characters becomes its overlapping
  character bigrams, plus the run's last character alone: 人工智能 → 人工 工智
  智能 能. Every substring of two characters or more is then a conjunction of
  bigrams; every single character starts some token, so a prefix query finds it;
- a run of other letters and digits (after NFKC, so full-width ＡＩ is ai, and
  case folding) becomes all its suffixes, each cut to ``PREFIX_LENGTH``
  characters: 2121 → 2121 121 21 1. Any part of a word is the beginning of one
  of its suffixes, so a prefix query finds "2121" in "2121.HK", "novation" in
  "AInnovation" and "21" in "2021".

A query is cut the same way (``query_tokens``): bigrams must all be there,
Latin pieces and lone Chinese characters are prefixes. The index thus returns
every object the old substring search found, and more (bigrams need not be
adjacent); ``search.query`` keeps only the objects that really contain each
word, with a substring test that SQL runs on those candidates only, and only
for words of more than one token (``proves``).

A word of a single character (区, 5) has no bigram and would match most
of the site: it is looked up in titles and names only.

Each entry holds two sets of tokens, one per language of the site: a reader
matches only what the result shows them (``Source``). The Chinese page shows
Chinese names and texts, never the English name (``title_tokens``,
``body_tokens``); the English page shows the English ones where they exist,
the Chinese ones where they do not, and a park's or enterprise's Chinese
name beside its English one (``title_tokens_en``, ``body_tokens_en``).

Where the tokens live (``SearchDocument``, bureau's migration 0003, search's 0002):

- PostgreSQL: two GIN expression indexes per kind and language (partial
  indexes), on ``to_tsvector('simple', title_tokens || ' ' || body_tokens)``
  and on ``to_tsvector('simple', title_tokens)`` (words looked up in titles only),
  queried with ``@@ to_tsquery('simple', ...)``. The 'simple' parser keeps
  each token whole (letters, digits and CJK are word characters in any
  locale; the tokens hold nothing else): tests/test_search_index.py checks it.
- SQLite: an external-content FTS5 table ``bureau_searchdocument_fts`` (kind,
  then titles and body in each language) fed by triggers, queried with
  ``MATCH`` on one language's columns.

Ranking is ``search.query``'s: exact and prefix name matches, then titles,
then summaries, then the newest (or by name). Not ts_rank() or bm25(): both score every
candidate, which for a common word is most of the site (bm25() was nearly
the whole time of the page; ts_rank() needs each candidate's tsvector, stored
or recomputed; bench/README.md has the figures), and after the titles a news
reader wants the newest.

The index is kept up to date by post_save/post_delete signals (search/signals.py)
and rebuilt in bulk by ``rebuild()`` (``manage.py rebuild_search_index``),
which bulk loaders must call since ``bulk_create`` sends no signals.
"""

import re
import unicodedata
from dataclasses import dataclass
from html import unescape
from operator import add

from django.db import connection, connections, reset_queries, transaction

from content.caching import content_changed
from news.models import Article
from pages.models import Page
from parks.models import Enterprise, Park, Project
from search.models import SearchDocument

# Longer Latin/digit pieces are matched on their first PREFIX_LENGTH characters (then checked whole).
PREFIX_LENGTH = 16
REBUILD_BATCH = 1000
DOCUMENTS = SearchDocument._meta.db_table
FTS_TABLE = f"{DOCUMENTS}_fts"
# The token columns of each language: the Chinese page's, the English page's.
COLUMNS = {False: ("title_tokens", "body_tokens"), True: ("title_tokens_en", "body_tokens_en")}
GIN_INDEXES = [
    f"searchdocument_{kind}{language}{part}_gin"
    for kind in SearchDocument.Kind.values
    for language in ("", "_en")
    for part in ("", "_title")
]


def gin_expressions(english):
    """PostgreSQL: what the searchdocument_<kind>[_en]_gin and _title_gin indexes index (every token, titles'),
    exactly as bureau's migration 0003 and search's 0002 wrote them, or the planner would not use them."""
    title, body = COLUMNS[english]
    return (
        f"to_tsvector('simple'::regconfig, {DOCUMENTS}.{title} || ' ' || {DOCUMENTS}.{body})",
        f"to_tsvector('simple'::regconfig, {DOCUMENTS}.{title})",
    )


_CJK = (
    "\u3007"  # 〇
    "\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff"  # kana (not the ・ separator)
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\U00020000-\U0003134f"  # rare ideographs
)
# A run of CJK characters, or a run of other letters and digits; everything else separates.
_RUNS = re.compile(rf"([{_CJK}]+)|([^\W_{_CJK}]+)")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Source:
    """What the index takes from one model, for each language: what a result shows its reader.

    A field written ``"title_en|title"`` is the first of them that is not
    empty: the English page shows the Chinese title of an article that has
    no English one. Titles and names are looked up alone for words of one
    character; the rest is body. Without English fields, the index has no
    English columns (bureau's migration 0003 runs with such sources).
    """

    kind: str
    model: type
    title_fields: tuple
    body_fields: tuple
    html_fields: tuple = ()  # stripped of tags and entities before cutting
    title_fields_en: tuple = None
    body_fields_en: tuple = None

    def languages(self):
        """(title column, body column, title fields, body fields) of each language the source has."""
        yield (*COLUMNS[False], self.title_fields, self.body_fields)
        if self.title_fields_en is not None:
            yield (*COLUMNS[True], self.title_fields_en, self.body_fields_en)

    @property
    def fields(self):
        """The model fields read, once each."""
        specs = [spec for *_columns, titles, bodies in self.languages() for spec in titles + bodies]
        return tuple(dict.fromkeys(name for spec in specs for name in spec.split("|")))


SOURCES = {
    source.model: source
    for source in (
        # Keep in step with search.query.VISIBLE (which ranks the same fields) and with what
        # search/templates/search/includes/result.html shows.
        Source(
            SearchDocument.Kind.ARTICLE,
            Article,
            title_fields=("title",),
            body_fields=("summary", "body"),
            html_fields=Article.html_fields,
            title_fields_en=("title_en|title",),
            body_fields_en=("summary_en|summary", "body_en|body"),
        ),
        Source(
            SearchDocument.Kind.PARK,
            Park,
            title_fields=("name", "aliases"),
            body_fields=("summary", "description"),
            html_fields=Park.html_fields,
            # The English result shows the Chinese name under the English one, and the aliases.
            title_fields_en=("name_en", "name", "aliases"),
            body_fields_en=("summary_en|summary", "description"),
        ),
        Source(
            SearchDocument.Kind.ENTERPRISE,
            Enterprise,
            title_fields=("name", "short_name", "aliases", "stock_code"),
            body_fields=("summary", "description"),
            html_fields=Enterprise.html_fields,
            # The short name shows on English pages only where there is no English name.
            title_fields_en=("name_en|short_name", "name", "aliases", "stock_code"),
            body_fields_en=("summary_en|summary", "description"),
        ),
        Source(
            SearchDocument.Kind.PROJECT,
            Project,
            title_fields=("title",),
            body_fields=("summary", "description"),
            html_fields=Project.html_fields,
            # The description has no English: the English page links the Chinese one, as for parks.
            title_fields_en=("title_en|title",),
            body_fields_en=("summary_en|summary", "description"),
        ),
        Source(
            # The bureau's pages (about us, policies, the accessibility statement), as articles: the English
            # page shows the Chinese text where there is no English one.
            SearchDocument.Kind.PAGE,
            Page,
            title_fields=("title",),
            body_fields=("summary", "body"),
            html_fields=Page.html_fields,
            title_fields_en=("title_en|title",),
            body_fields_en=("summary_en|summary", "body_en|body"),
        ),
    )
}


# --------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------


def _runs(text):
    """(cjk, other) pairs, one of them empty, for each run of ``text``.

    Only the other runs are NFKC-normalized and case-folded (full-width ＡＩ１
    is ai1): normalizing whole Chinese texts would cost more than all the rest.
    """
    runs = []
    for cjk, other in _RUNS.findall(text or ""):
        if cjk:
            runs.append((cjk, ""))
        else:
            folded = unicodedata.normalize("NFKC", other).casefold()
            runs.extend(_RUNS.findall(folded) if folded != other.lower() else [("", folded)])
    return runs


def document_tokens(text):
    """The index tokens of ``text``, in order, repeats included."""
    tokens = []
    for cjk, other in _runs(text):
        if cjk:
            tokens.extend(map(add, cjk, cjk[1:]))
            tokens.append(cjk[-1])
        else:
            tokens.extend(other[i : i + PREFIX_LENGTH] for i in range(len(other)))
    return tokens


@dataclass(frozen=True)
class QueryToken:
    text: str
    prefix: bool = False  # matches any token that starts with it
    title_only: bool = False  # matches title tokens only


def query_tokens(terms):
    """The tokens every matching document has, for a list of words (each a substring to find)."""
    tokens = []
    for term in terms:
        runs = _runs(term)
        title_only = sum(len(cjk) + len(other) for cjk, other in runs) == 1
        for cjk, other in runs:
            if len(cjk) > 1:
                tokens.extend(QueryToken(cjk[i : i + 2]) for i in range(len(cjk) - 1))
            else:
                tokens.append(QueryToken((cjk or other)[:PREFIX_LENGTH], prefix=True, title_only=title_only))
    return list(dict.fromkeys(tokens))


def proves(term):
    """True when finding ``term``'s tokens in the index proves the text holds ``term`` itself.

    So for a word that is one token: a pair of Chinese characters, a lone
    character (in titles), a Latin/digit piece up to PREFIX_LENGTH long. Longer
    Chinese words are pairs that may lie apart, and are checked on the text.
    """
    runs = _runs(term)
    if len(runs) != 1 or sum(map(len, runs[0])) != len(term):
        return False
    cjk, other = runs[0]
    return len(cjk) in (1, 2) or 0 < len(other) <= PREFIX_LENGTH


def tsquery(tokens, operator="&"):
    """PostgreSQL: to_tsquery('simple', ...) syntax. Tokens hold only letters, digits and CJK: no quoting needed."""
    return f" {operator} ".join(f"{t.text}{':*' if t.prefix else ''}" for t in tokens)


def fts5_query(tokens, kind, english=False):
    """SQLite: FTS5 MATCH syntax for objects of ``kind`` in one language's columns, every token quoted
    (none holds a double quote)."""
    title, body = COLUMNS[english]
    parts = [f'kind : "{kind}"']
    for t in tokens:
        phrase = f'"{t.text}"{"*" if t.prefix else ""}'
        parts.append(f"{title} : {phrase}" if t.title_only else f"{{{title} {body}}} : {phrase}")
    return " AND ".join(parts)


def shown(obj, spec):
    """The value of ``spec`` ("title_en|title": the first that is not empty) and the field it came from."""
    names = spec.split("|")
    for name in names:
        value = getattr(obj, name) or ""
        if value:
            return value, name
    return "", names[-1]


def _tokens(obj, source, specs):
    tokens = []
    for spec in specs:
        value, name = shown(obj, spec)
        if name in source.html_fields:
            # Sanitized HTML (content/sanitizer.py): a tag is a separator, an entity its character.
            value = unescape(_TAG.sub(" ", value))
        tokens.extend(document_tokens(value))
    return tokens


def document_for(obj, source=None, document_model=SearchDocument):
    """An unsaved index entry for ``obj``.

    Tokens are kept once each: nothing counts them, and a body's tokens
    shrink by a third.
    """
    source = source or SOURCES[type(obj)]
    columns = {}
    for title_column, body_column, titles, bodies in source.languages():
        columns[title_column] = " ".join(dict.fromkeys(_tokens(obj, source, titles)))
        columns[body_column] = " ".join(dict.fromkeys(_tokens(obj, source, bodies)))
    return document_model(kind=source.kind, object_id=obj.pk, **columns)


# --------------------------------------------------------------------------
# Keeping the index up to date
# --------------------------------------------------------------------------


def _upsert(documents):
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=[*COLUMNS[False], *COLUMNS[True], "indexed_at"],
    )


def index_object(obj, update_fields=None):
    """(Re)index one saved object: one statement. A save that touched no indexed field costs nothing."""
    source = SOURCES.get(type(obj))
    if source is None or obj.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(source.fields):
        return
    _upsert([document_for(obj, source)])


def forget_object(obj):
    source = SOURCES.get(type(obj))
    if source is not None and obj.pk is not None:
        SearchDocument.objects.filter(kind=source.kind, object_id=obj.pk).delete()


def rebuild(batch_size=REBUILD_BATCH, dry_run=False, progress=None, offline=False):
    """Index every article, park, enterprise, project and bureau page afresh, in one transaction; return counts by kind.

    For content written without signals (bulk_create: the scale-data generator)
    and for a repair. Entries of objects that no longer exist are removed.
    Memory stays flat: objects are read and entries written ``batch_size`` at a time.

    ``offline``: nobody searches meanwhile (the scale-data generator). On
    PostgreSQL the GIN indexes are then dropped and built again after the
    inserts, several times faster than keeping them up to date row by row,
    but the table is locked until the transaction ends.
    """
    with transaction.atomic():
        counts = fill(
            SearchDocument,
            SOURCES.values(),
            batch_size=batch_size,
            dry_run=dry_run,
            progress=progress,
            rebuild_indexes=offline,
        )
        if not dry_run:
            # Search results are kept per content generation (search.views): start a new one.
            transaction.on_commit(content_changed)
    return counts


def fill(document_model, sources, batch_size=REBUILD_BATCH, dry_run=False, progress=None, rebuild_indexes=False):
    """Replace every entry of ``document_model`` by fresh ones built from ``sources``.

    Takes the models as arguments so that bureau's migration 0003 can run it with its historical models.
    """
    counts = {}
    table = connection.ops.quote_name(document_model._meta.db_table)
    rebuild_indexes = rebuild_indexes and not dry_run and connection.vendor == "postgresql"
    definitions = []
    if not dry_run:
        with connection.cursor() as cursor:
            # One statement, not Django's collector (which would load every row to send signals nobody needs).
            cursor.execute(f"DELETE FROM {table}")
            if connection.vendor == "postgresql":
                # Each index exactly as its migration made it (those that exist at this point of the
                # migrations: bureau's 0003 runs this before search's 0002 adds the English ones).
                cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [GIN_INDEXES])
                definitions = cursor.fetchall()
            if rebuild_indexes:
                # Dropped, to build again after the inserts.
                for name, _definition in definitions:
                    cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    for source in sources:
        done, batch = 0, []
        objects = source.model._default_manager.order_by("pk").only("pk", *source.fields)
        for obj in objects.iterator(chunk_size=batch_size):
            batch.append(document_for(obj, source, document_model))
            if len(batch) >= batch_size:
                done += _write(document_model, batch, dry_run)
                batch = []
                if progress:
                    progress(source.kind, done)
        if batch or not done:
            done += _write(document_model, batch, dry_run)
            if progress:
                progress(source.kind, done)
        counts[source.kind] = done
    if not dry_run and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for name, definition in definitions:
                if rebuild_indexes:
                    cursor.execute(definition)
                else:
                    # Bulk inserts leave their GIN entries in the index's pending list, which every
                    # search would read through (and which makes the planner shun the index) until
                    # autovacuum merges it; merge it now (an index built afresh has none).
                    cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
            # Fresh statistics for the planner.
            cursor.execute(f"ANALYZE {table}")
    if not dry_run and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # Merge the FTS5 segments the inserts left and drop the deleted entries: a bulk-loaded
            # index shrinks by almost half, in seconds.
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
    return counts


def _write(document_model, documents, dry_run):
    if documents and not dry_run:
        document_model._default_manager.bulk_create(documents)
        # With DEBUG on, Django keeps every statement: a batch's worth of tokens each.
        reset_queries()
    return len(documents)


# --------------------------------------------------------------------------
# Querying it
# --------------------------------------------------------------------------


def candidates(queryset, terms, english=False):
    """``queryset`` narrowed to objects whose index entry holds every term's tokens, in the
    columns of the page's language (``english``).

    The index entry and (on SQLite) the FTS5 table are joined into the query
    itself, so the page of results and the count are each one statement that
    starts from the full-text index, then reaches each object by primary key.
    ``extra()`` because the ORM cannot put a table without a model (the FTS5
    table) or an indexed expression it does not know into a join. The raw SQL
    names the tables, so the result must stay the outer query: count it, slice
    it, but do not nest it in a subquery (``pk__in=...``), where Django would
    rename its tables. Returns ``queryset.none()`` when the terms hold nothing
    to look up.
    """
    source = SOURCES[queryset.model]
    tokens = query_tokens(terms)
    if not tokens:
        return queryset.none()
    vendor = connections[queryset.db].vendor
    quote = connections[queryset.db].ops.quote_name
    object_pk = f"{quote(queryset.model._meta.db_table)}.{quote(queryset.model._meta.pk.column)}"
    where, params = [f"{DOCUMENTS}.object_id = {object_pk}", f"{DOCUMENTS}.kind = %s"], [source.kind]
    if vendor == "postgresql":
        anywhere = [t for t in tokens if not t.title_only]
        in_titles = [t for t in tokens if t.title_only]
        for expression, wanted in zip(gin_expressions(english), (anywhere, in_titles), strict=True):
            if wanted:
                where.append(f"{expression} @@ to_tsquery('simple', %s)")
                params.append(tsquery(wanted))
        return queryset.extra(tables=[DOCUMENTS], where=where, params=params)
    if vendor == "sqlite":
        return queryset.extra(
            tables=[DOCUMENTS, FTS_TABLE],
            # The unary + keeps SQLite from probing the FTS table by rowid once per article:
            # one pass over the full-text match, then each entry and object by primary key.
            where=[*where, f"+{FTS_TABLE}.rowid = {DOCUMENTS}.id", f"{FTS_TABLE} MATCH %s"],
            params=[*params, fts5_query(tokens, source.kind, english)],
        )
    raise NotImplementedError(f"The search index supports PostgreSQL and SQLite, not {vendor}.")
