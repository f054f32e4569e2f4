from content.sitemaps import ContentSitemap
from parks.models import Enterprise, Park


class _PublishedSitemap(ContentSitemap):
    changefreq = "monthly"
    model = None

    def items(self):
        return self.model.objects.published().only("slug", "updated_at", "name_en").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ParkSitemap(_PublishedSitemap):
    model = Park
    priority = 0.7


class EnterpriseSitemap(_PublishedSitemap):
    model = Enterprise
