from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from content.filters import ModelFacet, TagFacet, YearFacet
from content.localize import name_of
from content.queries import neighbours
from content.views import list_page, published_detail, staff_preview
from news.models import Article
from news.queries import article_cards
from parks.models import Enterprise, Park
from parks.queries import enterprise_cards

PAGE_SIZE = 20

FACETS = (
    TagFacet("tag", _("Topic"), name_of),
    ModelFacet("park", _("Park"), Park.objects.published, "parks", name_of),
    ModelFacet("enterprise", _("Enterprise"), Enterprise.objects.published, "enterprises", name_of),
    YearFacet("year", _("Year"), "published_at"),
)


def article_list(request):
    description = _("News about Qingdao's industrial parks and enterprises, with the source of every article.")
    queryset = Article.objects.published()
    return list_page(
        request,
        "news/article_list.html",
        queryset,
        FACETS,
        PAGE_SIZE,
        article_cards,
        heading=_("News"),
        description=description,
    )


def _detail_queryset():
    """Everything the article page shows, in a fixed number of queries (see tests/test_public_queries.py)."""
    return Article.objects.annotate(**neighbours(Article.objects.published())).prefetch_related(
        "tags",
        Prefetch("parks", queryset=Park.objects.published(), to_attr="public_parks"),
        Prefetch(
            "enterprises",
            queryset=enterprise_cards(Enterprise.objects.published()),
            to_attr="public_enterprises",
        ),
    )


def article_detail(request, slug):
    return published_detail(request, _detail_queryset(), slug, "news/article_detail.html", "article")


def article_preview(request, pk):
    return staff_preview(request, _detail_queryset(), pk, "news/article_detail.html", "article")
