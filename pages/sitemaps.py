from content.sitemaps import ContentSitemap
from pages.models import Page


class BureauPageSitemap(ContentSitemap):
    """Published pages only: a page still being prepared shows a placeholder, which is no page to list."""

    changefreq = "monthly"

    def items(self):
        return Page.objects.published().only("kind", "slug", "updated_at", "title_en").order_by("kind", "order", "pk")

    def lastmod(self, item):
        return item.updated_at
