"""The Atom feed of investment projects, in each language (/projects/feed.xml, /en/projects/feed.xml).

As the news feeds do, the English feed carries only the projects with an English title: a feed reader
shows no language mark, and a Chinese title there would be unmarked Chinese in an English feed.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from content.localize import is_english, localized, name_of, site_name
from parks.models import Project

FEED_SIZE = 30


class LatestProjectsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("%(site)s: investment projects") % {"site": site_name()}

    def subtitle(self):
        return _("Investment projects in Qingdao's parks, newest first.")

    def link(self):
        return reverse("parks:project_list")

    def feed_url(self):
        return reverse("parks:project_feed")

    def items(self):
        projects = Project.objects.published().prefetch_related("tags").defer("description")
        if is_english():
            projects = projects.exclude(title_en="")
        return projects[:FEED_SIZE]

    def item_title(self, item):
        return localized(item, "title")

    def item_description(self, item):
        # No Chinese summary in the English feed, for the reason above.
        return item.summary_en if is_english() else item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_stage_display(), *(name_of(tag) for tag in item.tags.all())]
