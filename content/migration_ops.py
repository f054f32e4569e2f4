"""Operations for migrations that move a model from one app of ours to another, table and all."""

from django.db import migrations


def move_content_type(model_name, from_app, to_app):
    """Rename the model's content type row from ``from_app`` to ``to_app`` (and back when unapplied).

    Permissions and admin history point at the row by id, so they stay
    attached to the model. Nothing happens where the row does not exist yet
    (a fresh database: Django creates content types after the migrations).
    """

    def rename(old_app, new_app):
        def run(apps, schema_editor):
            ContentType = apps.get_model("contenttypes", "ContentType")
            if not ContentType.objects.filter(app_label=new_app, model=model_name).exists():
                ContentType.objects.filter(app_label=old_app, model=model_name).update(app_label=new_app)
            ContentType.objects.clear_cache()

        return run

    return migrations.RunPython(rename(from_app, to_app), rename(to_app, from_app))
