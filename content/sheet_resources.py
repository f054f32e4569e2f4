"""What every spreadsheet import of content shares: natural keys, the admin forms' rules, errors by column.

A resource (django-import-export) maps one kind of content to columns. The
ones here make an import behave like the admin forms, row by row:

- Cells are read by widgets that say in words what is wrong with a value
  ("no park has the slug …"), and every error is reported under its column,
  with the spreadsheet's row number; a row with an error is never half saved,
  and a file with any error imports nothing (the preview says what to fix).
- Related items are named by slug (their natural key), tags by name; the
  model's ``full_clean()`` (its ``clean()`` included) runs on every row.
- HTML goes through the sanitizer's ``report()``: a cell that would lose
  something is an error, not silently cut.
- A cell holding a formula is an error (see ``content.spreadsheets``).
- A row that would change nothing is reported as unchanged and not saved, so
  a round trip changes exactly the cells that were edited.
- Editors import drafts: for a user without the publish permission the
  status and publication time columns are read-only, as in the change form.
  New items arrive as drafts, existing ones keep their state, and a row that
  asked for another state says so in the preview ("notes").
"""

from decimal import Decimal, InvalidOperation

from diff_match_patch import diff_match_patch
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import override
from import_export import fields, resources, results, widgets
from import_export.instance_loaders import CachedInstanceLoader
from taggit.managers import TaggableManager

from content.models import Status
from content.sanitizer import report
from content.spreadsheets import Formula, SheetProblem
from content.tagging import parse_tags, tag_problem

_TAG_QUOTE_NEEDED = set(" ,，、；;")


def _shown(value):
    return str(value)[:80]


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value)


class HtmlWidget(TextWidget):
    """Rich text, through the sanitizer: refused with its report when something would be removed."""

    def clean(self, value, row=None, **kwargs):
        result = report(super().clean(value))
        if result.changed_meaning:
            raise ValueError(result.message())
        return result.clean


class ChoiceWidget(widgets.Widget):
    """A choice, exported as its stored value; the import also takes its label in Chinese or English."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        value = "" if value is None else str(value).strip()
        if not value:
            return ""  # the model says whether the field may be empty
        for stored, label in self.choices:
            names = {str(stored).casefold()}
            for language in ("zh-hans", "en"):
                with override(language):
                    names.add(str(label).casefold())
            if value.casefold() in names:
                return stored
        allowed = ", ".join(str(stored) for stored, _label in self.choices if stored)
        raise ValueError(_("“%(value)s” is not one of: %(allowed)s.") % {"value": _shown(value), "allowed": allowed})

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DecimalWidget(widgets.Widget):
    """A number. In a workbook it is a number cell when a spreadsheet keeps it exactly, else text."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            number = Decimal(str(value).replace(",", "").strip())
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a number.") % {"value": _shown(value)}) from None
        if not number.is_finite():
            raise ValueError(_("“%(value)s” is not a number.") % {"value": _shown(value)})
        return number

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if kwargs.get("force_native_type") and Decimal(repr(float(value))) == value:
            return float(value)
        return format(value.normalize(), "f")


class IntegerWidget(DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        number = super().clean(value)
        if number is None:
            return None
        if number != number.to_integral_value() or abs(number) > 10**9:
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": _shown(value)})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class PublicationTimeWidget(widgets.DateTimeWidget):
    """Beijing time to the second (what an editor sees); an empty cell keeps the time there is."""

    def __init__(self):
        super().__init__(format="%Y-%m-%d %H:%M:%S")
        self.formats = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
                        "%Y/%m/%d")  # fmt: skip

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value.strip() if isinstance(value, str) else value)
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a time; write it as 2024-05-01 09:30.") % {"value": _shown(value)}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return super().render(value.replace(microsecond=0) if value else value, **kwargs)


