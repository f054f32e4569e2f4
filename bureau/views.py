from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from taggit.models import Tag

from bureau.models import find_redirect
from news.models import Article
from parks.models import Enterprise, Park


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
    model = queryset.model
    permission = f"{model._meta.app_label}.view_{model._meta.model_name}"
    if not (user.is_active and user.is_staff and user.has_perm(permission)):
        raise Http404
    obj = get_object_or_404(queryset, pk=pk)
    response = render(request, template, {context_name: obj, "object": obj, "preview": True})
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


def home(request):
    articles = Article.objects.published().prefetch_related("tags")[:10]
    return render(request, "bureau/home.html", {"articles": articles})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    context = {
        "tag": tag,
        "articles": Article.objects.published().filter(tags=tag)[:50],
        "parks": Park.objects.published().filter(tags=tag),
        "enterprises": Enterprise.objects.published().filter(tags=tag),
    }
    return render(request, "bureau/tag_detail.html", context)
