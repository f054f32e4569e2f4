from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.static import serve

from bureau import data, places, views
from bureau.sitemaps import SITEMAPS
from parks import urls as parks_urls

# Pages that exist once, whatever the language.
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("health/", views.health, name="health"),
    # The open-data files: one address each, whatever the language (their columns carry both).
    re_path(r"^data/(?P<dataset>[a-z-]+)\.(?P<file_format>csv|json)$", data.download, name="open_data"),
]

# Parks' own pages (the lists), and the park and enterprise pages, which show news and so are composed
# here, above both apps (bureau/places.py): all of them in the parks namespace.
parks_pages = [
    *parks_urls.urlpatterns,
    path("parks/preview/<int:pk>/", places.park_preview, name="park_preview"),
    path("parks/<slug:slug>/", places.park_detail, name="park_detail"),
    path("enterprises/preview/<int:pk>/", places.enterprise_preview, name="enterprise_preview"),
    path("enterprises/<slug:slug>/", places.enterprise_detail, name="enterprise_detail"),
]

# Chinese at the root, English under /en/.
# The admin too: /admin/ is Chinese, /en/admin/ English (without a prefix the
# language cookie is ignored, so this is the only way to offer both).
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("bureau.public_urls")),
    path("news/", include("news.urls")),
    path("search/", include("search.urls")),
    path("", include("inquiries.urls")),
    path("", include("pages.urls")),
    path("", include((parks_pages, parks_urls.app_name))),
    prefix_default_language=False,
)

handler404 = "bureau.views.page_not_found"
handler500 = "bureau.views.server_error"

if settings.DEBUG:
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
