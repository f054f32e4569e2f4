"""A park's and a project's one-line contact becomes a telephone and an e-mail field; a project's amount gets the
qualifier its source gives it (约75亿元).

The free text is split, and nothing in it is lost: the first valid e-mail address goes to the e-mail field, and
everything else (the telephone number, a second address, words that are neither) stays in the telephone field,
where the form then asks an editor to tidy it. The labels around the parts (电话：, E-mail:) and the separators
between them are dropped. The same split is made in the stored versions (django-reversion) and the editors'
pending changes, so that a restored or approved old version keeps its contact too. Going back joins the two.
"""

import json
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import migrations, models

import parks.models

MODELS = ("park", "project")
ADDRESS = re.compile(r"[^\s,;，；、<>()（）:：]+@[^\s,;，；、<>()（）]+")
LABEL = re.compile(r"(?:联系电话|联系方式|电子邮箱|电子邮件|电话|手机|邮箱|e-?mail|tel\.?|telephone|phone)\s*[:：]\s*", re.I)
SEPARATORS = " \t\r\n,;，；、/|:："


def split_contact(text):
    """``(telephone, e-mail)`` from one free-text contact; the telephone part keeps whatever is not the address."""
    text = (text or "").strip()
    email = ""
    for candidate in ADDRESS.findall(text):
        try:
            validate_email(candidate)
        except ValidationError:
            continue
        if len(candidate) <= 254:
            email = candidate
            break
    rest = text.replace(email, " ", 1) if email else text
    rest = LABEL.sub(" ", rest) if email else rest
    # Separators left dangling where the address was, and doubled ones, go; the parts keep one ", " between them.
    parts = [part.strip(SEPARATORS) for part in re.split(r"\s*[,;，；、]\s*", rest)]
    rest = ", ".join(part for part in parts if part)
    return rest.strip(SEPARATORS), email


def join_contact(phone, email):
    return ", ".join(part for part in (phone, email) if part)


def _split_fields(fields):
    """Split ``fields["contact"]`` (a serialized item's or a snapshot's) in place; True when it had one."""
    if "contact" not in fields:
        return False
    fields["contact_phone"], fields["contact_email"] = split_contact(fields.pop("contact"))
    return True


def _join_fields(fields):
    if "contact_phone" not in fields and "contact_email" not in fields:
        return False
    fields["contact"] = join_contact(fields.pop("contact_phone", ""), fields.pop("contact_email", ""))
    return True


def _rewrite_history(apps, change):
    """Apply ``change`` to the fields of every stored version and pending change of a park or project."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    PendingChange = apps.get_model("content", "PendingChange")
    types = ContentType.objects.filter(app_label="parks", model__in=MODELS)
    for version in Version.objects.filter(content_type__in=types, format="json").iterator():
        data = json.loads(version.serialized_data)
        if any(change(item.get("fields", {})) for item in data):
            version.serialized_data = json.dumps(data, ensure_ascii=False)
            version.save(update_fields=["serialized_data"])
    for pending in PendingChange.objects.filter(content_type__in=types).iterator():
        if isinstance(pending.data, dict) and change(pending.data.get("fields", {})):
            pending.save(update_fields=["data"])


def forwards(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("parks", name)
        for pk, contact in model.objects.exclude(contact="").values_list("pk", "contact").iterator():
            phone, email = split_contact(contact)
            model.objects.filter(pk=pk).update(contact_phone=phone, contact_email=email)
    _rewrite_history(apps, _split_fields)


def backwards(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("parks", name)
        rows = model.objects.exclude(contact_phone="", contact_email="").values_list("pk", "contact_phone", "contact_email")
        for pk, phone, email in rows.iterator():
            model.objects.filter(pk=pk).update(contact=join_contact(phone, email)[:300])
    _rewrite_history(apps, _join_fields)


class Migration(migrations.Migration):
    dependencies = [
        ("parks", "0010_projects"),
        ("content", "0006_english_versions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        *[
            operation
            for name in MODELS
            for operation in (
                migrations.AddField(
                    model_name=name,
                    name="contact_phone",
                    field=models.CharField(
                        blank=True,
                        help_text="For investors, for example 0532-8888 8888 转 123.",
                        max_length=300,
                        validators=[parks.models.validate_phone],
                        verbose_name="contact telephone",
                    ),
                ),
                migrations.AddField(
                    model_name=name,
                    name="contact_email",
                    field=models.EmailField(
                        blank=True,
                        help_text="Inquiries from the contact form about this page are e-mailed here (else to the "
                        "bureau's desk).",
                        max_length=254,
                        verbose_name="contact e-mail",
                    ),
                ),
            )
        ],
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.RemoveField(model_name="park", name="contact"),
        migrations.RemoveField(model_name="project", name="contact"),
        migrations.AddField(
            model_name="project",
            name="amount_qualifier",
            field=models.CharField(
                blank=True,
                choices=[("", "exactly"), ("over", "more than"), ("about", "about"), ("under", "less than")],
                default="",
                help_text="As the source words the amount: 约75亿元 is about 75.",
                max_length=10,
                verbose_name="amount qualifier",
            ),
        ),
    ]
