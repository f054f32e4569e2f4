"""Pages of the public lists: deep pages read their keys through the list's index, then their rows by key.

A page number that is not a whole number, or past the end, is a 404, never a 500.
"""

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Prefetch, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class ListPaginator(Paginator):
    """A paginator given its count, whose pages select their rows by primary key.

    A deep ``OFFSET`` over whole rows reads and throws away every row before
    the page; over the primary keys alone it is an index-only scan of the index that matches
    the order (``article_list_idx`` for the news). The page then fetches its
    twenty rows by key, in the same query.

    ``rows`` (a queryset -> queryset function: deferred fields, prefetches,
    annotations) shapes that outer fetch, which then carries no filter of its
    own: repeating the list's filters there made SQLite walk the whole list
    through its index to find the twenty keys, instead of reading them by key.
    """

    def __init__(self, object_list, per_page, count=None, rows=None, keys=None):
        super().__init__(object_list, per_page)
        if count is not None:
            self.count = count  # replaces the cached_property
        self.rows = rows
        self.keys = keys

    def page(self, number):
        number = self.validate_number(number)
        if not self.count:
            return self._get_page(self.object_list.none(), number, self)
        bottom = (number - 1) * self.per_page
        if self.rows is None:
            # A ranked list (the search): its keys are read first, then its rows by those keys. As one query,
            # the ranking nested inside the same conditions, both databases ranked every match once per row.
            # The rows are read by key alone: repeating the search's conditions there made SQLite match every
            # article holding a common word again to keep twenty.
            top = bottom + self.per_page
            if self.keys is not None and (top <= len(self.keys) or len(self.keys) >= self.count):
                keys = self.keys[bottom:top]  # The ranking was kept (search: the first SEARCH_KEPT_KEYS results).
            else:
                keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
            return self._get_page(in_key_order(self.object_list.model.objects.published(), keys), number, self)
        keys = Subquery(self.object_list.values("pk")[bottom : bottom + self.per_page])
        model = self.object_list.model
        rows = self.rows(model._default_manager.filter(pk__in=keys))
        if self.object_list.query.order_by:
            rows = rows.order_by(*self.object_list.query.order_by)
        return self._get_page(rows, number, self)


def card_tags():
    """Tags for a list's cards, as a plain list in ``tag_list``.

    Prefetching into the ``tags`` manager builds a filtered queryset for every
    row only to replace its results, work a list page does twenty times.
    """
    return Prefetch("tags", to_attr="tag_list")


def in_key_order(queryset, keys):
    """The objects of ``queryset`` with these primary keys, in the order of ``keys`` (one query)."""
    found = {obj.pk: obj for obj in queryset.filter(pk__in=keys)}
    return [found[pk] for pk in keys if pk in found]


def paginate(request, queryset, per_page, count=None, rows=None, keys=None):
    """The requested page of ``queryset``; a page number that does not exist is a 404.

    With ``count`` (already known, e.g. from ``Filters.count``) the page's rows
    are selected by primary key, which keeps deep pages cheap; ``rows``
    shapes how they are read (see ``ListPaginator``). ``keys``, the primary
    keys of the list's first rows in order, spares a ranked list ranking again.
    """
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except ValueError:
        raise Http404(_("Page numbers are whole numbers.")) from None
    if number < 1:
        raise Http404(_("Page numbers start at 1."))
    if count is None:
        paginator = Paginator(queryset if rows is None else rows(queryset), per_page)
    else:
        paginator = ListPaginator(queryset, per_page, count, rows, keys)
    try:
        return paginator.page(number)
    except EmptyPage:
        raise Http404(_("This list has fewer pages.")) from None
