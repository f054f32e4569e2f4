"""The sitemap: every published article, park, enterprise, investment project and page of the bureau (with its last change),
the list pages, and the tags that gather something public."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from content.tagging import public_tags
from news.sitemaps import ArticleSitemap
from pages.sitemaps import BureauPageSitemap
from parks.sitemaps import EnterpriseSitemap, ParkSitemap, ProjectSitemap


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return [
            "bureau:home",
            "news:article_list",
            "parks:park_list",
            "parks:enterprise_list",
            "parks:project_list",
            "bureau:data",
            "bureau:site_map",
            "pages:policies",
        ]

    def location(self, item):
        return reverse(item)


class TagSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return public_tags().order_by("slug")

    def location(self, item):
        return reverse("bureau:tag_detail", kwargs={"slug": item.slug})


SITEMAPS = {
    "pages": PageSitemap,
    "news": ArticleSitemap,
    "parks": ParkSitemap,
    "enterprises": EnterpriseSitemap,
    "projects": ProjectSitemap,
    "tags": TagSitemap,
    "bureau-pages": BureauPageSitemap,
}
