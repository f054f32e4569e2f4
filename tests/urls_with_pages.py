"""The site's URLconf with the staff-written pages another app will add, for the site map and footer tests."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from bureau.urls import urlpatterns as site_urlpatterns

pages = (
    [
        path("about/", lambda request: HttpResponse("about"), name="about"),
        path("accessibility/", lambda request: HttpResponse("a11y"), name="accessibility"),
    ],
    "pages",
)

urlpatterns = [*site_urlpatterns, *i18n_patterns(path("", include(pages)), prefix_default_language=False)]
