from content.sitemaps import ContentSitemap
from parks.models import Enterprise, Park, Project


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


class ProjectSitemap(ContentSitemap):
    changefreq = "weekly"

    def items(self):
        return Project.objects.published().only("slug", "updated_at", "title_en").order_by("pk")

    def lastmod(self, item):
        return item.updated_at
