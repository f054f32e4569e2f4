"""The recognitions Chinese enterprise news keeps mentioning, ready to pick in the admin."""

from django.db import migrations

QUALIFICATIONS = [
    ("listed", "上市企业", "Listed company"),
    ("unicorn", "独角兽企业", "Unicorn"),
    ("gazelle", "瞪羚企业", "Gazelle enterprise"),
    ("high-tech", "高新技术企业", "High-tech enterprise"),
    ("specialised", "专精特新企业", "Specialised and innovative enterprise"),
    ("little-giant", "专精特新“小巨人”企业", "Specialised and innovative “little giant”"),
    ("state-owned", "国有企业", "State-owned enterprise"),
]


def add(apps, schema_editor):
    Qualification = apps.get_model("parks", "Qualification")
    for slug, name, name_en in QUALIFICATIONS:
        Qualification.objects.update_or_create(slug=slug, defaults={"name": name, "name_en": name_en})


def remove(apps, schema_editor):
    apps.get_model("parks", "Qualification").objects.filter(slug__in=[q[0] for q in QUALIFICATIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("parks", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