class SlugWidget(widgets.ForeignKeyWidget):
    """A related item named by its slug."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)
        self.found = {}

    def clean(self, value, row=None, **kwargs):
        slug = "" if value is None else str(value).strip()
        if not slug:
            return None
        # Found items are kept for the rest of the file (the widget is copied for each import); one not
        # found is looked for again, since a later row may be about an item that an earlier one created.
        found = self.found.get(slug) or self.model._default_manager.filter(slug=slug).first()
        self.found[slug] = found
        if found is None:
            raise ValueError(
                _("No %(kind)s has the slug “%(slug)s” (a new one must come in an earlier row, or exist already).")
                % {"kind": self.model._meta.verbose_name, "slug": _shown(slug)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return value.slug if value is not None else ""


class SlugsWidget(widgets.ManyToManyWidget):
    """Several related items named by slug, separated by commas."""

    def __init__(self, model, **kwargs):
        super().__init__(model, separator=", ", field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        slugs = list(dict.fromkeys(s.strip() for s in str(value or "").replace("，", ",").split(",") if s.strip()))
        found = {item.slug: item for item in self.model._default_manager.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise ValueError(
                _("No %(kind)s has the slug %(slugs)s.")
                % {"kind": self.model._meta.verbose_name, "slugs": ", ".join(f"“{_shown(s)}”" for s in missing)}
            )
        return [found[slug] for slug in slugs]

    def keys(self, items):
        return sorted(item.pk for item in items)

    def render(self, value, obj=None, **kwargs):
        return self.separator.join(sorted(item.slug for item in value.all())) if value is not None else ""


class TagsWidget(widgets.ManyToManyWidget):
    """Tags by name, as the tag field takes them: comma or Chinese separators, quotes around a name that has one."""

    def __init__(self, **kwargs):
        from taggit.models import Tag

        super().__init__(Tag, separator=", ", field="name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        names = parse_tags(str(value or ""))
        problems = [problem for problem in map(tag_problem, names) if problem is not None]
        if problems:
            raise ValueError(" ".join(message for problem in problems for message in problem.messages))
        return names

    def keys(self, names):
        return sorted({str(name).casefold() for name in names})

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        names = sorted(tag.name for tag in value.all())
        return self.separator.join(f'"{name}"' if _TAG_QUOTE_NEEDED & set(name) else name for name in names)


class RelationField(fields.Field):
    """A many-to-many column; its value is compared by what it names, not by manager identity."""

    def current_keys(self, instance):
        if instance.pk is None:
            return self.widget.keys([])
        related = self.get_value(instance)
        items = [tag.name for tag in related.all()] if isinstance(self.widget, TagsWidget) else related.all()
        return self.widget.keys(items)


class SheetRowResult(results.RowResult):
    def __init__(self):
        super().__init__()
        self.notes = []
        self.number = None


class SheetDiff(resources.Diff):
    """The preview's cells: the new value, with what changed marked by <ins> and <del> (no inline style: CSP)."""

    def __init__(self, resource, instance, new):
        # The values before the import are read from the instance as loaded, not from the deep copy
        # import-export hands over: a deep copy drops the relations fetched for the whole file, and
        # reading them again would cost a query per row.
        super().__init__(resource, resource.loaded_instance or instance, new)

    def as_html(self):
        cells = []
        for old, new in zip(self.left, self.right, strict=False):
            old, new = str(old), str(new)
            if self.new or old == new:
                cells.append(DiffCell(escape(new), changed=self.new and bool(new)))
                continue
            ops = diff_match_patch().diff_main(old, new)
            diff_match_patch().diff_cleanupSemantic(ops)
            tags = {-1: "del", 1: "ins"}
            html = "".join(
                f"<{tags[op]}>{escape(text)}</{tags[op]}>" if op in tags else escape(text) for op, text in ops
            )
            cells.append(DiffCell(html, changed=True))
        return cells


class DiffCell:
    def __init__(self, html, changed):
        self.html = mark_safe(html)
        self.changed = changed

    def __str__(self):
        return self.html


