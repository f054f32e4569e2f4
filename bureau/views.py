"""The site-wide pages: the home page and the tag page, which gather every kind of content; robots.txt,
the health check and the error pages."""

import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from taggit.models import Tag

from bureau.context_processors import resolved
from content.caching import remember
from content.links import tag_url
from content.models import find_redirect
from content.queries import link_count
from content.tagging import public_tags
from news.models import Article
from news.queries import article_cards
from parks.models import Enterprise, Park, ParkFigure, Project
from parks.queries import enterprise_cards, park_cards, project_cards

HOME_NEWS = 6
HOME_FEATURED = 3
HOME_PARKS = 6
HOME_ENTERPRISES = 6
HOME_FIGURES = 6
TAG_PAGE_LIMIT = 12
# What the database raises when it cannot be reached (refused, gone away, closed): the visitor gets a 503.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def _home_parks():
    """The key parks staff chose (``featured``): public, in Qingdao (the query says so, not the editor), in the
    page's reading order.

    With none featured the section is left out rather than filled by a rule: a rule (most news, most
    enterprises, national level first) put Beijing's Zhongguancun and one-line fund stubs there, which is
    what staff choosing fixes.
    """
    return park_cards(Park.objects.featured()).in_reading_order()[:HOME_PARKS]


def _home_enterprises():
    """The key enterprises staff chose, as ``_home_parks`` (none featured: no section)."""
    return enterprise_cards(Enterprise.objects.featured()).in_reading_order()[:HOME_ENTERPRISES]


def home(request):
    featured = list(article_cards().filter(featured=True)[:HOME_FEATURED])
    latest = list(article_cards().exclude(pk__in=[a.pk for a in featured])[:HOME_NEWS])
    figures = (
        ParkFigure.objects.filter(Exists(Park.objects.published().filter(pk=OuterRef("park"))))
        .select_related("park", "source_article")
        .defer("park__description", "source_article__body", "source_article__body_en")
        .order_by("-year", "position", "pk")[:HOME_FIGURES]
    )
    # The totals take counting over all content: they are worked out once per content generation
    # (content.caching.remember). The key parks and enterprises are a flag away: read with the page.
    totals = remember(
        "home-totals",
        lambda: {
            "articles": Article.objects.published().count(),
            "parks": Park.objects.published().count(),
            "enterprises": Enterprise.objects.published().count(),
        },
    )
    parks, enterprises = list(_home_parks()), list(_home_enterprises())
    # A counter or an "all" link says something only when there is more than the page already shows: on a young
    # site, "5 news articles" under five articles reads oddly, and "All news" leads to the same five.
    more = {
        "articles": totals["articles"] > len(featured) + len(latest),
        "parks": totals["parks"] > len(parks),
        "enterprises": totals["enterprises"] > len(enterprises),
    }
    context = {
        "featured": featured,
        "articles": latest,
        "parks": parks,
        "enterprises": enterprises,
        "figures": figures,
        "totals": totals,
        "more": more,
    }
    return render(request, "bureau/home.html", context)


# The site map's sections, each with the URL names it may have. The sections other apps are adding (projects,
# the inquiry form, staff-written pages, the figures dashboard) appear once their URLs exist.
SITE_MAP_SECTIONS = [
    (_("Home"), ["bureau:home"]),
    (_("News"), ["news:article_list"]),
    (_("Parks"), ["parks:park_list"]),
    (_("Enterprises"), ["parks:enterprise_list"]),
    (_("Investment projects"), ["parks:project_list", "projects:project_list"]),
    (_("Search"), ["search:results"]),
    (_("About the bureau"), ["pages:about"]),
    (_("Policies"), ["pages:policies", "pages:policy_list"]),
    (_("Data"), ["bureau:data"]),
    (_("Contact us"), ["inquiries:contact"]),
    (_("Accessibility statement"), ["pages:accessibility"]),
]


def site_map(request):
    """The site map a Chinese government site offers readers: every section that exists, and every public tag."""
    sections = []
    for label, names in SITE_MAP_SECTIONS:
        url = next(filter(None, map(resolved, names)), "")
        if url:
            sections.append({"label": label, "url": url})
    tags = public_tags().select_related("english").order_by("name")
    return render(request, "bureau/site_map.html", {"sections": sections, "tags": tags})


