"""What changed between two snapshots of an item, worded for people.

``differences(model, old, new)`` compares two snapshots (content/snapshots.py)
of an item of ``model`` and returns one ``Difference`` per field, kind of
link, tags or kind of row that differs, in the form's order; unchanged ones
are left out. It serves the history's compare and restore pages
(content/history_admin.py) and the review of pending changes, and needs no
admin: labels come from the model, in the active language.

How each kind of value is shown:

- text: an inline diff (diff-match-patch, with its semantic cleanup, so that
  a changed word shows as that word and not as scattered letters);
- rich text (the model's ``html_fields``): its visible text, paragraph by
  paragraph (headings, list items, quotes, table cells and images count as
  paragraphs; a link's address counts as text). A change of markup alone
  that leaves the same text and structure (a class, the order of attributes,
  white space, bold) is not a difference;
- choices by their label, yes/no fields as yes or no;
- links and foreign keys by the linked item's current name; an item deleted
  since by the name its last version had, else as "deleted item #5";
- tags and links added and removed;
- rows (a park's figures) added, removed or changed, each as a readable line.

Everything is escaped: content is written by users. Only the ``diff`` of a
``Difference`` is HTML (``<del>``, ``<ins>`` and a few classed ``<p>`` and
``<li>``); ``old`` and ``new`` are plain text, lines separated by newlines.
"""

import difflib
from dataclasses import dataclass
from html.parser import HTMLParser

from diff_match_patch import diff_match_patch
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version
from taggit.managers import TaggableManager

from content import snapshots


@dataclass(frozen=True)
class Difference:
    name: str  # the field, kind of link, "tags" or kind of row (a related name: "figures")
    label: str  # in the active language
    old: str  # plain text as a reader sees the value ("" for nothing)
    new: str
    diff: SafeString  # the change, inline: removed text in <del>, added text in <ins>, all else escaped


def differences(model, old, new):
    """The differences between snapshots ``old`` and ``new`` of an item of ``model``, in the form's order."""
    names = _LinkedNames()
    found = []
    for field in snapshots.content_fields(model):
        before, after = old["fields"].get(field.name), new["fields"].get(field.name)
        if field.name in getattr(model, "html_fields", ()):
            found += _html_difference(field, before or "", after or "")
        elif _plain(before) != _plain(after):
            found.append((field, before, after))
    for field in snapshots.link_fields(model):
        before, after = old["links"].get(field.name, []), new["links"].get(field.name, [])
        if sorted(before) != sorted(after):
            names.want(field.related_model, before + after)
            found.append((field, before, after))
    if snapshots.has_tags(model) and sorted(old["tags"]) != sorted(new["tags"]):
        found.append((_tag_field(model), old["tags"], new["tags"]))
    for name, child_model, key in snapshots.children_of(model):
        before, after = old["children"].get(name, []), new["children"].get(name, [])
        # Rows renumbered in the same order (positions 0, 1 saved as 1, 2) are no difference to show: listed, they
        # made an empty "park figures" entry.
        if _without_ordering(child_model, before) != _without_ordering(child_model, after):
            for field in snapshots.child_fields(child_model, key):
                if field.is_relation:
                    names.want(field.related_model, [row.get(field.name) for row in before + after])
            found.append((name, before, after))
    for field in snapshots.content_fields(model):
        if field.is_relation:
            names.want(field.related_model, [old["fields"].get(field.name), new["fields"].get(field.name)])
    return [_render(model, entry, names) for entry in found]


def _plain(value):
    return None if value in (None, "") else value


def _tag_field(model):
    return next(field for field in model._meta.many_to_many if isinstance(field, TaggableManager))


def _render(model, entry, names):
    if isinstance(entry, Difference):
        return entry
    subject, before, after = entry
    if isinstance(subject, str):  # a kind of row
        return _rows_difference(model, subject, before, after, names)
    label = str(capfirst(subject.verbose_name))
    if subject.many_to_many:
        if isinstance(subject, TaggableManager):
            old_names, new_names = sorted(before), sorted(after)
        else:
            old_names = sorted(names.name(subject.related_model, pk) for pk in before)
            new_names = sorted(names.name(subject.related_model, pk) for pk in after)
        removed = [name for name in old_names if name not in new_names]
        added = [name for name in new_names if name not in old_names]
        diff = format_html_join(" ", "{}", [(_del(name),) for name in removed] + [(_ins(name),) for name in added])
        return Difference(subject.name, label, _list(old_names), _list(new_names), diff)
    old_text, new_text = display(subject, before, names), display(subject, after, names)
    if _is_text(subject):
        diff = inline_diff(old_text, new_text)
    else:
        diff = format_html_join(" ", "{}", [(part,) for part in (_del(old_text), _ins(new_text)) if part])
    return Difference(subject.name, label, old_text, new_text, diff)


