"""Query shapes shared by the public pages.

Counts of related published objects are correlated subqueries rather than
``Count()`` over joins: they go through ``published()`` (the one rule of what
is public), they never multiply rows when a page joins two many-to-many
relations, and a list of forty parks still costs one query.
"""

from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

__all__ = ["link_count", "neighbours", "subquery_count"]


def subquery_count(queryset, **lookups):
    """``COUNT(*)`` of ``queryset`` rows matching ``lookups`` (which use ``OuterRef``), as an expression."""
    counted = queryset.filter(**lookups).order_by().annotate(_n=Func(F("pk"), function="COUNT")).values("_n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def neighbours(published, field="published_at"):
    """Annotations naming the previous (older) and next (newer) object in ``published``.

    The order is the news list's: ``field`` then primary key, so two articles
    published in the same second still have a stable neighbour.
    """
    # The first condition alone bounds a range of the index on (status, field, pk): the database starts
    # reading at the article itself instead of filtering the whole list for the OR that follows. It comes
    # before published()'s own "field <= now" in the SQL: given two upper bounds on one column, SQLite takes
    # the first, and with "now" it read every newer article first.
    everything = published.model._default_manager.all()
    older = (everything.filter(**{f"{field}__lte": OuterRef(field)}) & published).filter(
        Q(**{f"{field}__lt": OuterRef(field)}) | Q(**{"pk__lt": OuterRef("pk")})
    )
    newer = (everything.filter(**{f"{field}__gte": OuterRef(field)}) & published).filter(
        Q(**{f"{field}__gt": OuterRef(field)}) | Q(**{"pk__gt": OuterRef("pk")})
    )
    older = older.order_by(f"-{field}", "-pk")
    newer = newer.order_by(field, "pk")
    # The neighbours' titles in every language the model has them (``title_en``), for English pages.
    titles = [name for name in ("title", "title_en") if any(f.name == name for f in published.model._meta.fields)]
    annotations = {"previous_slug": Subquery(older.values("slug")[:1]), "next_slug": Subquery(newer.values("slug")[:1])}
    for name in titles:
        annotations[f"previous_{name}"] = Subquery(older.values(name)[:1])
        annotations[f"next_{name}"] = Subquery(newer.values(name)[:1])
    return annotations


def link_count(through, source, published, target):
    """How many of the ``published`` objects are linked to the outer row, counted in the link table ``through``.

    ``source`` and ``target`` name the link table's two foreign keys (to the
    counted objects and to the outer row). The count reads the outer row's
    own links and checks each linked object by primary key; written from the
    objects' side (or with ``IN (published)``) it made SQLite read every
    published object for each row.
    """
    links = through.objects.filter(Exists(published.filter(pk=OuterRef(source))))
    return subquery_count(links, **{target: OuterRef("pk")})
