"""The search page: one list of news, parks, enterprises, investment projects and the bureau's pages, ranked by what
was asked for, and the matching topics."""

import heapq

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from content.caching import remember
from content.localize import is_english, localized, name_of
from content.pagination import in_key_order, paginate
from content.tagging import public_tags
from news.models import Article
from pages.models import Page
from parks.models import Enterprise, Park, Project
from search import query as site_search

PAGE_SIZE = 20
# Each kind of result: its tab, and the label each of its results carries.
KINDS = {"news": _("News"), "parks": _("Parks"), "enterprises": _("Enterprises"), "projects": _("Projects"),
         "pages": _("Bureau and policies")}  # fmt: skip
LABELS = {"news": _("Article"), "parks": _("Park"), "enterprises": _("Enterprise"), "projects": _("Investment project"),
          "pages": _("Page")}  # fmt: skip
SEARCHES = {"news": site_search.articles, "parks": site_search.parks, "enterprises": site_search.enterprises,
            "projects": site_search.projects, "pages": site_search.pages}  # fmt: skip
# At equal rank, a name before a headline: parks and enterprises are what a name was typed for.
TIE_ORDER = ("parks", "enterprises", "projects", "pages", "news")
# The ranking of each kind kept for the content generation: the first 50 pages; a kind's deeper pages rank anew,
# and the list of every kind stops there.
KEPT_KEYS = 1000


def _matching_tags(word):
    """Tags whose name holds ``word`` and that something published carries."""
    return public_tags().filter(name__icontains=word)


def _published():
    return {"news": Article.objects.published(), "parks": Park.objects.published(),
            "enterprises": Enterprise.objects.published(), "projects": Project.objects.published(),
            "pages": Page.objects.published()}  # fmt: skip


def search(request):
    query = site_search.parse(request.GET.get("q", ""))
    kind = request.GET.get("kind", "")
    if kind not in KINDS:
        kind = ""
    if query.shortened:
        # Every link on the page (tabs, pages, the language switch) carries the words actually searched for.
        params = request.GET.copy()
        params["q"] = query.text
        request.GET = params
    context = {"query": query, "kind": kind}
    if query:
        english = is_english()
        found = {name: function(query, english) for name, function in SEARCHES.items()}

        # Ranking every match reads thousands of rows for a common word: the first keys of each kind with
        # their ranks, the counts and the matching tags are kept for the content generation (and for both
        # the list of every kind and each kind's tab); the page then reads its rows by key.
        computed = {}

        def selection():
            computed["tags"] = list(_matching_tags(query.terms[0])[:10])
            ranked = {name: list(qs.values_list("pk", "search_rank")[:KEPT_KEYS]) for name, qs in found.items()}
            return {
                "keys": {name: [pk for pk, _rank in rows] for name, rows in ranked.items()},
                "ranks": {name: [rank for _pk, rank in rows] for name, rows in ranked.items()},
                # Fewer than were asked for: that is all of them, no count needed.
                "counts": {name: _count(rows, found[name]) for name, rows in ranked.items()},
                "tags": [tag.pk for tag in computed["tags"]],
            }

        language = "en" if english else "zh"
        chosen = remember(f"search:{language}:" + "\x1f".join(query.terms), selection)
        context["counts"] = counts = chosen["counts"]
        context["total"] = sum(counts.values())
        tags = computed.get("tags")
        context["tags"] = tags if tags is not None else in_key_order(Tag.objects.all(), chosen["tags"])
        if kind:
            page = paginate(request, found[kind], PAGE_SIZE, counts[kind], keys=chosen["keys"][kind])
            shown = [(kind, obj) for obj in page.object_list]
        else:
            page = paginate(request, _merged(chosen), PAGE_SIZE)
            shown = _rows(page.object_list)
        context.update(
            page_obj=page,
            results=[_shown(name, obj, query.terms) for name, obj in shown],
            tabs=[{"kind": name, "label": label, "count": counts[name]} for name, label in KINDS.items()],
        )
    return render(request, "search/results.html", context)


def _count(kept, queryset):
    return len(kept) if len(kept) < KEPT_KEYS else queryset.count()


def _merged(chosen):
    """The kept keys of the three kinds as one list, by rank: ``(kind, pk)`` pairs, at most KEPT_KEYS."""
    streams = [
        [(-rank, TIE_ORDER.index(name), position, name, pk)
         for position, (pk, rank) in enumerate(zip(chosen["keys"][name], chosen["ranks"][name], strict=True))]
        for name in KINDS
    ]  # fmt: skip
    return [(name, pk) for *_order, name, pk in heapq.merge(*streams)][:KEPT_KEYS]


def _rows(pairs):
    """The objects of a page of ``(kind, pk)`` pairs, in order: one query per kind on the page."""
    published = _published()
    wanted = {}
    for name, pk in pairs:
        wanted.setdefault(name, []).append(pk)
    found = {name: {obj.pk: obj for obj in in_key_order(published[name], keys)} for name, keys in wanted.items()}
    return [(name, found[name][pk]) for name, pk in pairs if pk in found[name]]


def _shown(kind, obj, terms):
    """What a result shows of ``obj`` in the page's language: exactly the texts its search matched
    (``search.query.VISIBLE``), the words found marked by the template."""
    shown = {"kind": kind, "label": LABELS[kind], "url": obj.get_absolute_url(), "text": localized(obj, "summary")}
    if kind == "pages":
        # Labelled by what it is: an investment policy, "about us", the accessibility statement.
        title, body = localized(obj, "title"), localized(obj, "body")
        return {**shown, "label": obj.get_kind_display(), "title": title, "body": body}
    if kind == "news":
        body = localized(obj, "body")
        return {**shown, "title": localized(obj, "title"), "body": body, "date": obj.published_at}
    if kind == "projects":
        return {**shown, "title": localized(obj, "title"), "body": obj.description, "detail": obj.get_stage_display()}
    shown.update(title=name_of(obj), body=obj.description, aliases=obj.alias_list())
    # The Chinese name under an English one (and an enterprise's full name under its short name).
    shown["alt_title"] = obj.name if obj.name != shown["title"] else ""
    if kind == "parks":
        return {**shown, "detail": obj.get_kind_display()}
    return {**shown, "stock_code": obj.stock_code}
