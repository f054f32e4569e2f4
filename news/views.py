from django.core.paginator import Paginator
from django.shortcuts import render

from bureau.views import published_detail, staff_preview
from news.models import Article

PAGE_SIZE = 20


def _articles():
    return Article.objects.prefetch_related("tags")


def article_list(request):
    page = Paginator(_articles().published(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "news/article_list.html", {"page_obj": page, "articles": page.object_list})


def _detail_queryset():
    return Article.objects.prefetch_related("tags", "parks", "enterprises")


def article_detail(request, slug):
    return published_detail(request, _detail_queryset(), slug, "news/article_detail.html", "article")


def article_preview(request, pk):
    return staff_preview(request, _detail_queryset(), pk, "news/article_detail.html", "article")
