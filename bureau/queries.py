"""Query shapes shared by the public pages.

Counts of related published objects are correlated subqueries rather than
``Count()`` over joins: they go through ``published()`` (the one rule of what
is public), they never multiply rows when a page joins two many-to-many
relations, and a list of forty parks still costs one query.
"""

from django.db.models import F, Func, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

__all__ = ["neighbours", "subquery_count"]


def subquery_count(queryset, **lookups):
    """``COUNT(*)`` of ``queryset`` rows matching ``lookups`` (which use ``OuterRef``), as an expression."""
    counted = queryset.filter(**lookups).order_by().annotate(_n=Func(F("pk"), function="COUNT")).values("_n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def neighbours(published, field="published_at"):
    """Annotations naming the previous (older) and next (newer) object in ``published``.

    The order is the news list's: ``field`` then primary key, so two articles
    published in the same second still have a stable neighbour.
    """
    older = published.filter(
        Q(**{f"{field}__lt": OuterRef(field)}) | Q(**{field: OuterRef(field), "pk__lt": OuterRef("pk")})
    )
    newer = published.filter(
        Q(**{f"{field}__gt": OuterRef(field)}) | Q(**{field: OuterRef(field), "pk__gt": OuterRef("pk")})
    )
    older = older.order_by(f"-{field}", "-pk")
    newer = newer.order_by(field, "pk")
    return {
        "previous_slug": Subquery(older.values("slug")[:1]),
        "previous_title": Subquery(older.values("title")[:1]),
        "next_slug": Subquery(newer.values("slug")[:1]),
        "next_title": Subquery(newer.values("title")[:1]),
    }
