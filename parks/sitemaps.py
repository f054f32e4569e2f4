from django.contrib.sitemaps import Sitemap

from parks.models import Enterprise, Park


class _PublishedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"
    model = None

    def items(self):
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ParkSitemap(_PublishedSitemap):
    model = Park
    priority = 0.7


class EnterpriseSitemap(_PublishedSitemap):
    model = Enterprise
