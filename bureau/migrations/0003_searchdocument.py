"""The site search index (search/index.py explains the tokens).

Besides the table, each database gets its own full-text structure, created
here with plain SQL because Django has no portable way to declare it:

- PostgreSQL: GIN indexes on ``to_tsvector('simple', title_tokens || ' ' ||
  body_tokens)`` and on ``to_tsvector('simple', title_tokens)``, one of each
  per kind, which the search page's queries use (``@@``).
- SQLite: an external-content FTS5 table ``bureau_searchdocument_fts`` over
  the kind and the two token columns (the kind is a token too, so a search
  for parks only reads the parks' entries), kept in step by three triggers.
  ``detail='column'``: no token positions (every query term is one token, so
  no phrase needs them): a quarter of the size. A later migration
  that makes SQLite rebuild ``bureau_searchdocument`` (most ALTERs do) drops
  the triggers with the old table and must create them again.

Then existing articles, parks and enterprises are indexed, so the search
works as soon as the migration has run.
"""

from django.db import migrations, models

from search import index as search_index

POSTGRESQL = [
    (
        # The search page looks for one kind at a time: partial indexes, one per kind, so
        # finding parks never reads through the posting lists of 100,000 articles. Expression
        # indexes, not stored tsvector columns: the vectors are never read back (no ranking,
        # no recheck), and stored they would be 6 KB an article.
        f"""CREATE INDEX searchdocument_{kind}{part}_gin ON bureau_searchdocument
            USING gin (to_tsvector('simple'::regconfig, {expression})) WHERE kind = '{kind}'""",
        f"DROP INDEX searchdocument_{kind}{part}_gin",
    )
    for kind in ("article", "park", "enterprise")
    # Every token; and the titles' alone, for words of one character (looked for in titles only).
    for part, expression in (("", "title_tokens || ' ' || body_tokens"), ("_title", "title_tokens"))
]

SQLITE = [
    (
        """CREATE VIRTUAL TABLE bureau_searchdocument_fts USING fts5(
            kind, title_tokens, body_tokens, content='bureau_searchdocument', content_rowid='id',
            tokenize='unicode61 remove_diacritics 0', detail='column'
        )""",
        "DROP TABLE bureau_searchdocument_fts",
    ),
    (
        """CREATE TRIGGER bureau_searchdocument_fts_insert AFTER INSERT ON bureau_searchdocument BEGIN
            INSERT INTO bureau_searchdocument_fts(rowid, kind, title_tokens, body_tokens)
            VALUES (new.id, new.kind, new.title_tokens, new.body_tokens);
        END""",
        "DROP TRIGGER bureau_searchdocument_fts_insert",
    ),
    (
        """CREATE TRIGGER bureau_searchdocument_fts_delete AFTER DELETE ON bureau_searchdocument BEGIN
            INSERT INTO bureau_searchdocument_fts(bureau_searchdocument_fts, rowid, kind, title_tokens, body_tokens)
            VALUES ('delete', old.id, old.kind, old.title_tokens, old.body_tokens);
        END""",
        "DROP TRIGGER bureau_searchdocument_fts_delete",
    ),
    (
        """CREATE TRIGGER bureau_searchdocument_fts_update AFTER UPDATE ON bureau_searchdocument BEGIN
            INSERT INTO bureau_searchdocument_fts(bureau_searchdocument_fts, rowid, kind, title_tokens, body_tokens)
            VALUES ('delete', old.id, old.kind, old.title_tokens, old.body_tokens);
            INSERT INTO bureau_searchdocument_fts(rowid, kind, title_tokens, body_tokens)
            VALUES (new.id, new.kind, new.title_tokens, new.body_tokens);
        END""",
        "DROP TRIGGER bureau_searchdocument_fts_update",
    ),
]

STATEMENTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def create_full_text_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise RuntimeError(f"The search index supports PostgreSQL and SQLite, not {vendor}.")
    for forward, _ in STATEMENTS[vendor]:
        schema_editor.execute(forward)


def drop_full_text_index(apps, schema_editor):
    for _, backward in reversed(STATEMENTS.get(schema_editor.connection.vendor, [])):
        schema_editor.execute(backward)


# What was indexed when this migration was written, by field name: the models of this point in the
# migration history have these fields, whatever later migrations add to the index's sources.
SOURCES_AT_THIS_MIGRATION = [
    ("article", "news.Article", ("title",), ("summary", "body", "original_title"), ("body",)),
    ("park", "parks.Park", ("name", "name_en", "aliases"), ("summary", "summary_en", "description"), ("description",)),
    (
        "enterprise",
        "parks.Enterprise",
        ("name", "short_name", "name_en", "aliases", "stock_code"),
        ("summary", "summary_en", "description"),
        ("description",),
    ),
]


def index_existing_content(apps, schema_editor):
    sources = [
        search_index.Source(kind, apps.get_model(label), title_fields, body_fields, html_fields)
        for kind, label, title_fields, body_fields, html_fields in SOURCES_AT_THIS_MIGRATION
    ]
    search_index.fill(apps.get_model("bureau", "SearchDocument"), sources)


class Migration(migrations.Migration):

    dependencies = [
        ('bureau', '0002_roles'),
        ('news', '0002_initial'),
        ('parks', '0003_figure_natural_keys'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('article', 'article'), ('park', 'park'), ('enterprise', 'enterprise')], max_length=20, verbose_name='kind')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='object id')),
                ('title_tokens', models.TextField(blank=True, help_text='Titles and names: ranked first.', verbose_name='title tokens')),
                ('body_tokens', models.TextField(blank=True, verbose_name='body tokens')),
                ('indexed_at', models.DateTimeField(auto_now=True, verbose_name='indexed')),
            ],
            options={
                'verbose_name': 'search index entry',
                'verbose_name_plural': 'search index entries',
                'ordering': ['kind', 'object_id'],
                'constraints': [models.UniqueConstraint(fields=('kind', 'object_id'), name='searchdocument_unique_object')],
            },
        ),
        migrations.RunPython(create_full_text_index, drop_full_text_index, elidable=False),
        migrations.RunPython(index_existing_content, migrations.RunPython.noop),
    ]
