"""The content of an article, park or enterprise as plain data, and back.

A snapshot is what an editor's pending change holds (content/pending.py), and
what two versions are compared by (content/diffs.py). It is a dict of plain
JSON values::

    {
        "fields": {"title": "…", "body": "<p>…</p>", "cover": "covers/2024/09/a.jpg", …},
        "links": {"parks": [3, 7], …},          # many-to-many links, by primary key, sorted
        "tags": ["人工智能", "海洋经济"],          # tag names, sorted
        "children": {"figures": [{…}, …]},       # rows that belong to the item, in their order
    }

Only content is in it: what an editor writes. Publication (status and
publication time) is a publisher's decision and stays on the item; the
trail (created, last changed, last edited by) and what Django derives
(image sizes) are left out too.

Each kind names its children in ``Publishable.snapshot_children``: the
related names of the models whose rows belong to the item (a park's
figures). A child's own primary key is not kept, as a child has no identity
beyond its item: applying a snapshot replaces the item's children with the
snapshot's.
"""

import datetime
import decimal

from django.db import models
from taggit.managers import TaggableManager

# Fields that are not content: publication, the editing trail, what the database derives.
NOT_CONTENT = {"status", "published_at", "created_at", "updated_at", "last_edited_by"}


def content_fields(model):
    """The concrete fields of ``model`` that an editor writes, in the model's order."""
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.editable and field.name not in NOT_CONTENT
    ]


def link_fields(model):
    """Many-to-many links (tags excepted: they are kept by name)."""
    return [field for field in model._meta.many_to_many if not isinstance(field, TaggableManager) and field.editable]


def children_of(model):
    """``[(related name, child model, the child's key to its item)]`` for each kind of child."""
    found = []
    for name in getattr(model, "snapshot_children", ()):
        relation = model._meta.get_field(name)
        found.append((name, relation.related_model, relation.field))
    return found


def child_fields(child_model, parent_key):
    return [
        field
        for field in child_model._meta.concrete_fields
        if not field.primary_key and field.editable and field.name != parent_key.name
    ]


def has_tags(model):
    return any(isinstance(field, TaggableManager) for field in model._meta.many_to_many)


def to_plain(field, obj):
    """One field's value as JSON: a key for a foreign key, a name for a file, text for decimals and dates."""
    if field.is_relation:
        return getattr(obj, field.attname)
    value = field.value_from_object(obj)
    if isinstance(field, models.FileField):
        return value.name or "" if value else ""
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    return value


def from_plain(field, value):
    if field.is_relation or isinstance(field, models.FileField) or value is None:
        return value
    return field.to_python(value)


def take(obj):
    """The snapshot of ``obj`` as it is in the database now (its links, tags and children are read there)."""
    model = type(obj)
    snapshot = {
        "fields": {field.name: to_plain(field, obj) for field in content_fields(model)},
        "links": {
            field.name: sorted(getattr(obj, field.name).values_list("pk", flat=True)) for field in link_fields(model)
        },
        "tags": sorted(obj.tags.names()) if has_tags(model) else [],
        "children": {},
    }
    for name, child_model, parent_key in children_of(model):
        rows = child_model._default_manager.filter(**{parent_key.name: obj}).order_by(
            *child_model._meta.ordering or ["pk"]
        )
        fields = child_fields(child_model, parent_key)
        snapshot["children"][name] = [{field.name: to_plain(field, row) for field in fields} for row in rows]
    return snapshot


class Applied:
    """What applying a snapshot could not keep: links to items deleted since (each ``(field label, id)``).

    ``pending``: the snapshot was kept as a pending change rather than made live (content/admin.py).
    """

    def __init__(self):
        self.missing = []
        self.pending = False


def apply(obj, snapshot, *, draft_children=False):
    """Make ``obj`` (saved) hold ``snapshot`` in the database, and return an ``Applied``.

    Fields are set and the item saved through its own ``save()`` (so HTML is
    sanitized and a changed slug leaves a redirect), then links, tags and
    children are replaced. A link to an item deleted since the snapshot was
    taken is left out and reported; so is a child's link to a deleted item
    (a figure's source article), which is left empty.

    ``draft_children``: give new children fixed negative keys (-1, -2, …) in
    their order, the same on every call. For a snapshot applied only to show
    it in a form and then rolled back (content/pending.py): the form's rows
    then carry keys that name the same rows when the form comes back.
    """
    model = type(obj)
    applied = Applied()
    for field in content_fields(model):
        if field.name in snapshot["fields"]:
            value = from_plain(field, snapshot["fields"][field.name])
            if field.is_relation and value is not None and not _exists(field.related_model, value):
                applied.missing.append((field.verbose_name, value))
                value = None
            setattr(obj, field.attname if field.is_relation else field.name, value)
    obj.save()
    for field in link_fields(model):
        wanted = snapshot["links"].get(field.name, [])
        found = set(field.related_model._default_manager.filter(pk__in=wanted).values_list("pk", flat=True))
        applied.missing += [(field.verbose_name, pk) for pk in wanted if pk not in found]
        getattr(obj, field.name).set(sorted(found))
    if has_tags(model):
        obj.tags.set(snapshot["tags"])
    for name, child_model, parent_key in children_of(model):
        child_model._default_manager.filter(**{parent_key.name: obj}).delete()
        fields = child_fields(child_model, parent_key)
        for position, values in enumerate(snapshot["children"].get(name, []), start=1):
            row = child_model(**{parent_key.name: obj})
            if draft_children:
                row.pk = -position
            for field in fields:
                if field.name not in values:
                    continue
                value = from_plain(field, values[field.name])
                if field.is_relation and value is not None and not _exists(field.related_model, value):
                    applied.missing.append((field.verbose_name, value))
                    value = None
                setattr(row, field.attname if field.is_relation else field.name, value)
            row.save(force_insert=True)
    return applied


def _exists(model, pk):
    return model._default_manager.filter(pk=pk).exists()
