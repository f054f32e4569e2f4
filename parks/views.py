from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from content.filters import ChoiceFacet, ForeignKeyFacet, ModelFacet, TagFacet
from content.localize import name_of
from content.views import list_page, published_detail, staff_preview
from parks.models import District, Enterprise, Park, Project, Qualification
from parks.queries import enterprise_cards, park_cards, project_cards, project_page

PAGE_SIZE = 24

PARK_FACETS = (
    ChoiceFacet("district", _("District"), District),
    ChoiceFacet("level", _("Level"), Park.Level),
    ChoiceFacet("kind", _("Kind"), Park.Kind),
    TagFacet("industry", _("Industry"), name_of),
)

ENTERPRISE_FACETS = (
    TagFacet("industry", _("Industry"), name_of),
    ModelFacet("qualification", _("Qualification"), Qualification.objects.all, "qualifications", name_of),
    ModelFacet("park", _("Park"), Park.objects.published, "parks", name_of),
    # An enterprise is in a district through its parks.
    ChoiceFacet(
        "district",
        _("District"),
        District,
        condition=lambda value: _in_district(value),
        counts=lambda enterprises: _enterprises_per_district(enterprises),
    ),
)


PROJECT_FACETS = (
    ForeignKeyFacet("park", _("Park"), Park.objects.published, "park", name_of),
    TagFacet("industry", _("Industry"), name_of),
    ChoiceFacet("stage", _("Status"), Project.Stage),
)


def _in_district(district):
    """An enterprise with a published park in ``district``.

    Read from the enterprise's own park links, each park checked by key: asked
    from the parks' side, SQLite tried every park of the district for each
    enterprise.
    """
    parks = Park.objects.published().filter(pk=OuterRef("park"), district=district)
    return Exists(Enterprise.parks.through.objects.filter(Exists(parks), enterprise=OuterRef("pk")))


def _enterprises_per_district(enterprises):
    """(district, number of ``enterprises`` in a published park there), one grouped pass over the park links.

    An enterprise with two parks in one district counts once in it, and once in each district it is in.
    """
    links = Enterprise.parks.through.objects.filter(
        Exists(Park.objects.published().filter(pk=OuterRef("park"))),
        enterprise__in=enterprises.order_by().values("pk"),
    )
    return links.order_by().values_list("park__district").annotate(n=Count("enterprise", distinct=True))


def park_list(request):
    """Every published park in pinyin order (by English name on English pages: ``in_reading_order``).

    Parks outside Qingdao are marked on their cards and sorted among the others: in the demo data pinyin
    order alone opens the list with a Qingdao park, so the list needs no group of its own for them.
    """
    description = _(
        "Development zones, high-tech zones, industrial and innovation parks, incubators and investment platforms "
        "in Qingdao."
    )
    queryset = Park.objects.published().in_reading_order()
    return list_page(
        request,
        "parks/park_list.html",
        queryset,
        PARK_FACETS,
        PAGE_SIZE,
        park_cards,
        heading=_("Parks"),
        description=description,
    )


def enterprise_list(request):
    """Every published enterprise in the pinyin order of the name readers see (its short name, if any)."""
    description = _(
        "Companies in and around Qingdao's parks: listed companies, unicorns, gazelles, high-tech enterprises and "
        "park operators."
    )
    queryset = Enterprise.objects.published().in_reading_order()
    return list_page(
        request,
        "parks/enterprise_list.html",
        queryset,
        ENTERPRISE_FACETS,
        PAGE_SIZE,
        enterprise_cards,
        heading=_("Enterprises"),
        description=description,
    )


def project_list(request):
    """Every published investment project, newest first."""
    description = _("Investment projects in Qingdao's parks: seeking investment, in negotiation, signed or operating.")
    return list_page(
        request,
        "parks/project_list.html",
        Project.objects.published(),
        PROJECT_FACETS,
        PAGE_SIZE,
        project_cards,
        heading=_("Investment projects"),
        description=description,
    )


def project_detail(request, slug):
    return published_detail(request, project_page(), slug, "parks/project_detail.html", "project")


def project_preview(request, pk):
    return staff_preview(request, project_page(), pk, "parks/project_detail.html", "project")
