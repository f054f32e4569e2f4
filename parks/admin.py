from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from content.admin import MissingEnglishFilter, PublicStateFilter, PublishableAdmin
from content.sheet_admin import SpreadsheetAdminMixin
from parks.models import Enterprise, EnterpriseFigure, Park, ParkFigure, Qualification
from parks.resources import EnterpriseFigureResource, EnterpriseResource, ParkFigureResource, ParkResource


class FigureInline(admin.TabularInline):
    extra = 0
    fields = ["label", "label_en", "qualifier", "value", "unit", "year", "source_article", "position"]
    autocomplete_fields = ["source_article"]


class ParkFigureInline(FigureInline):
    model = ParkFigure


class EnterpriseFigureInline(FigureInline):
    model = EnterpriseFigure


@admin.register(Park)
class ParkAdmin(SpreadsheetAdminMixin, PublishableAdmin):
    resource_classes = [ParkResource, ParkFigureResource]
    image_field = "image"
    public_links = ("parent", "operator")
    inlines = [ParkFigureInline]
    list_display = [
        "name",
        "thumbnail",
        "kind",
        "level",
        "district",
        "visibility",
        "published_at",
        "updated_at",
        "last_editor",
    ]
    list_filter = [PublicStateFilter, MissingEnglishFilter, "kind", "level", "district", "tags"]
    list_select_related = ["last_edited_by"]
    search_fields = ["name", "name_en", "aliases", "slug"]
    autocomplete_fields = ["parent", "operator"]
    fieldsets = [
        (None, {"fields": ["name", "name_en", "aliases", "slug", "kind", "level", "district", "parent", "operator"]}),
        (_("Description"), {"fields": ["summary", "summary_en", "description", "tags"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (
            _("Place and size"),
            {
                "fields": [
                    "address",
                    ("latitude", "longitude"),
                    ("land_area_km2", "floor_area_m2"),
                    ("established_year", "established_month"),
                ]
            },
        ),
        (_("Contact"), {"fields": ["website", "contact"]}),
        PublishableAdmin.publication_fieldset,
    ]


@admin.register(Enterprise)
class EnterpriseAdmin(SpreadsheetAdminMixin, PublishableAdmin):
    resource_classes = [EnterpriseResource, EnterpriseFigureResource]
    image_field = "logo"
    public_links = ("parks",)
    inlines = [EnterpriseFigureInline]
    list_display = [
        "display_name",
        "thumbnail",
        "name",
        "stock_code",
        "visibility",
        "published_at",
        "updated_at",
        "last_editor",
    ]
    list_filter = [PublicStateFilter, MissingEnglishFilter, "qualifications", "exchange", "parks", "tags"]
    list_select_related = ["last_edited_by"]
    search_fields = ["name", "short_name", "name_en", "aliases", "stock_code", "slug"]
    autocomplete_fields = ["parks"]
    filter_horizontal = ["qualifications"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "name_en", "aliases", "slug", "parks", "qualifications"]}),
        (
            _("Market"),
            {"fields": [("stock_code", "exchange"), ("founded_year", "founded_month"), "headquarters", "website"]},
        ),
        (_("Description"), {"fields": ["summary", "summary_en", "description", "tags"]}),
        (_("Logo"), {"fields": ["logo"]}),
        PublishableAdmin.publication_fieldset,
    ]

    # The model property has no translatable column label and cannot be sorted on.
    @admin.display(description=_("name"), ordering="short_name")
    def display_name(self, obj):
        return obj.display_name


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
