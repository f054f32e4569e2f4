"""Versions of articles, parks and enterprises, kept by django-reversion.

Every kind of content (``content.models.publishable_models``) is registered
when the app is ready, with what its snapshot holds (content/snapshots.py):
its rows (a park's figures, ``snapshot_children``) and its tag rows, which
follow their tag so that a version knows the tags by name. A version is thus
a whole item, and ``snapshot_of_version`` turns it back into a snapshot,
which is what compare (content/diffs.py) and restore work on.

A version is recorded by every live save in the admin, by the bulk
publish and unpublish actions, by restoring, by the demo fixtures and by
both imports. Each revision says why in its comment, stored as a small JSON
object (a kind and its parameters, e.g. ``{"kind": "changed", "fields":
["title"]}``) and worded only when shown (``comment_text``), so that each
reader sees it in their own language, field names included.
"""

import json
from contextlib import contextmanager
from types import SimpleNamespace

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version
from taggit.managers import TaggableManager
from taggit.models import Tag

from content import snapshots
from content.models import publishable_models

# child or tag-row model -> its foreign key to the item it belongs to, filled in by ``register_content``
_owner_keys = {}


def tag_rows(model):
    """``(through model, its key to the item)`` of ``model``'s tags, or None for a kind without tags."""
    for field in model._meta.many_to_many:
        if isinstance(field, TaggableManager):
            through = field.remote_field.through
            key = next(f for f in through._meta.concrete_fields if f.is_relation and f.related_model is model)
            return through, key
    return None


def register_content():
    """Register every kind of content, its children, its tag rows and tags with reversion (at app ready)."""
    if not reversion.is_registered(Tag):
        reversion.register(Tag)
    for model in publishable_models():
        if reversion.is_registered(model):
            continue
        follow = []
        for name, child_model, key in snapshots.children_of(model):
            _owner_keys[child_model] = key
            reversion.register(child_model)
            follow.append(name)
        if tags := tag_rows(model):
            through, key = tags
            _owner_keys[through] = key
            reversion.register(through, follow=["tag"])
            follow.append(key.remote_field.get_accessor_name())
        # Tags are kept as rows of their own (above), not as a field of the item.
        fields = [field.name for field in model._meta.concrete_fields]
        fields += [field.name for field in snapshots.link_fields(model)]
        reversion.register(model, fields=fields, follow=follow)


def item_of(obj):
    """The item ``obj`` belongs to: itself for an item, the park of a park's figure, the item of a tag row."""
    if type(obj) in publishable_models():
        return obj
    key = _owner_keys.get(type(obj))
    return getattr(obj, key.name) if key is not None else None


# --- recording ------------------------------------------------------------------------------


@contextmanager
def recording(user=None, comment=""):
    """One revision around the block: every item saved in it is a version, with who and why.

    Nested in another revision, it joins it. A block that ends with its
    transaction marked for rollback (an editor's change kept as pending, an
    import with errors) records nothing.
    """
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)
        yield


def add(*objs):
    """Put the items of ``objs`` in the current revision as they are now, with their rows and tags.

    Items are added on save anyway; this adds them again once their links,
    tags and rows are saved too, and adds the item of a row saved alone (a
    figure imported from a spreadsheet).
    """
    seen = set()
    for obj in objs:
        item = item_of(obj)
        if item is not None and item.pk is not None and (type(item), item.pk) not in seen:
            seen.add((type(item), item.pk))
            reversion.add_to_revision(item)


def record(objs, user=None, comment=""):
    """A version of the items of ``objs`` as they are now, in one revision."""
    with recording(user, comment):
        add(*objs)


def set_comment(comment):
    reversion.set_comment(comment)


def versions_of(obj):
    """``obj``'s versions, newest first."""
    return Version.objects.get_for_object(obj).order_by("-revision__date_created", "-pk")


# --- comments ---------------------------------------------------------------------------------

ADDED = "added"
CHANGED = "changed"
PUBLISHED = "published"
UNPUBLISHED = "unpublished"
FIXTURES = "fixtures"
SPREADSHEET = "spreadsheet"
IMPORTED = "imported"
RESTORED = "restored"
APPROVED = "approved"
INITIAL = "initial"  # what an item held when its history began (``make migrate``: createinitialrevisions)


def comment(kind, **params):
    """A revision's comment: its kind and parameters, worded when shown (``comment_text``)."""
    return json.dumps({"kind": kind, **params}, ensure_ascii=False, sort_keys=True)


def restored_comment(version):
    return comment(RESTORED, date=version.revision.date_created.isoformat())


def local_time(value):
    """A time as the history shows it: Beijing time, to the minute."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def field_label(model, name, capitalized=True):
    """The label of a field, a kind of link or of row of ``model`` in the active language."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since, or a form field of no model field
        return name
    if field.is_relation and field.auto_created and not field.concrete:  # a kind of row (a park's figures)
        label = field.related_model._meta.verbose_name_plural
    else:
        label = field.verbose_name
    return str(capfirst(label) if capitalized else label)


