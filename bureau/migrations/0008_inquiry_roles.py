"""The inquiry inbox for publishers only: they view and change (status, assignee, notes) inquiries.

Inquiries hold visitors' personal data (names, addresses, telephone
numbers); the privacy notice promises that only the staff who handle them
see them, so editors, who write content, do not get them. Nobody may add or
delete one by hand: they come from the form and go with purge_inquiries.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PUBLISHER = "发布者 Publisher"
CODENAMES = ["view_inquiry", "change_inquiry"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("inquiries")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = list(Permission.objects.filter(content_type__app_label="inquiries", codename__in=CODENAMES))
    for group in Group.objects.filter(name=PUBLISHER):
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="inquiries", codename__in=CODENAMES)
    for group in Group.objects.filter(name=PUBLISHER):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("bureau", "0007_image_library_roles"),
        ("inquiries", "0001_initial"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