class SheetResource(resources.ModelResource):
    """Columns by name, errors by column, unchanged rows left alone."""

    # The columns a file must have (besides knowing no others).
    required_columns = ()
    # For the export: what each row shows of its relations, fetched once for the whole file.
    export_select_related = ()
    export_prefetch_related = ()

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        store_instance = True

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        """Every model field gets a widget that reads what an editor types and says what is wrong with it."""
        field_class = fields.Field
        if isinstance(django_field, TaggableManager):
            widget, field_class = TagsWidget(), RelationField
        elif django_field.many_to_many:
            widget, field_class = SlugsWidget(django_field.related_model), RelationField
        elif django_field.many_to_one:
            widget = SlugWidget(django_field.related_model)
        elif django_field.choices:
            widget = ChoiceWidget(django_field.choices)
        elif isinstance(django_field, models.DecimalField):
            widget = DecimalWidget()
        elif isinstance(django_field, models.IntegerField):
            widget = IntegerWidget()
        elif field_name in getattr(django_field.model, "html_fields", ()):
            widget = HtmlWidget()
        else:
            widget = TextWidget()
        return field_class(attribute=field_name, column_name=field_name, widget=widget, readonly=readonly)

    def __init__(self, **kwargs):
        super().__init__()
        self._seen_keys = {}
        self._row_numbers = None
        self.loaded_instance = None

    @classmethod
    def get_row_result_class(cls):
        return SheetRowResult

    @classmethod
    def get_diff_class(cls):
        return SheetDiff

    # --- columns -----------------------------------------------------------

    def column_label(self, column):
        field = next((field for field in self.fields.values() if field.column_name == column), None)
        try:
            return capfirst(self._meta.model._meta.get_field(field.attribute).verbose_name)
        except (AttributeError, FieldDoesNotExist):
            return ""

    def columns(self):
        """(column, label) for the import page's list of columns."""
        return [(field.column_name, self.column_label(field.column_name)) for field in self.get_import_fields()]

    def before_import(self, dataset, **kwargs):
        headers = list(dataset.headers or [])
        known = [field.column_name for field in self.get_import_fields()]
        missing = [column for column in self.required_columns if column not in headers]
        if missing:
            raise SheetProblem(
                _("The file has no column %(columns)s. The first row must name the columns, as an export does.")
                % {"columns": ", ".join(f"“{c}”" for c in missing)}
            )
        unknown = [column for column in headers if column not in known]
        if unknown:
            raise SheetProblem(
                _("The file has columns this import does not know: %(unknown)s. The known columns are: %(known)s.")
                % {"unknown": ", ".join(f"“{c}”" for c in unknown), "known": ", ".join(known)}
            )
        self._row_numbers = getattr(dataset, "row_numbers", None)

    def sheet_row(self, index):
        return self._row_numbers[index - 1] if self._row_numbers else index + 1

    def after_import(self, dataset, result, **kwargs):
        """Give the preview what it shows: errors by row and column, new and changed rows, unchanged ones."""
        super().after_import(dataset, result, **kwargs)
        result.source_encoding = getattr(dataset, "source_encoding", None)
        errors = []
        for invalid in result.invalid_rows:
            invalid.number = self.sheet_row(invalid.number)
            for column, messages in invalid.error_dict.items():
                shown = "" if column == NON_FIELD_ERRORS else column
                label = self.column_label(column) if shown else ""
                errors.extend((invalid.number, shown, label, message) for message in messages)
        for row_result in result.rows:
            for error in row_result.errors:
                errors.append((self.sheet_row(error.number), "", "", str(error.error)))
        result.sheet_errors = sorted(errors, key=lambda error: error[0])
        result.sheet_changes = [row for row in result.rows if row.import_type in ("new", "update")]
        result.sheet_unchanged = [row for row in result.rows if row.import_type == "skip"]

    # --- reading a row -------------------------------------------------------

    def get_or_init_instance(self, instance_loader, row):
        instance, new = super().get_or_init_instance(instance_loader, row)
        self.loaded_instance = instance
        return instance, new

    def get_instance(self, instance_loader, row):
        # A key that cannot be read (a figure's unknown park) is reported under its column by import_instance.
        try:
            return super().get_instance(instance_loader, row)
        except (ValueError, ArithmeticError, ValidationError):
            return None

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        for field in self.get_import_fields():
            column = field.column_name
            if column not in row or field.readonly:
                continue
            if isinstance(row[column], Formula):
                errors[column] = ValidationError(
                    _(
                        "This cell holds a formula (%(formula)s), which a spreadsheet would run. "
                        "Type the value itself; in a CSV file, start text that begins with =, +, - or @ with an apostrophe (')."
                    )
                    % {"formula": _shown(row[column])}
                )
                continue
            try:
                if isinstance(field.widget, widgets.ManyToManyWidget):
                    field.clean(row)  # saved after the instance, by save_m2m
                else:
                    self.import_field(field, instance, row, **kwargs)
            except (ValueError, ArithmeticError) as error:
                errors[column] = ValidationError(str(error))
            except ValidationError as error:
                errors[column] = error
        key = self.row_key(row)
        if key is not None:
            first = self._seen_keys.setdefault(key, kwargs.get("row_number"))
            if first != kwargs.get("row_number"):
                errors.setdefault(
                    NON_FIELD_ERRORS,
                    ValidationError(_("This item is already in row %(row)s.") % {"row": self.sheet_row(first)}),
                )
        if errors:
            raise ValidationError(errors)

    def row_key(self, row):
        values = tuple(str(row.get(self.fields[name].column_name, "")).strip() for name in self.get_import_id_fields())
        return values if any(values) else None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=[k for k in errors if k != NON_FIELD_ERRORS], validate_unique=validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or original is None or original.pk is None:
            return False
        for field in self.get_import_fields():
            if field.column_name not in row or field.readonly:
                continue
            if isinstance(field, RelationField):
                # ``instance`` still has its relations as loaded: they are saved after this.
                if field.widget.keys(field.clean(row)) != field.current_keys(instance):
                    return False
            elif field.get_value(instance) != field.get_value(original):
                return False
        return True

    def after_import_row(self, row, row_result, **kwargs):
        row_result.number = self.sheet_row(kwargs["row_number"])

    # --- export --------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(*self.export_select_related).prefetch_related(*self.export_prefetch_related)

    def iter_queryset(self, queryset):
        # The whole file at once, so each relation is fetched in one query, whatever the number of rows.
        yield from queryset


