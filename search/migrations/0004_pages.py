"""The bureau's pages (about us, policies, the accessibility statement) join the search index as a kind of their own.

PostgreSQL: the GIN expression indexes of the new kind, in both languages, written exactly as the other kinds'
(see 0003_projects). SQLite's FTS5 table holds every kind already. The pages already written are indexed here,
with the historical models, as bureau's 0003 indexed the first kinds (``search.index.document_for``).
"""

from django.db import migrations, models

from search import index as search_index

POSTGRESQL = [
    (
        f"""CREATE INDEX searchdocument_page{language}{part}_gin ON bureau_searchdocument
            USING gin (to_tsvector('simple'::regconfig, {expression})) WHERE kind = 'page'""",
        f"DROP INDEX searchdocument_page{language}{part}_gin",
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


def index_pages(apps, schema_editor):
    Page, SearchDocument = apps.get_model("pages", "Page"), apps.get_model("search", "SearchDocument")
    source = search_index.Source(
        "page",
        Page,
        title_fields=("title",),
        body_fields=("summary", "body"),
        html_fields=("body", "body_en"),
        title_fields_en=("title_en|title",),
        body_fields_en=("summary_en|summary", "body_en|body"),
    )
    documents = [search_index.document_for(page, source, SearchDocument) for page in Page.objects.order_by("pk")]
    SearchDocument.objects.filter(kind="page").delete()
    SearchDocument.objects.bulk_create(documents, batch_size=500)


def forget_pages(apps, schema_editor):
    apps.get_model("search", "SearchDocument").objects.filter(kind="page").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_projects"),
        ("pages", "0001_initial"),
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
                    ("page", "bureau page"),
                ],
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.RunPython(index_pages, forget_pages),
    ]
