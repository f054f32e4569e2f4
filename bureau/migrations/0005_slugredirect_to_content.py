"""SlugRedirect now lives in the content app (content/migrations/0001): only Django's state changes here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("bureau", "0004_slugredirect_labels"),
        ("content", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SlugRedirect")],
            database_operations=[],
        ),
    ]