class PublishableResource(SheetResource):
    """Parks, enterprises, articles: slug as the import id, and the publication rules of the change form."""

    required_columns = ("slug",)
    slug = fields.Field(attribute="slug", column_name="slug", widget=TextWidget())
    status = fields.Field(attribute="status", column_name="status", widget=ChoiceWidget(Status.choices))
    published_at = fields.Field(
        attribute="published_at", column_name="published_at", widget=PublicationTimeWidget(), saves_null_values=False
    )

    class Meta(SheetResource.Meta):
        import_id_fields = ["slug"]
        instance_loader_class = CachedInstanceLoader

    def __init__(self, can_publish=False, **kwargs):
        super().__init__(**kwargs)
        self.can_publish = can_publish
        if not can_publish:
            self.fields["status"].readonly = True
            self.fields["published_at"].readonly = True

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "published_at" and instance.pk:
            # Times are written to the second: the same second is the same time.
            cleaned = field.clean(row)
            if cleaned is not None and instance.published_at.replace(microsecond=0) == cleaned:
                return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """An editor's change of published content goes through the change form, where a publisher reviews it
        (content/pending.py): a file cannot make it live. Unchanged rows are skipped before this is asked."""
        errors = dict(import_validation_errors or {})
        if not self.can_publish and instance.pk:
            stored = type(instance)._default_manager.filter(pk=instance.pk).values_list("status", flat=True).first()
            if stored == Status.PUBLISHED:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    _(
                        "“%(item)s” is published: an editor's changes to it wait for a publisher's review, so make "
                        "them in its form, or ask a publisher to import this row."
                    )
                    % {"item": instance}
                )
        super().validate_instance(instance, errors, validate_unique)

    def before_save_instance(self, instance, row, **kwargs):
        instance.last_edited_by = kwargs.get("user")

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        asked = str(row.get("status") or "").strip()
        if self.can_publish or not asked or row_result.instance is None:
            return
        try:
            asked = self.fields["status"].widget.clean(asked)
        except ValueError:
            return
        if asked != row_result.instance.status:
            row_result.notes.append(
                _("The file asks for “%(asked)s”; it stays “%(state)s”: only a publisher can publish or unpublish.")
                % {"asked": Status(asked).label, "state": Status(row_result.instance.status).label}
            )
