"""The history of an article, park or enterprise in the admin: its versions, compared and restored.

``HistoryAdminMixin`` (a base of ``PublishableAdmin``) does four things:

- records a version around every save of the change form (with the fields
  that changed, named in the reader's language when shown) and around the
  bulk publish and unpublish actions. A save whose transaction is rolled
  back (an editor's change to a published item kept as a pending change)
  leaves no version: only what went live is one;
- replaces Django's history page by the list of versions: when (Beijing
  time), who, why, two versions to compare and a restore button for each;
- compares two versions (``content.diffs``);
- restores a version after a confirmation that shows what will change and
  names the linked items deleted since, which cannot be linked again. The
  save itself is ``save_snapshot``, which an admin may override (an editor's
  restore kept as a pending change).

Anyone who may see the item sees its history and compares; restoring needs
the permission to change it. The pages use no inline script or style (the
Content-Security-Policy refuses them).
"""

from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import override

from content import diffs, history, snapshots
from content.people import person_name


class HistoryAdminMixin:
    object_history_template = "admin/content/history.html"
    history_compare_template = "admin/content/history_compare.html"
    history_restore_template = "admin/content/history_restore.html"
    # Bulk actions that record a version, with the kind of comment they leave.
    versioned_actions = {"publish": history.PUBLISHED, "unpublish": history.UNPUBLISHED}

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/history/compare/", wrap(self.compare_view), name=f"{prefix}_compare"),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                wrap(self.restore_view),
                name=f"{prefix}_restore",
            ),
            *super().get_urls(),
        ]

    # --- recording ---------------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        with history.recording(request.user):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        history.add(form.instance)  # again, now with its links, tags and rows

    def construct_change_message(self, request, form, formsets, add=False):
        """Django's history entry and the version's comment, both without a rich text that reads the same.

        The editor writes HTML its own way (attribute order, white space):
        a body sent back untouched differs from the stored one as markup only,
        which is no change (``content.diffs.same_html``).
        """
        if not add:
            form.changed_data[:] = [
                name
                for name in form.changed_data
                if not (
                    name in getattr(self.model, "html_fields", ())
                    and diffs.same_html(form.initial.get(name), form.cleaned_data.get(name))
                )
            ]
        message = super().construct_change_message(request, form, formsets, add)
        if add:
            history.set_comment(history.comment(history.ADDED))
        else:
            fields = list(form.changed_data)
            for formset in formsets or ():
                fk = getattr(formset, "fk", None)
                if fk is not None and formset.has_changed():
                    fields.append(fk.remote_field.get_accessor_name())
            history.set_comment(history.comment(history.CHANGED, fields=fields))
        return message

    def response_action(self, request, queryset):
        kind = self.versioned_actions.get(request.POST.get("action", ""))
        if kind is None:
            return super().response_action(request, queryset)
        with history.recording(request.user, history.comment(kind)):
            return super().response_action(request, queryset)

    # --- pages -------------------------------------------------------------------------------

    def _viewable(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("This item does not exist (it may have been deleted)."))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _context(self, request, obj, title, **context):
        request.current_app = self.admin_site.name
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "has_change_permission": self.has_change_permission(request, obj),
            "history_url": self._url("history", obj.pk),
            **context,
        }

    def _url(self, name, *args):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args, current_app=self.admin_site.name
        )

    def _version(self, obj, version_id):
        version = history.versions_of(obj).select_related("revision__user").filter(pk=version_id).first()
        if version is None:
            raise Http404(_("This version is not one of this item's."))
        return version

    def _describe(self, version):
        revision = version.revision
        return {
            "version": version,
            "when": revision.date_created,
            "who": person_name(revision.user) if revision.user else "",
            "what": history.comment_text(revision.comment, self.model),
        }

    def history_view(self, request, object_id, extra_context=None):
        """The versions of the item, newest first, to compare and restore."""
        obj = self._viewable(request, object_id)
        versions = list(history.versions_of(obj).select_related("revision__user"))
        can_restore = self.has_change_permission(request, obj)
        rows = []
        for index, version in enumerate(versions):
            row = self._describe(version)
            row.update(
                newest=index == 0,
                old_checked=index == min(1, len(versions) - 1),
                restore_url=self._url("restore", obj.pk, version.pk) if can_restore else "",
            )
            rows.append(row)
        # Changes made before versions were kept: Django's own entries, older than the first version.
        earlier = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=str(obj.pk)
        ).select_related("user")
        if versions:
            earlier = earlier.filter(action_time__lt=versions[-1].revision.date_created)
        earlier = [
            {"when": entry.action_time, "who": person_name(entry.user), "what": entry.get_change_message()}
            for entry in earlier.order_by("-action_time")[:50]
        ]
        context = self._context(
            request,
            obj,
            _("Change history: %s") % obj,
            rows=rows,
            earlier=earlier,
            compare_url=self._url("compare", obj.pk),
            can_restore=can_restore,
            **(extra_context or {}),
        )
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        """Two versions of the item, ``?old=<version id>&new=<version id>``, and what changed between them."""
        obj = self._viewable(request, object_id)
        try:
            old_id, new_id = int(request.GET["old"]), int(request.GET["new"])
        except (KeyError, ValueError):
            return HttpResponseBadRequest(_("Choose two versions to compare."))
        old, new = self._version(obj, old_id), self._version(obj, new_id)
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        rows = diffs.differences(self.model, history.snapshot_of_version(old), history.snapshot_of_version(new))
        can_restore = self.has_change_permission(request, obj)
        context = self._context(
            request,
            obj,
            _("Compare versions: %s") % obj,
            old=self._describe(old),
            new=self._describe(new),
            rows=rows,
            restore_old_url=self._url("restore", obj.pk, old.pk) if can_restore else "",
        )
        return TemplateResponse(request, self.history_compare_template, context)

    def restore_view(self, request, object_id, version_id):
        """GET: what restoring the version would change; POST: restore it (``save_snapshot``)."""
        obj = self._viewable(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = self._version(obj, version_id)
        snapshot = history.snapshot_of_version(version)
        when = history.local_time(version.revision.date_created)
        # Links to items deleted since: said before, and again after, by name.
        missing = [
            (str(capfirst(label)), model, pk, diffs.linked_name(model, pk))
            for label, model, pk in history.missing_links(self.model, snapshot)
        ]
        if request.method == "POST":
            applied = self.save_snapshot(request, obj, snapshot, history.restored_comment(version))
            if getattr(applied, "pending", False):
                messages.success(
                    request,
                    _(
                        "The version of %(time)s is kept as a pending change: the public page shows it once a "
                        "publisher approves it."
                    )
                    % {"time": when},
                )
            else:
                messages.success(request, _("Restored the version of %(time)s.") % {"time": when})
            left_out = {(str(capfirst(label)), pk) for label, pk in getattr(applied, "missing", ())}
            names = {(label, pk): name for label, _model, pk, name in missing}
            named = [
                _("%(field)s: %(item)s") % {"field": label, "item": names.get((label, pk), f"#{pk}")}
                for label, pk in sorted(left_out, key=str)
            ]
            if named:
                messages.warning(
                    request,
                    _("These linked items no longer exist and were not linked again: %(items)s.")
                    % {"items": history.text_list(named)},
                )
            return HttpResponseRedirect(self._url("history", obj.pk))
        context = self._context(
            request,
            obj,
            _("Restore the version of %(time)s: %(item)s") % {"time": when, "item": obj},
            version=self._describe(version),
            rows=diffs.differences(self.model, snapshots.take(obj), snapshot),
            missing=[_("%(field)s: %(item)s") % {"field": label, "item": name} for label, _model, _pk, name in missing],
        )
        return TemplateResponse(request, self.history_restore_template, context)

    def save_snapshot(self, request, obj, snapshot, comment):
        """Make ``snapshot`` the item's content, live, as a version with ``comment``; return ``snapshots.Applied``.

        An admin where some saves are not live (an editor's change to a
        published item) overrides this.
        """
        with transaction.atomic(), history.recording(request.user, comment):
            before = snapshots.take(obj)
            obj.last_edited_by = request.user
            applied = snapshots.apply(obj, snapshot)
            history.add(obj)
            # Django's own entry, worded as the change form's (labels untranslated, shown translated).
            with override(None):
                labels = [history.field_label(self.model, name) for name in history.changed_names(before, snapshot)]
            self.log_change(request, obj, [{"changed": {"fields": labels}}])
        return applied
