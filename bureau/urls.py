from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from bureau import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Chinese at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("tags/<str:slug>/", views.tag_detail, name="tag_detail"),
    path("news/", include("news.urls")),
    path("", include("parks.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
