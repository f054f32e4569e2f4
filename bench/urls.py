"""The site's URLs plus a minimal view, the ceiling the benchmark compares every page to.

Used only by bench/run.py, through ``DJANGO_ROOT_URLCONF=bench.urls``.
"""

from django.http import HttpResponse
from django.urls import path

from bureau.urls import handler404, handler500  # noqa: F401
from bureau.urls import urlpatterns as site_urlpatterns


def ceiling(request):
    # The least a Django view can do behind the same middleware: no template, no query.
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ceiling/", ceiling, name="bench_ceiling"), *site_urlpatterns]
