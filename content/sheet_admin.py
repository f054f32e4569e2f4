"""Spreadsheet import and export in the admin (django-import-export), for any ``PublishableAdmin``.

How it behaves, for staff (README, "Spreadsheets", says the same in short):

- Export: XLSX or CSV of what the list shows (its filters and search apply),
  one row per item, columns named as the fields are, related items by slug.
- Import: upload a file, see a preview (new, changed, unchanged rows, and
  every error with its row and column) and confirm. Nothing is written until
  the confirmation, and nothing at all when the file or any row has an error:
  the whole import runs in one transaction that is rolled back on the first
  problem, at the preview and again at the confirmation (when someone else
  may have changed something in between).
- Permissions: importing needs the add and change permissions, exporting
  the view permission; publishing through a file needs the publish
  permission, as in the change form (see ``content.sheet_resources``).
- The file waits between the preview and the confirmation in the cache
  (Redis in production), so any app server can take the confirmation.
- The pages use only the site's own scripts and style sheets: no inline
  script or style, as the Content-Security-Policy requires.
"""

import json
from collections import defaultdict

from django import forms
from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm, ImportForm
from import_export.results import RowResult
from import_export.tmp_storages import CacheStorage

from content import history
from content.spreadsheets import FORMATS, SheetProblem, max_bytes, max_rows

RESOURCE_LABEL = gettext_lazy("What the file holds")


class SheetExportForm(ExportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].label = RESOURCE_LABEL


class SheetImportForm(ImportForm):
    """The upload form: a file over the size limit is refused before it is read."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].label = RESOURCE_LABEL
        self.fields["import_file"].help_text = gettext_lazy(
            "An Excel workbook (XLSX) or a CSV file (UTF-8 or GBK) of at most %(size)s and %(rows)s rows, "
            "with the columns of an export. Nothing is saved before you confirm the preview."
        ) % {"size": filesizeformat(max_bytes()), "rows": max_rows()}

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("The file is %(size)s; the import takes files of at most %(limit)s. Split it into smaller files.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())}
            )
        return upload


class SpreadsheetAdminMixin(ImportExportMixin):
    """Import and export buttons on a content list; put it before ``PublishableAdmin`` in the bases."""

    formats = FORMATS
    import_form_class = SheetImportForm
    export_form_class = SheetExportForm
    import_template_name = "admin/content/sheet_import.html"
    export_template_name = "admin/content/sheet_export.html"
    tmp_storage_class = CacheStorage

    # --- permissions ---------------------------------------------------------

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"can_publish": self.has_publish_permission(request)}

    # --- import --------------------------------------------------------------

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs.pop("request", None)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def get_import_context_data(self, **kwargs):
        resources = [resource() for resource in self.get_import_resource_classes(None)]
        return {"sheet_columns": [(resource.get_display_name(), resource.columns()) for resource in resources]}

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, SheetProblem):
            form.add_error("import_file", e.message)
        else:
            form.add_error("import_file", _("This file could not be read. Check that the format chosen is the file's."))

    def process_import(self, request, **kwargs):
        """The confirmation: the same import as the preview, written only if it still has no error."""
        if request.method != "POST":
            return HttpResponseRedirect(self.import_url())
        if not self.has_import_permission(request):
            raise PermissionDenied
        confirm_form = self.create_confirm_form(request)
        if not confirm_form.is_valid():
            return HttpResponseRedirect(self.import_url())
        try:
            input_format = self.get_import_formats()[int(confirm_form.cleaned_data["format"])]()
        except (ValueError, IndexError):  # a tampered form
            return HttpResponseRedirect(self.import_url())
        tmp_storage = self.get_tmp_storage_class()(
            name=confirm_form.cleaned_data["import_file_name"], read_mode=input_format.get_read_mode()
        )
        try:
            dataset = input_format.create_dataset(tmp_storage.read())
        except SheetProblem as problem:
            messages.error(request, problem.message)
            return HttpResponseRedirect(self.import_url())
        # One version of each item the file changed, with who imported it and from which file.
        file_name = confirm_form.cleaned_data.get("original_file_name") or ""
        with history.recording(request.user, history.comment(history.SPREADSHEET, file=file_name)):
            result = self.process_dataset(dataset, confirm_form, request, **kwargs)
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)  # nothing was written: no version either
            else:
                written = (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)
                history.add(*[row.instance for row in result.rows if row.import_type in written and row.instance])
        if result.has_errors() or result.has_validation_errors():
            context = self.get_import_context_data()
            context.update(self.admin_site.each_context(request))
            context.update(
                {
                    "title": _("Import"),
                    "opts": self.model._meta,
                    "result": result,
                    "changed_since_preview": True,
                }
            )
            request.current_app = self.admin_site.name
            return TemplateResponse(request, [self.import_template_name], context)
        tmp_storage.remove()
        return self.process_result(result, request)

    def import_url(self):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import", current_app=self.admin_site.name)

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            _("Import finished: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.")
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "changed": totals[RowResult.IMPORT_TYPE_UPDATE],
                "unchanged": totals[RowResult.IMPORT_TYPE_SKIP],
            },
        )

    def _log_actions(self, result, request):
        """History entries worded as the change form's (JSON, field labels untranslated), so the history
        page shows them in the reader's language: "Added." or "Changed Summary and Tags.".

        Replaces django-import-export's own (its hook with Django 5.1 and later), which stores
        "update through import_export" in the language of the import.
        """
        groups = defaultdict(list)
        for row in result.rows:
            if row.import_type == RowResult.IMPORT_TYPE_NEW:
                groups[ADDITION, json.dumps([{"added": {}}])].append(row.instance)
            elif row.import_type == RowResult.IMPORT_TYPE_UPDATE:
                fields = self.changed_labels(row, result.diff_headers)
                groups[CHANGE, json.dumps([{"changed": {"fields": fields}}])].append(row.instance)
        for (action_flag, message), instances in groups.items():
            LogEntry.objects.log_actions(
                request.user.pk, instances, action_flag, message, single_object=len(instances) == 1
            )

    def changed_labels(self, row, headers):
        model = type(row.instance)._meta
        with override(None):
            labels = []
            for header, cell in zip(headers, row.diff or (), strict=False):
                if getattr(cell, "changed", False):
                    try:
                        labels.append(str(capfirst(model.get_field(header).verbose_name)))
                    except FieldDoesNotExist:
                        labels.append(header)
        return labels

    # --- export --------------------------------------------------------------

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(
            request, queryset, force_native_type=getattr(file_format, "native_types", False), **kwargs
        )
        return file_format.export_data(data)
