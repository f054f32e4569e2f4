"""The query shapes of park and enterprise cards and pages.

Parks' own lists use them, and so do the pages higher up that show parks and
enterprises beside news (bureau: home, tag page, the park and enterprise
pages), so that a card costs the same queries wherever it appears.
"""

from django.db.models import Prefetch

from content.queries import link_count
from parks.models import Enterprise, EnterpriseFigure, Park, ParkFigure, Project


def enterprise_count():
    """Each park's number of published enterprises, as an annotation (``enterprise_count``)."""
    return link_count(Enterprise.parks.through, "enterprise", Enterprise.objects.published(), "park")


def park_cards(parks):
    """``parks`` as their cards show them: the count of enterprises, no description."""
    return parks.annotate(enterprise_count=enterprise_count()).defer("description")


def enterprise_cards(enterprises):
    """``enterprises`` as their cards show them: their qualifications, no description."""
    return enterprises.prefetch_related("qualifications").defer("description")


def _public_parks():
    return Park.objects.published().defer("description")


def _public_enterprises():
    return Enterprise.objects.published().defer("description")


def park_page():
    """Everything a park page shows of the park itself, in a fixed number of queries."""
    # The areas' source article is joined without its body, which the page never shows.
    parks = Park.objects.select_related("parent", "operator", "area_source").defer(
        "area_source__body", "area_source__body_en"
    )
    return parks.prefetch_related(
        "tags",
        Prefetch("figures", queryset=ParkFigure.objects.select_related("source_article").defer("source_article__body")),
        Prefetch("children", queryset=_public_parks(), to_attr="public_children"),
    )


def enterprise_page():
    """Everything an enterprise page shows of the enterprise itself, in a fixed number of queries."""
    figures = EnterpriseFigure.objects.select_related("source_article").defer("source_article__body")
    return Enterprise.objects.prefetch_related(
        "tags",
        "qualifications",
        Prefetch("figures", queryset=figures),
        Prefetch("parks", queryset=_public_parks(), to_attr="public_parks"),
        Prefetch("operated_parks", queryset=_public_parks(), to_attr="public_operated_parks"),
        Prefetch("investors", queryset=_public_enterprises(), to_attr="public_investors"),
        Prefetch("investments", queryset=_public_enterprises(), to_attr="public_investments"),
    )


def project_cards(projects):
    """``projects`` as their cards show them: the park's name, no description."""
    return projects.select_related("park").defer("description", "park__description")


def project_page():
    """Everything a project page shows: its park, enterprise, source article and tags, in one query and a prefetch."""
    return (
        Project.objects.select_related("park", "enterprise", "source_article")
        .defer("park__description", "enterprise__description", "source_article__body", "source_article__body_en")
        .prefetch_related("tags")
    )
