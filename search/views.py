"""The search page: news, parks and enterprises that hold every word typed, and the topics that match."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag

from content.caching import remember
from content.localize import localized, name_of
from content.pagination import in_key_order, paginate
from content.tagging import public_tags
from news.models import Article
from parks.models import Enterprise, Park
from search import query as site_search

PREVIEW = 5
PAGE_SIZE = 20
# Each kind of result: its heading and tab, and the link to all of them.
KINDS = {"news": _("News"), "parks": _("Parks"), "enterprises": _("Enterprises")}
SEE_ALL = {
    "news": lambda n: ngettext("All %(n)s article", "All %(n)s articles", n) % {"n": n},
    "parks": lambda n: ngettext("All %(n)s park", "All %(n)s parks", n) % {"n": n},
    "enterprises": lambda n: ngettext("All %(n)s enterprise", "All %(n)s enterprises", n) % {"n": n},
}
# The ranking of one kind of results kept for the content generation: the first 50 pages; deeper pages rank anew.
KEPT_KEYS = 1000


def _matching_tags(word):
    """Tags whose name holds ``word`` and that something published carries."""
    return public_tags().filter(name__icontains=word)


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
        found = {
            "news": site_search.articles(query),
            "parks": site_search.parks(query),
            "enterprises": site_search.enterprises(query),
        }
        # Counting every match and ranking the first ones reads thousands of rows for a common word: the counts,
        # the keys of the first results and the matching tags are kept for the content generation, and the
        # page then reads its rows by key (the same rule as the lists, content.pagination).
        computed = {}

        def selection():
            computed["results"] = {} if kind else {name: list(qs[:PREVIEW]) for name, qs in found.items()}
            computed["tags"] = list(_matching_tags(query.terms[0])[:10])
            return {
                "counts": {name: queryset.count() for name, queryset in found.items()},
                "results": {name: [obj.pk for obj in rows] for name, rows in computed["results"].items()},
                "tags": [tag.pk for tag in computed["tags"]],
                "ranked": list(found[kind].values_list("pk", flat=True)[:KEPT_KEYS]) if kind else None,
            }

        chosen = remember(f"search:{kind or 'all'}:" + "\x1f".join(query.terms), selection)
        context["counts"] = chosen["counts"]
        context["tags"] = computed.get("tags") or in_key_order(Tag.objects.all(), chosen["tags"])
        if kind:
            # .get: during a rolling upgrade the cache may hold what the previous release kept, without a ranking.
            ranked = chosen.get("ranked")
            page = paginate(request, found[kind], PAGE_SIZE, chosen["counts"][kind], keys=ranked)
            context.update(page_obj=page, results={kind: page.object_list})
        elif "results" in computed:
            context["results"] = computed["results"]
        else:
            published = {"news": Article.objects.published(), "parks": Park.objects.published(),
                         "enterprises": Enterprise.objects.published()}  # fmt: skip
            context["results"] = {name: in_key_order(published[name], keys) for name, keys in chosen["results"].items()}
        context.update(_tabs_and_sections(kind, context["counts"], context["results"]))
    return render(request, "search/results.html", context)


def _tabs_and_sections(kind, counts, results):
    """A tab for each kind of result, and a section for each kind the page shows."""
    tabs = [{"kind": name, "label": label, "count": counts[name]} for name, label in KINDS.items()]
    sections = []
    for name, heading in KINDS.items():
        shown = results.get(name)
        if shown:
            more = not kind and counts[name] > len(shown)
            see_all = SEE_ALL[name](counts[name]) if more else ""
            items = [_shown(name, obj) for obj in shown]
            sections.append({"kind": name, "heading": heading, "results": items, "see_all": see_all})
    return {"tabs": tabs, "sections": sections}


def _shown(kind, obj):
    """What a result shows of ``obj``: its address, its title in the page's language, and the texts searched."""
    if kind == "news":
        return {"url": obj.get_absolute_url(), "title": obj.title, "text": obj.summary, "body": obj.body,
                "meta": obj.published_at}  # fmt: skip
    shown = {"url": obj.get_absolute_url(), "title": name_of(obj), "text": localized(obj, "summary"),
             "body": obj.description, "extra": obj.aliases}  # fmt: skip
    if kind == "parks":
        return {**shown, "alt_title": obj.name or obj.name_en, "label": obj.get_kind_display()}
    return {**shown, "alt_title": obj.name, "stock_code": obj.stock_code}
