"""The park and enterprise pages: what parks knows of them, with the news about them.

They are composed here, above both apps, because parks may not import news;
their URLs keep their names in the parks namespace (bureau/urls.py).
"""

from django.db.models import Prefetch

from content.caching import remember
from content.views import published_detail, staff_preview
from news.queries import article_cards, article_count
from parks.models import Enterprise, Park, Project
from parks.queries import enterprise_cards, enterprise_count, enterprise_page, park_page, project_cards

# A zone can hold hundreds of companies: the page shows the first ones and links to the filtered list.
DETAIL_ENTERPRISES = 24
DETAIL_ARTICLES = 10
DETAIL_PROJECTS = 6


def _park_rows(park):
    """The first enterprises, the latest news and the latest investment projects of one park, each in one
    plain query.

    Not prefetched: a sliced prefetch numbers every related row with a window
    function before keeping the first ones, where the plain query reads the
    first rows through an index and stops.
    """
    park.public_enterprises = list(
        enterprise_cards(Enterprise.objects.published()).filter(parks=park)[:DETAIL_ENTERPRISES]
    )
    park.public_articles = list(article_cards().filter(parks=park)[:DETAIL_ARTICLES])
    park.public_projects = list(project_cards(Project.objects.published()).filter(park=park)[:DETAIL_PROJECTS])

    def counts():
        # Each of a zone's article links is checked for publication: kept for the content generation.
        counted = Park.objects.filter(pk=park.pk).annotate(
            enterprise_count=enterprise_count(), article_count=article_count("parks")
        )
        return counted.values("enterprise_count", "article_count").get()

    for name, value in remember(f"park-counts:{park.pk}", counts).items():
        setattr(park, name, value)


def park_detail(request, slug):
    return published_detail(request, park_page(), slug, "bureau/park_detail.html", "park", _park_rows)


def park_preview(request, pk):
    return staff_preview(request, park_page(), pk, "bureau/park_detail.html", "park", _park_rows)


def _enterprise_page():
    return (
        enterprise_page()
        .annotate(article_count=article_count("enterprises"))
        .prefetch_related(Prefetch("articles", queryset=article_cards()[:DETAIL_ARTICLES], to_attr="public_articles"))
    )


def enterprise_detail(request, slug):
    return published_detail(request, _enterprise_page(), slug, "bureau/enterprise_detail.html", "enterprise")


def enterprise_preview(request, pk):
    return staff_preview(request, _enterprise_page(), pk, "bureau/enterprise_detail.html", "enterprise")
