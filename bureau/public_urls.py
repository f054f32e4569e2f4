"""The site-wide public pages: home, the data page, tags and their feeds (both languages, see bureau/urls.py)."""

from django.urls import path, register_converter

from bureau import data, views
from news.feeds import TagFeed


class TagSlugConverter:
    """Any text without a slash or a control character.

    taggit keeps Chinese characters in tag slugs ("人工智能"), which the
    <slug:> converter would refuse; control characters are refused here, so
    that a NUL byte never reaches the database (PostgreSQL rejects it).
    """

    regex = r"[^/\x00-\x1f\x7f]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TagSlugConverter, "tag")

app_name = "bureau"

urlpatterns = [
    path("", views.home, name="home"),
    path("data/", data.dashboard, name="data"),
    path("sitemap/", views.site_map, name="site_map"),
    path("tags/<tag:slug>/", views.tag_detail, name="tag_detail"),
    path("tags/<tag:slug>/feed.xml", TagFeed(), name="tag_feed"),
]