def _tag_counts(tag_queryset):
    return tag_queryset.annotate(
        article_count=link_count(Article.tags.through, "content_object", Article.objects.published(), "tag"),
        park_count=link_count(Park.tags.through, "content_object", Park.objects.published(), "tag"),
        enterprise_count=link_count(Enterprise.tags.through, "content_object", Enterprise.objects.published(), "tag"),
        project_count=link_count(Project.tags.through, "content_object", Project.objects.published(), "tag"),
    )


def tag_detail(request, slug):
    """Everything published under one tag; a tag that only drafts use is not public (content.tagging).

    An old address of a tag (renamed, or merged into another) answers 301 with its page.
    """
    # Counting a tag's articles is a pass over thousands of rows: the counts are kept per content generation,
    # and so is where an old address leads (a rename or a merge starts a new generation).
    names = ("article_count", "park_count", "enterprise_count", "project_count")
    computed = {}

    def counts():
        try:
            computed["tag"] = tag = _tag_counts(public_tags().select_related("english")).get(slug=slug)
        except Tag.DoesNotExist:
            moved = find_redirect(Tag, slug, public_tags())
            if moved is None:
                raise Http404 from None
            return {"moved_to": moved.slug}
        return {name: getattr(tag, name) for name in names}

    known = remember(f"tag-page:{slug}", counts)
    if "moved_to" in known:
        return redirect(tag_url(known["moved_to"]), permanent=True)
    tag = computed.get("tag")
    if tag is None:
        # The counts were kept for this content generation, worked out under the rule for public tags: the tag
        # is still public, and a plain lookup spares checking it again.
        tag = get_object_or_404(Tag.objects.select_related("english"), slug=slug)
        for name in names:
            setattr(tag, name, known[name])
    # Each kind as "newest (or by name) first, keep those with the tag": with
    # a join instead, SQLite fetches and sorts every article of a popular tag
    # to show twelve of them; this way it walks the list index and stops after
    # twelve hits, as PostgreSQL does.
    tagged = {model: Exists(model.tags.through.objects.filter(content_object_id=OuterRef("pk"), tag=tag))
              for model in (Article, Park, Enterprise, Project)}  # fmt: skip
    context = {
        "tag": tag,
        "articles": article_cards().filter(tagged[Article])[:TAG_PAGE_LIMIT],
        # The enterprise count of only the twelve parks shown, not of every park with the tag.
        "parks": park_cards(
            Park.objects.filter(pk__in=Park.objects.published().filter(tagged[Park]).values("pk")[:TAG_PAGE_LIMIT])
        ),
        "enterprises": enterprise_cards(Enterprise.objects.published().filter(tagged[Enterprise]))[:TAG_PAGE_LIMIT],
        "projects": project_cards(Project.objects.published().filter(tagged[Project]))[:TAG_PAGE_LIMIT],
    }
    return render(request, "bureau/tag_detail.html", context)


@require_safe
def robots_txt(request):
    return render(request, "bureau/robots.txt", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def health(request):
    """For load balancers and monitoring.

    200 while pages can be served: the database answers. The cache only
    speeds pages up, so a cache that does not answer is reported as
    "degraded" (status "degraded", still 200: taking every app server out of
    the load balancer for it would stop the site). 503 when the database does
    not answer.
    """
    checks = {"database": "ok" if _database_answers() else "unavailable", "cache": _cache_state()}
    if checks["database"] != "ok":
        status, code = "unavailable", 503
    elif checks["cache"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _cache_state():
    ping = getattr(cache, "ping", None)  # the Redis cache (bureau.cache); the local-memory cache always answers
    if ping is not None:
        return "ok" if ping() else "degraded"
    cache.set("bureau:health", "ok", 10)
    return "ok" if cache.get("bureau:health") == "ok" else "degraded"


def page_not_found(request, exception):
    return defaults.page_not_found(request, exception, template_name="bureau/404.html")


def server_error(request):
    """500, or 503 with Retry-After when the database is out of reach (the page is rendered without it)."""
    if isinstance(sys.exception(), DATABASE_DOWN):
        response = HttpResponse(loader.get_template("bureau/503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    # Rendered without a request context: nothing in it may need the database.
    return defaults.server_error(request, template_name="bureau/500.html")
