"""The two staff roles.

Editors write: they add and change articles, parks, enterprises, figures and
tags, but cannot publish, unpublish or delete. Publishers can do all of that
too. Permissions are created here explicitly because Django only creates them
after all migrations have run, and a fresh database needs the groups at once.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "编辑 Editor"
PUBLISHER = "发布者 Publisher"

WRITE = {
    "news": ["article"],
    "parks": ["park", "enterprise", "parkfigure", "enterprisefigure"],
    "taggit": ["tag"],
}
READ_ONLY = {"parks": ["qualification"], "taggit": ["taggeditem"]}
PUBLISH = [("news", "publish_article"), ("parks", "publish_park"), ("parks", "publish_enterprise")]


def codenames(spec, actions):
    return [(app, f"{action}_{model}") for app, models in spec.items() for model in models for action in actions]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        found = []
        for app, codename in pairs:
            found.append(Permission.objects.get(content_type__app_label=app, codename=codename))
        return found

    editor_perms = permissions(codenames(WRITE, ["add", "change", "view"]) + codenames(READ_ONLY, ["view"]))
    publisher_perms = editor_perms + permissions(codenames(WRITE, ["delete"]) + PUBLISH)
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.set(editor_perms)
    publisher, _ = Group.objects.get_or_create(name=PUBLISHER)
    publisher.permissions.set(publisher_perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, PUBLISHER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bureau", "0001_initial"),
        ("news", "0002_initial"),
        ("parks", "0002_qualifications"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