def _is_text(field):
    return isinstance(field, (models.CharField, models.TextField)) and not field.choices


def _list(items):
    return _(", ").join(items)


def _del(text):
    return format_html("<del>{}</del>", text) if text else ""


def _ins(text):
    return format_html("<ins>{}</ins>", text) if text else ""


def display(field, value, names=None):
    """A snapshot's value of ``field`` as a reader sees it: plain text, "" for nothing."""
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        names = names or _LinkedNames()
        return names.name(field.related_model, value)
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    return str(value)


def inline_diff(old, new):
    """``old`` changed into ``new`` as escaped HTML: what went in ``<del>``, what came in ``<ins>``."""
    engine = diff_match_patch()
    changes = engine.diff_main(old, new)
    engine.diff_cleanupSemantic(changes)
    parts = []
    for operation, text in changes:
        if operation == engine.DIFF_DELETE:
            parts.append(_del(text))
        elif operation == engine.DIFF_INSERT:
            parts.append(_ins(text))
        else:
            parts.append(escape(text))
    return mark_safe("".join(parts))


# --- rich text --------------------------------------------------------------------------------

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th", "caption", "figcaption", "pre"}
_BLOCKS |= {"div", "dt", "dd", "ul", "ol", "table", "tr"}


class _Paragraphs(HTMLParser):
    """The visible text of rich text as ``(kind, text)`` paragraphs; kinds: heading, item, quote, cell, image."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self.open, self.text, self.links = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _BLOCKS:
            self.flush()
            self.open.append(tag)
        elif tag == "br":
            self.text.append(" ")
        elif tag == "a":
            self.links.append(attrs.get("href") or "")
        elif tag == "img":
            self.flush()
            name = (attrs.get("src") or "").rstrip("/").rsplit("/", 1)[-1]
            self.paragraphs.append(("image", f"{attrs.get('alt') or ''} ({name})".strip()))

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.flush()
            if tag in self.open:
                del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]
        elif tag == "a" and self.links:
            address = self.links.pop()
            if address:
                self.text.append(f" <{address}>")

    def handle_data(self, data):
        self.text.append(data)

    def flush(self):
        text = " ".join("".join(self.text).split())
        self.text = []
        if not text:
            return
        open_tags = set(self.open)
        if open_tags & {"h1", "h2", "h3", "h4", "h5", "h6"}:
            kind = "heading"
        elif "li" in open_tags:
            kind = "item"
        elif "blockquote" in open_tags:
            kind = "quote"
        elif open_tags & {"td", "th", "caption"}:
            kind = "cell"
        else:
            kind = "paragraph"
        self.paragraphs.append((kind, text))


def paragraphs(html):
    """The visible text of ``html``, paragraph by paragraph: ``[(kind, text)]``."""
    parser = _Paragraphs()
    parser.feed(html or "")
    parser.close()
    parser.flush()
    return parser.paragraphs


def same_html(old, new):
    """Whether two rich texts read the same: same text, same paragraphs (markup aside)."""
    return paragraphs(old) == paragraphs(new)


def _paragraph_text(kind, text):
    if kind == "item":
        return f"• {text}"
    if kind == "image":
        return _("[Image: %(description)s]") % {"description": text}
    return text


def _paragraph(kind, content):
    return format_html('<p class="diff-paragraph diff-{}">{}</p>', kind, content)


def _html_difference(field, old_html, new_html):
    old, new = paragraphs(old_html), paragraphs(new_html)
    if old == new:
        return []
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            # Unchanged paragraphs around and between the changes: a mark, not their text.
            parts.append(format_html('<p class="diff-paragraph diff-gap">{}</p>', "…"))
            continue
        removed, added = old[i1:i2], new[j1:j2]
        for index in range(max(len(removed), len(added))):
            before = removed[index] if index < len(removed) else None
            after = added[index] if index < len(added) else None
            if before and after and before[0] == after[0]:
                parts.append(_paragraph(after[0], inline_diff(_paragraph_text(*before), _paragraph_text(*after))))
                continue
            if before:
                parts.append(_paragraph(before[0], _del(_paragraph_text(*before))))
            if after:
                parts.append(_paragraph(after[0], _ins(_paragraph_text(*after))))
    old_text = "\n".join(_paragraph_text(*paragraph) for paragraph in old)
    new_text = "\n".join(_paragraph_text(*paragraph) for paragraph in new)
    label = str(capfirst(field.verbose_name))
    return [Difference(field.name, label, old_text, new_text, mark_safe("".join(parts)))]


# --- rows (a park's figures) --------------------------------------------------------------------


def _ordering_fields(child_model):
    return {name.lstrip("-") for name in child_model._meta.ordering} - {"pk"}


def _without_ordering(child_model, rows):
    """The rows in their order, without the fields that only number that order."""
    ordering = _ordering_fields(child_model)
    return [{name: value for name, value in row.items() if name not in ordering} for row in rows]


def row_line(child_model, key, values, names=None):
    """A row of a snapshot as one readable line: the row's own ``__str__`` ("营业收入: 326亿元 (2023)")."""
    row = child_model()
    for field in snapshots.child_fields(child_model, key):
        if field.name in values:
            value = snapshots.from_plain(field, values[field.name])
            setattr(row, field.attname if field.is_relation else field.name, value)
    try:
        return str(row)
    except Exception:  # a row whose __str__ needs what a snapshot does not hold
        return "; ".join(
            display(field, values.get(field.name), names) for field in snapshots.child_fields(child_model, key)
        )


