from content.sitemaps import ContentSitemap
from news.models import Article


class ArticleSitemap(ContentSitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "title_en").order_by("-published_at", "-pk")

    def lastmod(self, item):
        return item.updated_at
