"""Old addresses of tags: tag slugs keep Chinese characters ("人工智能"), so an old slug may too.

allow_unicode only changes what a form would accept; the column is the same
varchar, so this changes the model's state alone (SQLite would otherwise copy
the whole table for it).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0002_repair_tag_slugs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="slugredirect",
                    name="old_slug",
                    field=models.SlugField(allow_unicode=True, max_length=100, verbose_name="old slug"),
                ),
            ],
        ),
    ]