def text_list(items):
    """``a、b和c`` in Chinese, ``a, b and c`` in English."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return _("%(list)s and %(last)s") % {"list": _(", ").join(items[:-1]), "last": items[-1]}


def comment_text(stored, model):
    """The comment of a revision in the reader's language (a comment not made here is shown as stored)."""
    try:
        data = json.loads(stored)
        kind = data["kind"]
    except (ValueError, TypeError, KeyError):
        return stored
    if kind == ADDED:
        return _("Created")
    if kind == CHANGED:
        fields = data.get("fields") or []
        if not fields:
            return _("Saved without changes")
        return _("Changed %(fields)s") % {"fields": text_list(field_label(model, name, False) for name in fields)}
    if kind == PUBLISHED:
        return _("Published")
    if kind == UNPUBLISHED:
        return _("Unpublished (back to draft)")
    if kind == FIXTURES:
        return _("Loaded from the demo fixtures")
    if kind == SPREADSHEET:
        return _("Imported from spreadsheet “%(file)s”") % {"file": data.get("file", "")}
    if kind == IMPORTED:
        return _("Imported from %(source)s") % {"source": data.get("source", "")}
    if kind == INITIAL:
        return _("As it was when the history began")
    if kind == APPROVED:
        fields = data.get("fields") or []
        changed = text_list(field_label(model, name, False) for name in fields) if fields else "—"
        return _("Approved the change by %(author)s (%(fields)s)") % {
            "author": data.get("author", ""),
            "fields": changed,
        }
    if kind == RESTORED:
        when = parse_datetime(data.get("date", ""))
        return _("Restored the version of %(time)s") % {"time": local_time(when) if when else "?"}
    return stored


# --- a version as a snapshot ---------------------------------------------------------------------


def _values(version):
    """A version's values by attribute name (``parent_id``), as ``snapshots.to_plain`` reads an object."""
    return SimpleNamespace(**version.field_dict)


def snapshot_of_version(version):
    """The snapshot (content/snapshots.py's format) of the item as this version saved it.

    Its rows and tags come from the other versions of the same revision:
    every version of an item is recorded with them (``register_content``).
    """
    model = version.content_type.model_class()
    values = _values(version)
    snapshot = {
        "fields": {field.name: snapshots.to_plain(field, values) for field in snapshots.content_fields(model)},
        "links": {
            field.name: sorted(getattr(values, field.attname, None) or []) for field in snapshots.link_fields(model)
        },
        "tags": [],
        "children": {},
    }
    pk = model._meta.pk.to_python(version.object_id)
    related = [child_model for _name, child_model, _key in snapshots.children_of(model)]
    tags = tag_rows(model)
    if tags:
        related += [tags[0], Tag]
    types = ContentType.objects.get_for_models(*related) if related else {}
    others = {}  # model -> [values]
    if types:
        for other in Version.objects.filter(
            revision_id=version.revision_id, content_type__in=list(types.values())
        ).select_related("content_type"):
            others.setdefault(other.content_type.model_class(), []).append(_values(other))
    for name, child_model, key in snapshots.children_of(model):
        rows = [row for row in others.get(child_model, []) if getattr(row, key.attname) == pk]
        fields = snapshots.child_fields(child_model, key)
        snapshot["children"][name] = [
            {field.name: snapshots.to_plain(field, row) for field in fields} for row in _ordered(child_model, rows)
        ]
    if tags:
        through, key = tags
        tag_ids = {row.tag_id for row in others.get(through, []) if getattr(row, key.attname) == pk}
        # A tag by its name now (renamed since: the new name, as a link shows its item's current name); a tag
        # deleted or merged away since, by the name the revision kept.
        names = dict(Tag.objects.filter(pk__in=tag_ids).values_list("pk", "name"))
        names.update((tag.id, tag.name) for tag in others.get(Tag, []) if tag.id in tag_ids and tag.id not in names)
        snapshot["tags"] = sorted(names.values())
    return snapshot


def _ordered(model, rows):
    """``rows`` in ``model``'s ordering, as the database would return them."""
    rows = list(rows)
    for name in reversed(model._meta.ordering or ["pk"]):
        descending = name.startswith("-")
        name = name.lstrip("-")
        attname = model._meta.pk.attname if name == "pk" else model._meta.get_field(name).attname
        rows.sort(key=lambda row: (getattr(row, attname) is None, getattr(row, attname)), reverse=descending)
    return rows


def changed_names(old, new):
    """The fields, kinds of link, "tags" and kinds of row that differ between two snapshots."""
    names = [name for name in new["fields"] if old["fields"].get(name) != new["fields"][name]]
    names += [name for name in new["links"] if sorted(old["links"].get(name, [])) != sorted(new["links"][name])]
    names += ["tags"] if sorted(old["tags"]) != sorted(new["tags"]) else []
    names += [name for name in new["children"] if old["children"].get(name, []) != new["children"][name]]
    return names


def missing_links(model, snapshot):
    """The links of ``snapshot`` to items deleted since: ``[(field label, related model, id)]``.

    What ``snapshots.apply`` would leave out, said before it is applied.
    """
    missing = []

    def check(field, pks):
        pks = [pk for pk in pks if pk is not None]
        found = set(field.related_model._default_manager.filter(pk__in=pks).values_list("pk", flat=True))
        missing.extend((field.verbose_name, field.related_model, pk) for pk in pks if pk not in found)

    for field in snapshots.content_fields(model):
        if field.is_relation and field.name in snapshot["fields"]:
            check(field, [snapshot["fields"][field.name]])
    for field in snapshots.link_fields(model):
        check(field, snapshot["links"].get(field.name, []))
    for name, child_model, key in snapshots.children_of(model):
        for field in snapshots.child_fields(child_model, key):
            if field.is_relation:
                check(field, [row.get(field.name) for row in snapshot["children"].get(name, [])])
    return missing
