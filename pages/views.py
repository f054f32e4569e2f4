"""About us, the investment policies and the accessibility statement, and the staff preview of any page."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content.views import published_detail, staff_preview
from pages.models import Page

HEADINGS = {
    Page.Kind.ABOUT: _("About us"),
    Page.Kind.ACCESSIBILITY: _("Accessibility statement"),
}


def about(request):
    return _single_page(request, Page.Kind.ABOUT)


def accessibility(request):
    return _single_page(request, Page.Kind.ACCESSIBILITY)


def _single_page(request, kind):
    """The published page of ``kind``, or a placeholder saying that it is being prepared.

    The placeholder answers 200 with ``noindex``, not 404: the address is the
    bureau's own, linked from every page's footer and the site map, and a
    visitor who follows such a link on a government site should learn that
    the page is on its way, not that the link is broken. ``noindex`` keeps
    the placeholder out of search engines until the page is published
    (publishing starts a new content generation, so no cached copy outlives it).
    Staff who may write pages see where to write it.
    """
    page = Page.objects.published().filter(kind=kind).first()
    if page is not None:
        return render(request, "pages/page_detail.html", {"page": page, "object": page})
    context = {"heading": HEADINGS[kind], "kind": kind, "staff_link": _staff_link(request, kind)}
    return render(request, "pages/placeholder.html", context)


def _staff_link(request, kind):
    """Where a member of staff writes the missing page (its draft, or a new one), or None for visitors.

    Only a request with a session can come from staff: a visitor's request
    then never reads the session, and the placeholder stays in the page cache.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    user = request.user
    if not (user.is_active and user.is_staff):
        return None
    draft = Page.objects.filter(kind=kind).only("pk").first()
    if draft is not None and user.has_perm("pages.change_page"):
        return reverse("admin:pages_page_change", args=[draft.pk])
    if draft is None and user.has_perm("pages.add_page"):
        return reverse("admin:pages_page_add") + f"?kind={kind}"
    return None


def policy_list(request):
    policies = Page.objects.published().filter(kind=Page.Kind.POLICY).defer("body", "body_en")
    return render(request, "pages/policy_list.html", {"policies": policies, "heading": _("Investment policies")})


def policy_detail(request, slug):
    queryset = Page.objects.filter(kind=Page.Kind.POLICY)
    return published_detail(request, queryset, slug, "pages/page_detail.html", "page")


def page_preview(request, pk):
    return staff_preview(request, Page.objects.all(), pk, "pages/page_detail.html", "page")