def _row_identity(child_model, key):
    """The fields that name a row within its item (its unique constraint), else all of them."""
    for constraint in child_model._meta.constraints:
        fields = list(getattr(constraint, "fields", ()))
        if isinstance(constraint, models.UniqueConstraint) and key.name in fields:
            return [name for name in fields if name != key.name]
    return None


def _rows_difference(model, name, before, after, names):
    relation = model._meta.get_field(name)
    child_model, key = relation.related_model, relation.field
    fields = snapshots.child_fields(child_model, key)
    ordering = _ordering_fields(child_model)
    identity = _row_identity(child_model, key)

    def ident(row):
        if identity is None:
            return tuple(sorted((k, str(v)) for k, v in row.items() if k not in ordering))
        return tuple(str(row.get(field)) for field in identity)

    old_rows = {ident(row): row for row in before}
    new_rows = {ident(row): row for row in after}
    items = []
    for row in after:
        if ident(row) not in old_rows:
            items.append(format_html('<li class="diff-added">{}</li>', _ins(row_line(child_model, key, row, names))))
            continue
        previous = old_rows[ident(row)]
        changed = [
            field
            for field in fields
            if field.name not in ordering and _plain(previous.get(field.name)) != _plain(row.get(field.name))
        ]
        if not changed:
            continue
        details = format_html_join(
            "",
            "<li>{}: {}</li>",
            (
                (
                    capfirst(field.verbose_name),
                    format_html_join(
                        " ",
                        "{}",
                        [
                            (part,)
                            for part in (
                                _del(display(field, previous.get(field.name), names)),
                                _ins(display(field, row.get(field.name), names)),
                            )
                            if part
                        ],
                    ),
                )
                for field in changed
            ),
        )
        items.append(
            format_html(
                '<li class="diff-changed">{}<ul class="diff-details">{}</ul></li>',
                row_line(child_model, key, row, names),
                details,
            )
        )
    for row in before:
        if ident(row) not in new_rows:
            items.append(format_html('<li class="diff-removed">{}</li>', _del(row_line(child_model, key, row, names))))
    kept_before = [ident(row) for row in before if ident(row) in new_rows]
    kept_after = [ident(row) for row in after if ident(row) in old_rows]
    if kept_before != kept_after:
        items.append(format_html('<li class="diff-order">{}</li>', _("The order changed.")))
    label = str(capfirst(child_model._meta.verbose_name_plural))
    old_text = "\n".join(row_line(child_model, key, row, names) for row in before)
    new_text = "\n".join(row_line(child_model, key, row, names) for row in after)
    return Difference(
        name, label, old_text, new_text, format_html('<ul class="diff-rows">{}</ul>', mark_safe("".join(items)))
    )


def linked_name(model, pk):
    """The name of the item of ``model`` with key ``pk``: its current name, or its last known one if deleted."""
    return _LinkedNames().name(model, pk)


# --- names of linked items -------------------------------------------------------------------------


class _LinkedNames:
    """Names of linked items, looked up once per kind: the current name, else the last one a version kept."""

    def __init__(self):
        self.wanted, self.names = {}, {}

    def want(self, model, pks):
        self.wanted.setdefault(model, set()).update(pk for pk in pks if pk is not None)

    def name(self, model, pk):
        if (model, pk) not in self.names:
            self._look_up(model, self.wanted.pop(model, set()) | {pk})
        return self.names[model, pk]

    def _look_up(self, model, pks):
        found = model._default_manager.in_bulk(list(pks))
        for pk in pks:
            if pk in found:
                self.names[model, pk] = str(found[pk])
        gone = [pk for pk in pks if pk not in found]
        if not gone:
            return
        last = {}
        for object_id, name in (
            Version.objects.filter(
                content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in gone]
            )
            .order_by("pk")
            .values_list("object_id", "object_repr")
        ):
            last[object_id] = name
        for pk in gone:
            if str(pk) in last:
                self.names[model, pk] = _("%(name)s (deleted)") % {"name": last[str(pk)]}
            else:
                self.names[model, pk] = _("deleted item #%(id)s") % {"id": pk}
