"""The sitemap: every published article, park and enterprise (with its last change),
the list pages, and the tags that gather something public."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse
from taggit.models import Tag

from news.models import Article
from news.sitemaps import ArticleSitemap
from parks.models import Enterprise, Park
from parks.sitemaps import EnterpriseSitemap, ParkSitemap


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return ["bureau:home", "news:article_list", "parks:park_list", "parks:enterprise_list"]

    def location(self, item):
        return reverse(item)


class TagSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Tag.objects.filter(
            Exists(Article.objects.published().filter(tags__pk=OuterRef("pk")))
            | Exists(Park.objects.published().filter(tags__pk=OuterRef("pk")))
            | Exists(Enterprise.objects.published().filter(tags__pk=OuterRef("pk")))
        ).order_by("slug")

    def location(self, item):
        return reverse("bureau:tag_detail", kwargs={"slug": item.slug})


SITEMAPS = {
    "pages": PageSitemap,
    "news": ArticleSitemap,
    "parks": ParkSitemap,
    "enterprises": EnterpriseSitemap,
    "tags": TagSitemap,
}
