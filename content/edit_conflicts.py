"""No edit lost to a colleague's save.

A change form carries the version of the item it was opened on (its last
save time, in a hidden field). Saving over a newer version, one a colleague
saved in between, is refused: the message names who saved and when, and
lists the fields where their saved text and the text in the form differ.
Everything typed stays in the form, which now carries the newer version, so
the editor can bring the two together by hand and save again.

The version is the ``updated_at`` time, which every save sets, the admin's
bulk actions included: a publish or unpublish from the list also counts as a
newer version. An item with a pending change (content/pending.py) adds the
change's own save time: the admin works it out before the form is shown and
passes it on the request (``edit_token`` and ``edit_saved_by``).
"""

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from content.people import person_name

BASE_FIELD = "_edit_base"


def version_of(obj):
    return obj.updated_at.isoformat() if obj is not None and obj.pk and obj.updated_at else ""


def guarded(form_class, request):
    """``form_class`` refusing a save over a version newer than the one its form was opened on."""

    class GuardedForm(form_class):
        saved_version = None  # set when the save is refused: the version the form must carry from now on

        def clean(self):
            cleaned = super().clean()
            base = request.POST.get(BASE_FIELD) if request.method == "POST" else None
            if not (base and self.instance.pk):
                return cleaned
            saved = type(self.instance)._default_manager.select_related("last_edited_by").get(pk=self.instance.pk)
            current = getattr(request, "edit_token", None) or version_of(saved)
            if current != base:
                self.saved_version = current
                who, when = getattr(request, "edit_saved_by", None) or (saved.last_edited_by, saved.updated_at)
                self.add_error(None, conflict_error(saved, who, when, self, cleaned))
            return cleaned

    return GuardedForm


def conflict_error(saved, user, time, form, cleaned):
    """``saved``: the item as the colleague left it (with their pending change applied, if any)."""
    who = person_name(user) if user else _("someone")
    when = formats.localize(timezone.localtime(time))
    differences = [
        (form.fields[field.name].label, *_excerpts(field.value_from_object(saved), cleaned[field.name]))
        for field in saved._meta.concrete_fields
        if field.name in cleaned
        and field.name in form.fields
        and not _same(field.value_from_object(saved), cleaned[field.name])
    ]
    listing = format_html_join(
        "",
        "<li><strong>{}</strong>: {} <q>{}</q>; {} <q>{}</q></li>",
        ((label, _("saved"), saved_text, _("in this form"), typed) for label, saved_text, typed in differences),
    )
    return ValidationError(
        format_html(
            "{}<ul class='edit-conflict'>{}</ul>",
            capfirst(
                _(
                    "%(who)s saved this item at %(when)s, after you opened it. Your changes are not saved yet and "
                    "everything you typed is still below. Where the two versions differ, bring them together, then "
                    "save again:"
                )
                % {"who": who, "when": when}
            ),
            listing,
        ),
        code="edit_conflict",
    )


def _same(saved, typed):
    if hasattr(typed, "pk"):
        typed = typed.pk
    if hasattr(saved, "name") and not isinstance(saved, str):  # a file field
        saved, typed = saved.name or "", getattr(typed, "name", typed) or ""
    return saved == typed or (saved in (None, "") and typed in (None, ""))


def _text(value):
    if hasattr(value, "pk"):
        value = value.pk
    if hasattr(value, "name") and not isinstance(value, str):
        value = value.name
    return str(value) if value not in (None, "") else "—"


def _excerpts(saved, typed, width=80):
    """The two values as short texts; for long ones, the stretch around where they start to differ."""
    saved, typed = _text(saved), _text(typed)
    if len(saved) <= width and len(typed) <= width:
        return saved, typed
    start = 0
    while start < min(len(saved), len(typed)) and saved[start] == typed[start]:
        start += 1
    start = max(0, start - 20)
    return tuple(("…" if start else "") + Truncator(text[start:]).chars(width) for text in (saved, typed))


def base_for_next_try(request, form, obj):
    """The version the form shown next must carry: the newer one after a conflict, else the one it had."""
    current = getattr(request, "edit_token", None) or version_of(obj)
    if request.method != "POST":
        return current
    return getattr(form, "saved_version", None) or request.POST.get(BASE_FIELD, current)
