"""SlugRedirect moves here from the project package, with its table and its content type.

The table keeps its name (``bureau_slugredirect``, see the model's Meta), so
this migration and bureau's 0005 only move the model in Django's state; the
content type row is renamed, so that permissions and admin history that point
at it stay attached.
"""

import django.db.models.deletion
from django.db import migrations, models

from content.migration_ops import move_content_type


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("bureau", "0004_slugredirect_labels"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SlugRedirect",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("object_id", models.PositiveBigIntegerField(verbose_name="object id")),
                        ("old_slug", models.SlugField(max_length=100, verbose_name="old slug")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        (
                            "content_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="contenttypes.contenttype",
                                verbose_name="kind of page",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "old address",
                        "verbose_name_plural": "old addresses",
                        "db_table": "bureau_slugredirect",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("content_type", "old_slug"), name="slugredirect_unique_old_slug"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_type("slugredirect", "bureau", "content"),
    ]
