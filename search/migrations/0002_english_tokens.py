"""The index gets the English page's tokens: each page matches only what its results show.

The Chinese page no longer matches hidden English names (``?q=AI`` found
Haier); the English page matches English titles, summaries and bodies, and
the Chinese ones where there is no English version.

- SQLite: adding a column remakes ``bureau_searchdocument``, which drops the
  triggers that feed the FTS5 table; the FTS5 table and its triggers are
  made again with the English columns.
- PostgreSQL: GIN expression indexes for the English columns, one pair per
  kind as for the Chinese ones (bureau's migration 0003).

Then every entry is written again (``search.index.fill``).
"""

from django.db import migrations, models

from search import index as search_index

KINDS = ("article", "park", "enterprise")

POSTGRESQL = [
    (
        f"""CREATE INDEX searchdocument_{kind}_en{part}_gin ON bureau_searchdocument
            USING gin (to_tsvector('simple'::regconfig, {expression})) WHERE kind = '{kind}'""",
        f"DROP INDEX searchdocument_{kind}_en{part}_gin",
    )
    for kind in KINDS
    for part, expression in (("", "title_tokens_en || ' ' || body_tokens_en"), ("_title", "title_tokens_en"))
]


def _fts5(columns):
    """The FTS5 table and its triggers over ``columns`` (bureau's migration 0003 explains the options)."""
    listed = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    return [
        (
            f"""CREATE VIRTUAL TABLE bureau_searchdocument_fts USING fts5(
                kind, {listed}, content='bureau_searchdocument', content_rowid='id',
                tokenize='unicode61 remove_diacritics 0', detail='column'
            )""",
            "DROP TABLE bureau_searchdocument_fts",
        ),
        (
            f"""CREATE TRIGGER bureau_searchdocument_fts_insert AFTER INSERT ON bureau_searchdocument BEGIN
                INSERT INTO bureau_searchdocument_fts(rowid, kind, {listed}) VALUES (new.id, new.kind, {new});
            END""",
            "DROP TRIGGER bureau_searchdocument_fts_insert",
        ),
        (
            f"""CREATE TRIGGER bureau_searchdocument_fts_delete AFTER DELETE ON bureau_searchdocument BEGIN
                INSERT INTO bureau_searchdocument_fts(bureau_searchdocument_fts, rowid, kind, {listed})
                VALUES ('delete', old.id, old.kind, {old});
            END""",
            "DROP TRIGGER bureau_searchdocument_fts_delete",
        ),
        (
            f"""CREATE TRIGGER bureau_searchdocument_fts_update AFTER UPDATE ON bureau_searchdocument BEGIN
                INSERT INTO bureau_searchdocument_fts(bureau_searchdocument_fts, rowid, kind, {listed})
                VALUES ('delete', old.id, old.kind, {old});
                INSERT INTO bureau_searchdocument_fts(rowid, kind, {listed}) VALUES (new.id, new.kind, {new});
            END""",
            "DROP TRIGGER bureau_searchdocument_fts_update",
        ),
    ]


CHINESE_ONLY = _fts5(["title_tokens", "body_tokens"])
BOTH_LANGUAGES = _fts5(["title_tokens", "body_tokens", "title_tokens_en", "body_tokens_en"])


def _run(schema_editor, statements, index):
    for statement in statements:
        schema_editor.execute(statement[index])


def drop_sqlite_index(apps, schema_editor):
    """Before the columns are added (the table is remade): the FTS5 table and triggers of bureau's 0003."""
    if schema_editor.connection.vendor == "sqlite":
        _run(schema_editor, reversed(CHINESE_ONLY), 1)


def restore_sqlite_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _run(schema_editor, CHINESE_ONLY, 0)


def create_full_text_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        # The entries are written again below; emptied now, while no trigger would pass their deletion
        # to an FTS5 table that never held them (which would corrupt it).
        schema_editor.execute("DELETE FROM bureau_searchdocument")
    _run(schema_editor, {"postgresql": POSTGRESQL, "sqlite": BOTH_LANGUAGES}[vendor], 0)


def drop_full_text_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, reversed({"postgresql": POSTGRESQL, "sqlite": BOTH_LANGUAGES}[vendor]), 1)


# What is indexed at this migration, by field name (see search.index.SOURCES).
SOURCES_AT_THIS_MIGRATION = [
    ("article", "news.Article", ("title",), ("summary", "body"), ("body", "body_en"),
     ("title_en|title",), ("summary_en|summary", "body_en|body")),
    ("park", "parks.Park", ("name", "aliases"), ("summary", "description"), ("description",),
     ("name_en", "name", "aliases"), ("summary_en|summary", "description")),
    ("enterprise", "parks.Enterprise", ("name", "short_name", "aliases", "stock_code"), ("summary", "description"),
     ("description",), ("name_en|short_name", "name", "aliases", "stock_code"), ("summary_en|summary", "description")),
]  # fmt: skip


def index_existing_content(apps, schema_editor):
    sources = [
        search_index.Source(kind, apps.get_model(label), *fields) for kind, label, *fields in SOURCES_AT_THIS_MIGRATION
    ]
    search_index.fill(apps.get_model("search", "SearchDocument"), sources)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("news", "0005_english_versions"),
        ("parks", "0006_scheduling_help"),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_index, restore_sqlite_index, elidable=False),
        migrations.AddField(
            model_name="searchdocument",
            name="title_tokens_en",
            field=models.TextField(blank=True, verbose_name="English title tokens"),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="body_tokens_en",
            field=models.TextField(blank=True, verbose_name="English body tokens"),
        ),
        migrations.RunPython(create_full_text_index, drop_full_text_index, elidable=False),
        migrations.RunPython(index_existing_content, migrations.RunPython.noop),
    ]
