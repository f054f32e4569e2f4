"""The image library in the two staff roles: editors upload, describe and insert images; publishers may
also delete them (as they alone delete content). Existing groups are updated in place."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "编辑 Editor"
PUBLISHER = "发布者 Publisher"
EDIT = ["add_bodyimage", "change_bodyimage", "view_bodyimage"]
DELETE = ["delete_bodyimage"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("content")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(codenames):
        return list(Permission.objects.filter(content_type__app_label="content", codename__in=codenames))

    for group in Group.objects.filter(name=EDITOR):
        group.permissions.add(*permissions(EDIT))
    for group in Group.objects.filter(name=PUBLISHER):
        group.permissions.add(*permissions(EDIT + DELETE))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="content", codename__in=EDIT + DELETE)
    for group in Group.objects.filter(name__in=[EDITOR, PUBLISHER]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("bureau", "0006_searchdocument_to_search"),
        ("content", "0004_body_image_library"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
