from decimal import Decimal

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from content.admin import MissingEnglishFilter, PendingChangeFilter, PublicStateFilter, PublishableAdmin
from content.sheet_admin import SpreadsheetAdminMixin
from parks.models import Enterprise, EnterpriseFigure, Park, ParkFigure, Project, Qualification
from parks.resources import EnterpriseFigureResource, EnterpriseResource, ParkFigureResource, ParkResource


class PlainDecimalInput(forms.NumberInput):
    """A number as the editor typed it: 326, not the column's 326.0000."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f")
        return super().format_value(value)


class FigureForm(forms.ModelForm):
    class Meta:
        widgets = {
            "value": PlainDecimalInput,
            # Numbered by the figures' order on the page (parks/static/parks/admin_figures.js), never typed.
            "position": forms.HiddenInput(attrs={"class": "figure-position"}),
        }


class FigureInline(admin.StackedInline):
    """Figures stacked, a few short fields to a line, so that the form fits a laptop (a table of nine columns
    made the park form 2,007 px wide); moved up and down with buttons instead of typed position numbers."""

    form = FigureForm
    extra = 0
    classes = ["figures"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("label", "label_en"),
                    ("qualifier", "value", "unit", "unit_en", "year"),
                    ("source_article", "order", "position"),
                ]
            },
        )
    ]
    readonly_fields = ["order"]
    autocomplete_fields = ["source_article"]

    class Media:
        js = ["parks/admin_figures.js"]

    @admin.display(description=_("order"))
    def order(self, obj):
        return format_html(
            '<button type="button" class="button figure-up">↑ {}</button> '
            '<button type="button" class="button figure-down">↓ {}</button>',
            _("Move up"),
            _("Move down"),
        )


class ParkFigureInline(FigureInline):
    model = ParkFigure


class EnterpriseFigureInline(FigureInline):
    model = EnterpriseFigure


class EssentialsFilter(admin.SimpleListFilter):
    """Lets staff find the parks whose page still lacks what an investor looks for first."""

    title = _("essentials")
    parameter_name = "essentials"
    # What each choice checks: a park misses it when the condition holds.
    MISSING = {
        "address": Q(address=""),
        "area": Q(land_area_km2__isnull=True, floor_area_m2__isnull=True, total_area_m2__isnull=True),
        "contact": Q(contact_phone="", contact_email=""),
        "email": Q(contact_email=""),
        "website": Q(website=""),
        "coordinates": Q(latitude__isnull=True) | Q(longitude__isnull=True),
    }

    def lookups(self, request, model_admin):
        return [
            ("complete", _("Complete")),
            ("address", _("Missing address")),
            ("area", _("Missing area")),
            ("contact", _("Missing contact (no telephone, no e-mail)")),
            ("email", _("Missing e-mail (inquiries go to the bureau)")),
            ("website", _("Missing website")),
            ("coordinates", _("Missing coordinates")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "complete":
            for missing in self.MISSING.values():
                queryset = queryset.exclude(missing)
            return queryset
        if self.value() in self.MISSING:
            return queryset.filter(self.MISSING[self.value()])
        return queryset


@admin.register(Park)
class ParkAdmin(SpreadsheetAdminMixin, PublishableAdmin):
    resource_classes = [ParkResource, ParkFigureResource]
    image_field = "image"
    public_links = ("parent", "operator")
    inlines = [ParkFigureInline]
    list_display = ["name", "thumbnail", "kind_and_place", "publication", "last_change"]
    list_filter = [
        PublicStateFilter,
        PendingChangeFilter,
        MissingEnglishFilter,
        EssentialsFilter,
        "featured",
        "kind",
        "level",
        "district",
        "tags",
    ]
    list_select_related = ["last_edited_by"]
    search_fields = ["name", "name_en", "aliases", "slug"]
    autocomplete_fields = ["parent", "operator", "area_source"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "name_en",
                    "aliases",
                    "slug",
                    "kind",
                    "level",
                    "district",
                    "parent",
                    "operator",
                    "featured",
                ]
            },
        ),
        (_("Description"), {"fields": ["summary", "summary_en", "description", "tags"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (
            _("Place and size"),
            {
                "fields": [
                    "address",
                    ("latitude", "longitude"),
                    ("land_area_km2", "floor_area_m2", "total_area_m2"),
                    "area_source",
                    ("established_year", "established_month"),
                ]
            },
        ),
        (_("Contact"), {"fields": ["website", ("contact_phone", "contact_email")]}),
        PublishableAdmin.publication_fieldset,
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # 123456 and 2.5, as typed, not the columns' 123456.0 and 2.500, as the figures and a project's amount.
        if db_field.name in ("land_area_km2", "floor_area_m2", "total_area_m2"):
            kwargs["widget"] = PlainDecimalInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # Kind, level and district in one column, one per line: three columns left the name a sixth of the table.
    @admin.display(description=_("kind, level, district"), ordering="kind")
    def kind_and_place(self, obj):
        parts = [obj.get_kind_display(), obj.get_level_display(), obj.get_district_display()]
        return format_html_join(mark_safe("<br>"), "{}", ((part,) for part in parts if part))


@admin.register(Enterprise)
class EnterpriseAdmin(SpreadsheetAdminMixin, PublishableAdmin):
    resource_classes = [EnterpriseResource, EnterpriseFigureResource]
    image_field = "logo"
    public_links = ("parks", "investors")
    inlines = [EnterpriseFigureInline]
    list_display = ["display_name", "thumbnail", "stock_code", "publication", "last_change"]
    list_filter = [
        PublicStateFilter,
        PendingChangeFilter,
        MissingEnglishFilter,
        "featured",
        "qualifications",
        "exchange",
        "parks",
        "tags",
    ]
    list_select_related = ["last_edited_by"]
    search_fields = ["name", "short_name", "name_en", "aliases", "stock_code", "slug"]
    autocomplete_fields = ["parks", "investors"]
    filter_horizontal = ["qualifications"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "short_name",
                    "name_en",
                    "aliases",
                    "slug",
                    "parks",
                    "investors",
                    "qualifications",
                    "featured",
                ]
            },
        ),
        (
            _("Market"),
            {"fields": [("stock_code", "exchange"), ("founded_year", "founded_month"), "headquarters", "website"]},
        ),
        (_("Description"), {"fields": ["summary", "summary_en", "description", "tags"]}),
        (_("Logo"), {"fields": ["logo"]}),
        PublishableAdmin.publication_fieldset,
    ]

    # The model property has no translatable column label and cannot be sorted on: the column sorts by the
    # pinyin of the name it shows, as the public list does. The full legal name, when it differs, goes under
    # the short one rather than in a column of its own (the list fits at 1280 px).
    @admin.display(description=_("name"), ordering="sort_name")
    def display_name(self, obj):
        if obj.display_name == obj.name:
            return obj.name
        return format_html('{}<br><span class="full-name">{}</span>', obj.display_name, obj.name)


@admin.register(Project)
class ProjectAdmin(PublishableAdmin):
    public_links = ("park", "enterprise")
    list_display = ["title", "stage_and_park", "publication", "last_change"]
    # Only the parks that have projects: a handful, not every park of the site.
    list_filter = [
        PublicStateFilter,
        PendingChangeFilter,
        MissingEnglishFilter,
        "stage",
        ("park", admin.RelatedOnlyFieldListFilter),
        "tags",
    ]
    list_select_related = ["last_edited_by", "park"]
    search_fields = ["title", "title_en", "slug"]
    autocomplete_fields = ["park", "enterprise", "source_article"]
    fieldsets = [
        (None, {"fields": ["title", "title_en", "slug", "stage", "park", "enterprise"]}),
        (
            _("Investment"),
            {"fields": [("amount_qualifier", "amount", "amount_unit"), ("space", "space_en")]},
        ),
        (_("Contact"), {"fields": [("contact_phone", "contact_email")]}),
        (_("Description"), {"fields": ["summary", "summary_en", "description", "tags", "source_article"]}),
        PublishableAdmin.publication_fieldset,
    ]

    # Status over park in one column, as the park list's kind and place: two columns left the title a quarter
    # of the table at 1280 px, and a long park name pushed the English list wider than the page.
    @admin.display(description=_("status and park"), ordering="stage")
    def stage_and_park(self, obj):
        park = obj.park.name if obj.park else ""
        return format_html('<span class="stage">{}</span><br>{}', obj.get_stage_display(), park)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # 25, not the column's 25.0000, as in the figures' forms.
        if db_field.name == "amount":
            kwargs["widget"] = PlainDecimalInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
