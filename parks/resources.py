"""Parks, enterprises and their figures as spreadsheet rows (django-import-export resources).

Columns are named as the model fields are, in a stable order, so that an
export can be edited and imported again. Every item is named by its slug:
a park's parent and operator, an enterprise's parks and qualifications, and
a figure's park or enterprise. Tags are names separated by ", "; a name that
holds a space or a separator is written in double quotes, as the tag field
takes it. Choices are exported as their stored value (``high_tech_zone``);
the import also takes their label (``高新区``).

Figures have a file of their own (the "figures" choice on the park and
enterprise import and export pages): one row per figure, named by its
owner's slug, label and year (the fixtures' natural key), so a figure is
changed in place and a new label or year adds one. A figure's source
article is named by its slug too.

Importing needs the items a row names to exist already, or to come in an
earlier row of the same file: import parks without operators first, then
enterprises, then parks again with their operators, if both are new.
"""

from django.utils.translation import gettext_lazy as _

from content.sheet_resources import PublishableResource, SheetResource
from parks.models import Enterprise, EnterpriseFigure, Park, ParkFigure


class ParkResource(PublishableResource):
    export_select_related = ("parent", "operator")
    export_prefetch_related = ("tags",)

    class Meta(PublishableResource.Meta):
        model = Park
        name = _("Parks")
        fields = (
            "slug", "name", "name_en", "aliases", "kind", "level", "district", "parent", "operator",
            "address", "latitude", "longitude", "land_area_km2", "floor_area_m2",
            "total_area_m2",
            "established_year", "established_month", "summary", "summary_en", "description", "image_alt",
            "website", "contact_phone", "contact_email", "tags", "status", "published_at",
        )  # fmt: skip

    def get_queryset(self):
        return Park.objects.select_related("parent", "operator").prefetch_related("tags")


class EnterpriseResource(PublishableResource):
    export_prefetch_related = ("tags", "parks", "qualifications")

    class Meta(PublishableResource.Meta):
        model = Enterprise
        name = _("Enterprises")
        fields = (
            "slug", "name", "short_name", "name_en", "aliases", "stock_code", "exchange",
            "founded_year", "founded_month", "headquarters", "parks", "qualifications",
            "summary", "summary_en", "description", "website", "tags", "status", "published_at",
        )  # fmt: skip

    def get_queryset(self):
        return Enterprise.objects.prefetch_related("tags", "parks", "qualifications")


class FigureResource(SheetResource):
    """Figures of the items the list shows, keyed by owner slug, label and year."""

    export_select_related = ("source_article",)

    def export(self, queryset=None, **kwargs):
        # The admin hands over the list's parks or enterprises; the file holds their figures.
        owner = self._meta.model.owner_field
        if queryset is not None and queryset.model is not self._meta.model:
            queryset = self._meta.model.objects.filter(**{f"{owner}__in": queryset.values("pk")})
        if queryset is not None:
            queryset = queryset.select_related(owner).order_by(f"{owner}__slug", "position", "label", "year", "pk")
        return super().export(queryset, **kwargs)


# A figure's columns after its owner's slug: one list for parks and enterprises, so a new field is added once.
FIGURE_COLUMNS = ("label", "year", "label_en", "qualifier", "value", "unit", "unit_en", "source_article", "position")


class ParkFigureResource(FigureResource):
    required_columns = ("park", "label", "year")

    class Meta(SheetResource.Meta):
        model = ParkFigure
        name = _("Park figures")
        import_id_fields = ["park", "label", "year"]
        fields = ("park", *FIGURE_COLUMNS)


class EnterpriseFigureResource(FigureResource):
    required_columns = ("enterprise", "label", "year")

    class Meta(SheetResource.Meta):
        model = EnterpriseFigure
        name = _("Enterprise figures")
        import_id_fields = ["enterprise", "label", "year"]
        fields = ("enterprise", *FIGURE_COLUMNS)
