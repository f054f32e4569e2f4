"""What every sitemap of content shares: a page in English only where the content has an English version."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from content.localize import has_english


class ContentSitemap(Sitemap):
    """Every language version of each item, each with its alternates (``hreflang``), as the pages' <head> has them.

    The English page of an item without English (a Chinese-only article, a park without an English name)
    only says so and links the Chinese one: it is neither listed nor named as an alternate.
    """

    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item):
        languages = super().get_languages_for_item(item)
        return [code for code in languages if code == settings.LANGUAGE_CODE or has_english(item)]
