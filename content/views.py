"""The pages every kind of content has: its list, its public page, and the staff preview of any state."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from content import pending
from content.filters import Filters
from content.models import find_redirect
from content.pagination import card_tags, paginate


def list_page(request, template, queryset, facets, per_page, cards, **context):
    """A public list: ``queryset`` filtered by ``facets`` from the query string, one page of it.

    ``cards`` (queryset -> queryset) reads the page's rows as their cards show
    them; their tags come along in ``tag_list``. The rest of ``context`` is
    the page's own (its heading and description). An unknown filter value
    answers 400, with the list's page saying which (content.filters); an old slug of a renamed or merged
    tag, park or enterprise is sent on to the list with the new one (301).
    """
    filters = Filters(request, queryset, facets)
    if filters.moved_url:
        return redirect(filters.moved_url, permanent=True)
    page = paginate(
        request, filters.queryset, per_page, filters.count, lambda rows: cards(rows).prefetch_related(card_tags())
    )
    context.update(filters=filters, page_obj=page)
    return render(request, template, context, status=filters.status)


def published_detail(request, queryset, slug, template, context_name, prepare=None):
    """Show a published object, or send an old slug to its new address (301).

    ``prepare(obj)`` reads what the page shows of the object beyond ``queryset`` (its first related rows).
    """
    obj = queryset.published().filter(slug=slug).first()
    if obj is None:
        moved = find_redirect(queryset.model, slug)
        if moved is None:
            raise Http404
        return redirect(moved, permanent=True)
    if prepare is not None:
        prepare(obj)
    return render(request, template, {context_name: obj, "object": obj})


def staff_preview(request, queryset, pk, template, context_name, prepare=None):
    """Any state, for staff who may view the object; everyone else gets a 404.

    A 404 rather than a login redirect: the existence of a draft is itself
    not public.
    """
    user = request.user
    opts = queryset.model._meta
    # The admin's rule: whoever may change an object may also look at it.
    may_see = any(user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ("view", "change"))
    if not (user.is_active and user.is_staff and may_see):
        raise Http404
    obj = get_object_or_404(queryset, pk=pk)
    change = pending.pending_for(queryset.model, pk)
    if change is None or change.data is None:
        response = _preview(request, obj, template, context_name, prepare, None)
    else:
        # The pending version, as the page will look once it is approved (content/pending.py).
        with pending.showing(obj, change):
            obj = get_object_or_404(queryset, pk=pk)
            response = _preview(request, obj, template, context_name, prepare, change)
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


def _preview(request, obj, template, context_name, prepare, change):
    if prepare is not None:
        prepare(obj)
    return render(request, template, {context_name: obj, "object": obj, "preview": True, "pending_change": change})
