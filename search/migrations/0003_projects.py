"""Investment projects join the search index as a kind of their own.

PostgreSQL: the GIN expression indexes of the new kind, in both languages, written exactly as bureau's
0003 and search's 0002 wrote those of the other kinds (``search.index.gin_expressions``), so that the
planner uses them. SQLite's FTS5 table holds every kind already. Nothing to index: the projects'
table is new (parks' 0009).
"""

from django.db import migrations, models

POSTGRESQL = [
    (
        f"""CREATE INDEX searchdocument_project{language}{part}_gin ON bureau_searchdocument
            USING gin (to_tsvector('simple'::regconfig, {expression})) WHERE kind = 'project'""",
        f"DROP INDEX searchdocument_project{language}{part}_gin",
    )
    for language in ("", "_en")
    for part, expression in (
        ("", f"title_tokens{language} || ' ' || body_tokens{language}"),
        ("_title", f"title_tokens{language}"),
    )
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for create, _drop in POSTGRESQL:
            schema_editor.execute(create)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _create, drop in reversed(POSTGRESQL):
            schema_editor.execute(drop)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_english_tokens"),
        ("parks", "0010_projects"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchdocument",
            name="kind",
            field=models.CharField(
                choices=[
                    ("article", "article"),
                    ("park", "park"),
                    ("enterprise", "enterprise"),
                    ("project", "investment project"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
