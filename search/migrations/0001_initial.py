"""SearchDocument moves here from the project package, with its table and its content type.

The table keeps its name (``bureau_searchdocument``, see the model's Meta),
and with it the full-text index built on it by bureau's migration 0003 (GIN
indexes on PostgreSQL, the FTS5 table and its triggers on SQLite). This
migration and bureau's 0006 only move the model in Django's state; the
content type row is renamed so that what points at it stays attached.
"""

from django.db import migrations, models

from content.migration_ops import move_content_type


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("bureau", "0005_slugredirect_to_content"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchDocument",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        (
                            "kind",
                            models.CharField(
                                choices=[("article", "article"), ("park", "park"), ("enterprise", "enterprise")],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        ("object_id", models.PositiveBigIntegerField(verbose_name="object id")),
                        (
                            "title_tokens",
                            models.TextField(
                                blank=True, help_text="Titles and names: ranked first.", verbose_name="title tokens"
                            ),
                        ),
                        ("body_tokens", models.TextField(blank=True, verbose_name="body tokens")),
                        ("indexed_at", models.DateTimeField(auto_now=True, verbose_name="indexed")),
                    ],
                    options={
                        "verbose_name": "search index entry",
                        "verbose_name_plural": "search index entries",
                        "db_table": "bureau_searchdocument",
                        "ordering": ["kind", "object_id"],
                        "constraints": [
                            models.UniqueConstraint(fields=("kind", "object_id"), name="searchdocument_unique_object")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_type("searchdocument", "bureau", "search"),
    ]
