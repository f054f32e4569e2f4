from django.db.models import Count, Exists, OuterRef, Prefetch
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from content.caching import remember
from content.listing import ChoiceFacet, Filters, ModelFacet, card_tags, paginate
from content.localize import name_of
from content.queries import link_count
from content.views import published_detail, staff_preview
from parks.models import District, Enterprise, EnterpriseFigure, Park, ParkFigure, Qualification

PAGE_SIZE = 24
# A zone can hold hundreds of companies: the page shows the first ones and links to the filtered list.
DETAIL_ENTERPRISES = 24
DETAIL_ARTICLES = 10


def _articles():
    """Published articles, reached through the reverse relation: this app never imports ``news``."""
    return Park._meta.get_field("articles").related_model.objects.published().defer("body")


def _enterprise_count():
    return link_count(Enterprise.parks.through, "enterprise", Enterprise.objects.published(), "park")


def _article_count(relation):
    through = Park._meta.get_field("articles").related_model._meta.get_field(relation).remote_field.through
    return link_count(through, "article", _articles(), relation.removesuffix("s"))


def _enterprise_cards():
    return Enterprise.objects.published().prefetch_related("qualifications").defer("description")


PARK_FACETS = (
    ChoiceFacet("district", _("District"), District),
    ChoiceFacet("level", _("Level"), Park.Level),
    ChoiceFacet("kind", _("Kind"), Park.Kind),
    ModelFacet("industry", _("Industry"), Tag.objects.all, "tags", name_of, limit=15),
)

ENTERPRISE_FACETS = (
    ModelFacet("industry", _("Industry"), Tag.objects.all, "tags", name_of, limit=15),
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


def _in_district(district):
    """An enterprise with a published park in ``district``.

    Read from the enterprise's own park links, each park checked by key: asked
    from the parks' side, SQLite tried every park of the district for each of
    20,000 enterprises (1.5 s against 17 ms).
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


def _park_cards(parks):
    return parks.annotate(enterprise_count=_enterprise_count()).defer("description").prefetch_related(card_tags())


def park_list(request):
    filters = Filters(request, Park.objects.published(), PARK_FACETS)
    page = paginate(request, filters.queryset, PAGE_SIZE, filters.count, _park_cards)
    context = {"filters": filters, "page_obj": page, "parks": page.object_list}
    return render(request, "parks/park_list.html", context, status=filters.status)


def _park_queryset():
    """Everything the park page shows, in a fixed number of queries (see tests/test_public_queries.py)."""
    return Park.objects.select_related("parent", "operator").prefetch_related(
        "tags",
        Prefetch("figures", queryset=ParkFigure.objects.select_related("source_article").defer("source_article__body")),
        Prefetch("children", queryset=Park.objects.published().defer("description"), to_attr="public_children"),
    )


def _first_rows(park):
    """The first enterprises and the latest news of one park, each in one plain query.

    Not prefetched: a sliced prefetch numbers every related row with a window
    function before keeping the first ones, which for a zone with 1,500
    articles cost SQLite 42 ms where the indexed query takes 2 ms.
    """
    park.public_enterprises = list(_enterprise_cards().filter(parks=park)[:DETAIL_ENTERPRISES])
    park.public_articles = list(_articles().filter(parks=park)[:DETAIL_ARTICLES])

    def counts():
        # A zone's 1,300 article links each checked for publication: 8 ms on SQLite, kept for the generation.
        counted = Park.objects.filter(pk=park.pk).annotate(
            enterprise_count=_enterprise_count(), article_count=_article_count("parks")
        )
        return counted.values("enterprise_count", "article_count").get()

    for name, value in remember(f"park-counts:{park.pk}", counts).items():
        setattr(park, name, value)


def park_detail(request, slug):
    return published_detail(request, _park_queryset(), slug, "parks/park_detail.html", "park", _first_rows)


def park_preview(request, pk):
    return staff_preview(request, _park_queryset(), pk, "parks/park_detail.html", "park", _first_rows)


def _enterprise_rows(enterprises):
    return enterprises.defer("description").prefetch_related(card_tags(), "qualifications")


def enterprise_list(request):
    filters = Filters(request, Enterprise.objects.published(), ENTERPRISE_FACETS)
    page = paginate(request, filters.queryset, PAGE_SIZE, filters.count, _enterprise_rows)
    context = {"filters": filters, "page_obj": page, "enterprises": page.object_list}
    return render(request, "parks/enterprise_list.html", context, status=filters.status)


def _enterprise_queryset():
    """Everything the enterprise page shows, in a fixed number of queries (see tests/test_public_queries.py)."""
    return Enterprise.objects.annotate(article_count=_article_count("enterprises")).prefetch_related(
        "tags",
        "qualifications",
        Prefetch(
            "figures", queryset=EnterpriseFigure.objects.select_related("source_article").defer("source_article__body")
        ),
        Prefetch("parks", queryset=Park.objects.published().defer("description"), to_attr="public_parks"),
        Prefetch(
            "operated_parks", queryset=Park.objects.published().defer("description"), to_attr="public_operated_parks"
        ),
        Prefetch("articles", queryset=_articles()[:DETAIL_ARTICLES], to_attr="public_articles"),
    )


def enterprise_detail(request, slug):
    return published_detail(request, _enterprise_queryset(), slug, "parks/enterprise_detail.html", "enterprise")


def enterprise_preview(request, pk):
    return staff_preview(request, _enterprise_queryset(), pk, "parks/enterprise_detail.html", "enterprise")
