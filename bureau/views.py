from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from taggit.models import Tag

from bureau import search as site_search
from bureau.listing import paginate
from bureau.models import find_redirect
from bureau.queries import subquery_count
from news.models import Article
from parks.models import Enterprise, Park, ParkFigure


def published_detail(request, queryset, slug, template, context_name):
    """Show a published object, or send an old slug to its new address (301)."""
    obj = queryset.published().filter(slug=slug).first()
    if obj is None:
        moved = find_redirect(queryset.model, slug)
        if moved is None:
            raise Http404
        return redirect(moved, permanent=True)
    return render(request, template, {context_name: obj, "object": obj})


def staff_preview(request, queryset, pk, template, context_name):
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
    response = render(request, template, {context_name: obj, "object": obj, "preview": True})
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


HOME_NEWS = 6
HOME_FEATURED = 3
HOME_PARKS = 6
HOME_ENTERPRISES = 6
HOME_FIGURES = 6
TAG_PAGE_LIMIT = 12
SEARCH_PREVIEW = 5
SEARCH_PAGE_SIZE = 20
SEARCH_KINDS = ("news", "parks", "enterprises")


def _level_rank():
    # National zones first on the home page: that is what a visitor (or an investor) looks for first.
    whens = [When(level=level, then=Value(rank)) for rank, level in enumerate(Park.Level.values)]
    return Case(*whens, default=Value(len(whens)), output_field=IntegerField())


def _published_enterprises_in_park():
    return subquery_count(Enterprise.objects.published(), parks__pk=OuterRef("pk"))


def home(request):
    featured = list(Article.objects.published().filter(featured=True).defer("body")[:HOME_FEATURED])
    latest = Article.objects.published().exclude(pk__in=[a.pk for a in featured]).defer("body")[:HOME_NEWS]
    parks = (
        Park.objects.published()
        .annotate(
            enterprise_count=_published_enterprises_in_park(),
            article_count=subquery_count(Article.objects.published(), parks__pk=OuterRef("pk")),
            level_rank=_level_rank(),
        )
        .defer("description")
        .order_by("level_rank", "-article_count", "-enterprise_count", "name")[:HOME_PARKS]
    )
    enterprises = (
        Enterprise.objects.published()
        .annotate(
            qualification_count=subquery_count(
                Enterprise.qualifications.through.objects.all(), enterprise=OuterRef("pk")
            )
        )
        .filter(qualification_count__gt=0)
        .prefetch_related("qualifications")
        .defer("description")
        .order_by("-qualification_count", "name")[:HOME_ENTERPRISES]
    )
    figures = (
        ParkFigure.objects.filter(Exists(Park.objects.published().filter(pk=OuterRef("park"))))
        .select_related("park", "source_article")
        .defer("park__description", "source_article__body")
        .order_by("-year", "position", "pk")[:HOME_FIGURES]
    )
    context = {
        "featured": featured,
        "articles": latest,
        "parks": parks,
        "enterprises": enterprises,
        "figures": figures,
        "totals": {
            "articles": Article.objects.published().count(),
            "parks": Park.objects.published().count(),
            "enterprises": Enterprise.objects.published().count(),
        },
    }
    return render(request, "bureau/home.html", context)


def tag_detail(request, slug):
    """Everything published under one tag; a tag that only drafts use is not public."""
    tag = get_object_or_404(
        Tag.objects.annotate(
            article_count=subquery_count(Article.objects.published(), tags__pk=OuterRef("pk")),
            park_count=subquery_count(Park.objects.published(), tags__pk=OuterRef("pk")),
            enterprise_count=subquery_count(Enterprise.objects.published(), tags__pk=OuterRef("pk")),
        ),
        slug=slug,
    )
    if not (tag.article_count or tag.park_count or tag.enterprise_count):
        raise Http404
    context = {
        "tag": tag,
        "articles": Article.objects.published().filter(tags=tag).defer("body")[:TAG_PAGE_LIMIT],
        "parks": Park.objects.published()
        .filter(tags=tag)
        .annotate(enterprise_count=_published_enterprises_in_park())
        .defer("description")[:TAG_PAGE_LIMIT],
        "enterprises": Enterprise.objects.published()
        .filter(tags=tag)
        .prefetch_related("qualifications")
        .defer("description")[:TAG_PAGE_LIMIT],
    }
    return render(request, "bureau/tag_detail.html", context)


def search(request):
    query = site_search.parse(request.GET.get("q", ""))
    kind = request.GET.get("kind", "")
    if kind not in SEARCH_KINDS:
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
        context["counts"] = {name: queryset.count() for name, queryset in found.items()}
        if kind:
            page = paginate(request, found[kind], SEARCH_PAGE_SIZE)
            context.update(page_obj=page, results={kind: page.object_list})
        else:
            context["results"] = {name: queryset[:SEARCH_PREVIEW] for name, queryset in found.items()}
        context["tags"] = Tag.objects.filter(name__icontains=query.terms[0]).filter(
            Exists(Article.objects.published().filter(tags__pk=OuterRef("pk")))
            | Exists(Park.objects.published().filter(tags__pk=OuterRef("pk")))
            | Exists(Enterprise.objects.published().filter(tags__pk=OuterRef("pk")))
        )[:10]
    return render(request, "bureau/search.html", context)


@require_safe
def robots_txt(request):
    return render(request, "bureau/robots.txt", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def health(request):
    """For load balancers and monitoring: 200 when the database and the cache answer, 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = "unavailable"
    try:
        cache.set("bureau:health", "ok", 10)
        checks["cache"] = "ok" if cache.get("bureau:health") == "ok" else "unavailable"
    except Exception:  # any backend error (Redis down, ...) means the same to a load balancer
        checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
    )


def page_not_found(request, exception):
    return defaults.page_not_found(request, exception, template_name="bureau/404.html")


def server_error(request):
    # Rendered without a request context: nothing in it may need the database.
    return defaults.server_error(request, template_name="bureau/500.html")
