"""Atom feeds: all news, and the news of one tag, in each language (/news/feed.xml, /en/news/feed.xml).

The English feeds carry only the articles that have an English version. A feed entry is read away from
the site, in a reader that shows no "Chinese only" badge and that Django's Atom writer gives no language
mark: a Chinese headline there would be unmarked Chinese in an English feed. The English news list
still lists every article, the Chinese-only ones marked as such.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from taggit.models import Tag

from content.localize import is_english, name_of, site_name
from content.models import find_redirect
from content.tagging import public_tags
from news.models import Article

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("%(site)s: news") % {"site": site_name()}

    def subtitle(self):
        return _("News from the parks and enterprises of Qingdao, with their sources.")

    def link(self):
        return reverse("news:article_list")

    def feed_url(self):
        return reverse("news:feed")

    def articles(self):
        articles = Article.objects.published().prefetch_related("tags")
        return articles.exclude(title_en="") if is_english() else articles

    def items(self):
        return self.articles()[:FEED_SIZE]

    def item_title(self, item):
        return item.title_en if is_english() else item.title

    def item_description(self, item):
        # Every entry has a summary: the one written, else the body's opening sentences (Article.teaser).
        return item.teaser()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author or item.source_outlet or None

    def item_categories(self, item):
        return [name_of(tag) for tag in item.tags.all()]


class TagFeed(LatestArticlesFeed):
    def __call__(self, request, slug):
        try:
            return super().__call__(request, slug=slug)
        except Http404:
            # An old address of a tag (renamed, or merged into another): its feed has moved with its page.
            moved = find_redirect(Tag, slug, public_tags())
            if moved is None:
                raise
            return redirect(reverse("bureau:tag_feed", kwargs={"slug": moved.slug}), permanent=True)

    def get_object(self, request, slug):
        # A tag that only drafts carry is not public: no feed, and its name is not shown.
        return get_object_or_404(public_tags().select_related("english"), slug=slug)

    def title(self, tag):
        return _("%(site)s: news about %(tag)s") % {"site": site_name(), "tag": name_of(tag)}

    def subtitle(self, tag):
        return _("News tagged “%(tag)s”.") % {"tag": name_of(tag)}

    def link(self, tag):
        return reverse("bureau:tag_detail", kwargs={"slug": tag.slug})

    def feed_url(self, tag):
        return reverse("bureau:tag_feed", kwargs={"slug": tag.slug})

    def items(self, tag):
        return self.articles().filter(tags=tag)[:FEED_SIZE]
