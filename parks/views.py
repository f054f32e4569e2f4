from django.core.paginator import Paginator
from django.shortcuts import render

from bureau.views import published_detail, staff_preview
from parks.models import Enterprise, Park

PAGE_SIZE = 24


def park_list(request):
    parks = Park.objects.published().prefetch_related("tags")
    page = Paginator(parks, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "parks/park_list.html", {"page_obj": page, "parks": page.object_list})


def _park_queryset():
    return Park.objects.select_related("parent", "operator").prefetch_related("tags", "figures")


def park_detail(request, slug):
    return published_detail(request, _park_queryset(), slug, "parks/park_detail.html", "park")


def park_preview(request, pk):
    return staff_preview(request, _park_queryset(), pk, "parks/park_detail.html", "park")


def enterprise_list(request):
    enterprises = Enterprise.objects.published().prefetch_related("tags", "qualifications")
    page = Paginator(enterprises, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "parks/enterprise_list.html", {"page_obj": page, "enterprises": page.object_list})


def _enterprise_queryset():
    return Enterprise.objects.prefetch_related("tags", "qualifications", "figures")


def enterprise_detail(request, slug):
    return published_detail(request, _enterprise_queryset(), slug, "parks/enterprise_detail.html", "enterprise")


def enterprise_preview(request, pk):
    return staff_preview(request, _enterprise_queryset(), pk, "parks/enterprise_detail.html", "enterprise")
