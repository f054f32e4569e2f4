"""Give every stored tag an address: tags made of punctuation alone were stored with an empty slug.

Their pages, and every page that linked them, failed (no address can be
reversed from an empty slug). The slug made here is the one new tags get
(content.tagging.fallback_slug), made unique if need be.
"""

from django.db import migrations

from content.tagging import fallback_slug


def repair(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.values_list("slug", flat=True))
    for tag in Tag.objects.filter(slug__regex=r"^\s*$").order_by("pk"):
        base = slug = fallback_slug(tag.name)
        n = 2
        while slug in taken:
            slug = f"{base[:95]}-{n}"
            n += 1
        taken.add(slug)
        tag.slug = slug
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
