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

Where the tokens live (``SearchDocument``, bureau's migration 0003):

- PostgreSQL: two GIN expression indexes per kind (partial indexes), on
  ``to_tsvector('simple', title_tokens || ' ' || body_tokens)`` and on
  ``to_tsvector('simple', title_tokens)`` (words looked up in titles only),
  queried with ``@@ to_tsquery('simple', ...)``. The 'simple' parser keeps
  each token whole (letters, digits and CJK are word characters in any
  locale; the tokens hold nothing else): tests/test_search_index.py checks it.
- SQLite: an external-content FTS5 table ``bureau_searchdocument_fts`` (kind,
  titles, body) fed by triggers, queried with ``MATCH``.

Ranking is ``search.query``'s: the titles holding the most words first, then
the newest (or by name). Not ts_rank() or bm25(): both score every
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
from parks.models import Enterprise, Park
from search.models import SearchDocument

# Longer Latin/digit pieces are matched on their first PREFIX_LENGTH characters (then checked whole).
PREFIX_LENGTH = 16
REBUILD_BATCH = 1000
DOCUMENTS = SearchDocument._meta.db_table
FTS_TABLE = f"{DOCUMENTS}_fts"
GIN_INDEXES = [f"searchdocument_{kind}{part}_gin" for kind in SearchDocument.Kind.values for part in ("", "_title")]
# PostgreSQL: what the searchdocument_<kind>_gin and _title_gin indexes index (bureau's migration 0003).
ALL_TOKENS = f"to_tsvector('simple'::regconfig, {DOCUMENTS}.title_tokens || ' ' || {DOCUMENTS}.body_tokens)"
TITLE_TOKENS = f"to_tsvector('simple'::regconfig, {DOCUMENTS}.title_tokens)"

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
    """What the index takes from one model: titles and names rank first, the rest is body."""

    kind: str
    model: type
    title_fields: tuple
    body_fields: tuple
    html_fields: tuple = ()  # stripped of tags and entities before cutting

    @property
    def fields(self):
        return self.title_fields + self.body_fields


SOURCES = {
    source.model: source
    for source in (
        Source(
            SearchDocument.Kind.ARTICLE,
            Article,
            title_fields=("title",),
            body_fields=("summary", "body", "original_title"),
            html_fields=Article.html_fields,
        ),
        Source(
            SearchDocument.Kind.PARK,
            Park,
            title_fields=("name", "name_en", "aliases"),
            body_fields=("summary", "summary_en", "description"),
            html_fields=Park.html_fields,
        ),
        Source(
            SearchDocument.Kind.ENTERPRISE,
            Enterprise,
            title_fields=("name", "short_name", "name_en", "aliases", "stock_code"),
            body_fields=("summary", "summary_en", "description"),
            html_fields=Enterprise.html_fields,
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


def fts5_query(tokens, kind):
    """SQLite: FTS5 MATCH syntax for objects of ``kind``, every token quoted (none holds a double quote)."""
    parts = [f'kind : "{kind}"']
    for t in tokens:
        phrase = f'"{t.text}"{"*" if t.prefix else ""}'
        parts.append(f"title_tokens : {phrase}" if t.title_only else f"{{title_tokens body_tokens}} : {phrase}")
    return " AND ".join(parts)


def _tokens(obj, source, names):
    tokens = []
    for name in names:
        value = getattr(obj, name) or ""
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
    return document_model(
        kind=source.kind,
        object_id=obj.pk,
        title_tokens=" ".join(dict.fromkeys(_tokens(obj, source, source.title_fields))),
        body_tokens=" ".join(dict.fromkeys(_tokens(obj, source, source.body_fields))),
    )


# --------------------------------------------------------------------------
# Keeping the index up to date
# --------------------------------------------------------------------------


def _upsert(documents):
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["title_tokens", "body_tokens", "indexed_at"],
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
    """Index every article, park and enterprise afresh, in one transaction; return counts by kind.

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
            if rebuild_indexes:
                # Each index exactly as its migration made it, to build again after the inserts.
                cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [GIN_INDEXES])
                definitions = cursor.fetchall()
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
            for _name, definition in definitions:
                cursor.execute(definition)
            # Bulk inserts leave their GIN entries in the index's pending list, which every
            # search would read through (and which makes the planner shun the index) until
            # autovacuum merges it; merge it now (an index built afresh has none). Then fresh
            # statistics for the planner.
            if not definitions:
                for index in GIN_INDEXES:
                    cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
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


def candidates(queryset, terms):
    """``queryset`` narrowed to objects whose index entry holds every term's tokens.

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
        # The expressions of the searchdocument_<kind>_gin and _title_gin indexes (bureau's migration 0003).
        for expression, wanted in ((ALL_TOKENS, anywhere), (TITLE_TOKENS, in_titles)):
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
            params=[*params, fts5_query(tokens, source.kind)],
        )
    raise NotImplementedError(f"The search index supports PostgreSQL and SQLite, not {vendor}.")
