"""The bureau's pages (about us, policies, accessibility) in the two staff roles: editors add and change
them, and their saves of a published page wait for review as any content's do; publishers may also publish,
unpublish and delete them. Existing groups are updated in place."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "编辑 Editor"
PUBLISHER = "发布者 Publisher"
EDIT = ["add_page", "change_page", "view_page"]
PUBLISH = ["delete_page", "publish_page"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("pages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(codenames):
        return list(Permission.objects.filter(content_type__app_label="pages", codename__in=codenames))

    for group in Group.objects.filter(name=EDITOR):
        group.permissions.add(*permissions(EDIT))
    for group in Group.objects.filter(name=PUBLISHER):
        group.permissions.add(*permissions(EDIT + PUBLISH))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="pages", codename__in=EDIT + PUBLISH)
    for group in Group.objects.filter(name__in=[EDITOR, PUBLISHER]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("bureau", "0009_project_roles"),
        ("pages", "0001_initial"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
