"""What differs between two snapshots of an item (content/snapshots.py), field by field, for people to read.

A stand-in with the interface the review page needs: ``differences`` gives
rows with ``label``, ``old``, ``new`` (display text) and ``html`` (an inline
diff: the old text struck out, the new one inserted). The full version, with
word-level diffs, replaces this module; the review page uses nothing else.
"""

from dataclasses import dataclass

from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from content import snapshots

EMPTY = "—"


@dataclass
class Row:
    label: str
    old: str
    new: str
    html: SafeString


def differences(model, old_snapshot, new_snapshot):
    """The rows where ``new_snapshot`` differs from ``old_snapshot``, in the form's order."""
    rows = []
    for field in snapshots.content_fields(model):
        old, new = old_snapshot["fields"].get(field.name), new_snapshot["fields"].get(field.name)
        if _blank(old) and _blank(new) or old == new:
            continue
        rows.append(_row(field.verbose_name, _field_text(field, old), _field_text(field, new)))
    for field in snapshots.link_fields(model):
        old, new = old_snapshot["links"].get(field.name, []), new_snapshot["links"].get(field.name, [])
        if sorted(old) != sorted(new):
            names = _names(field.related_model, set(old) | set(new))
            rows.append(_row(field.verbose_name, _listing(old, names), _listing(new, names)))
    if snapshots.has_tags(model) and sorted(old_snapshot.get("tags", [])) != sorted(new_snapshot.get("tags", [])):
        label = model._meta.get_field("tags").verbose_name
        rows.append(_row(label, "、".join(old_snapshot.get("tags", [])), "、".join(new_snapshot.get("tags", []))))
    for name, child_model, parent_key in snapshots.children_of(model):
        old, new = old_snapshot["children"].get(name, []), new_snapshot["children"].get(name, [])
        if old != new:
            fields = snapshots.child_fields(child_model, parent_key)
            rows.append(
                _row(child_model._meta.verbose_name_plural, _children_text(fields, old), _children_text(fields, new))
            )
    return rows


def _row(label, old, new):
    old, new = old or EMPTY, new or EMPTY
    return Row(str(capfirst(label)), old, new, format_html("<del>{}</del> <ins>{}</ins>", old, new))


def _blank(value):
    return value in (None, "", [])


def _field_text(field, value):
    if _blank(value):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        found = field.related_model._default_manager.filter(pk=value).first()
        return str(found) if found is not None else _("#%(id)s (deleted)") % {"id": value}
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return Truncator(strip_tags(str(value))).chars(300)


def _names(model, pks):
    return {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=pks)}


def _listing(pks, names):
    return "、".join(names.get(pk, _("#%(id)s (deleted)") % {"id": pk}) for pk in pks)


def _children_text(fields, rows):
    return "；".join(" ".join(str(row.get(f.name)) for f in fields if not _blank(row.get(f.name))) for row in rows)
