from datetime import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from content.excerpts import opening
from content.images import CheckedImageField
from content.links import page_url
from content.localize import is_english
from content.models import NaturalKeyTaggedItem, Publishable
from parks.models import Enterprise, Park


class TaggedArticle(NaturalKeyTaggedItem):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")


class Article(Publishable):
    slug_source = "title"
    html_fields = ("body", "body_en")
    english_fields = ("title", "summary", "body")  # what the admin's "English version" filter checks
    image_fields = ("cover",)

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("The address of the article, in ASCII. Left empty, it is made from the title in pinyin."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for lists, search results and sharing.")
    )
    body = models.TextField(
        _("body"),
        help_text=_("Rich text: paragraphs, subheadings, lists, links, images and tables. Unsafe HTML is refused."),
    )
    # The English version, optional, as parks and enterprises have theirs: ``<field>_en`` beside the Chinese
    # field, shown on English pages where it is written (content/localize.py); an article without an English
    # title is "Chinese only" there.
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    summary_en = models.TextField(_("English summary"), blank=True)
    body_en = models.TextField(
        _("English body"),
        blank=True,
        help_text=_(
            "Optional. Rich text, sanitized as the Chinese body is. Without an English title the article "
            "is listed as Chinese only on English pages."
        ),
    )
    cover = CheckedImageField(
        _("cover image"), upload_to="covers/%Y/%m/", blank=True, width_field="cover_width", height_field="cover_height"
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(_("cover description"), max_length=250, blank=True,
                                 help_text=_("What the cover shows, for visitors who cannot see it. Required with a cover."))  # fmt: skip
    source_outlet = models.CharField(
        _("source outlet"), max_length=100, blank=True, help_text=_("The paper or site the article was taken from.")
    )
    original_outlet = models.CharField(
        _("original publisher"),
        max_length=100,
        blank=True,
        help_text=_("When the source outlet republished the article: the outlet that published it first."),
    )
    source_url = models.URLField(_("original address"), max_length=500, blank=True)
    source_date = models.DateField(
        _("original date"),
        null=True,
        blank=True,
        help_text=_("When the source published it, if different from our publication time."),
    )
    original_title = models.CharField(_("original headline"), max_length=300, blank=True)
    author = models.CharField(
        _("author"), max_length=200, blank=True, help_text=_("Reporters or photographers as the source credits them.")
    )
    featured = models.BooleanField(_("featured"), default=False, help_text=_("Featured articles lead the home page."))
    parks = models.ManyToManyField(Park, verbose_name=_("linked parks"), blank=True, related_name="articles")
    enterprises = models.ManyToManyField(
        Enterprise, verbose_name=_("linked enterprises"), blank=True, related_name="articles"
    )

    tags = TaggableManager(verbose_name=_("tags"), through=TaggedArticle, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish and unpublish articles"))]
        indexes = [
            # News list, feeds and home page: published() then newest first, in the list's full order
            # (the primary key breaks ties), so that a deep page reads its keys from this index alone.
            models.Index(fields=["status", "-published_at", "-id"], name="article_list_idx"),
            # Home page "featured" strip.
            models.Index(fields=["featured", "status", "-published_at"], name="article_featured_idx"),
        ]
        constraints = [
            # The importer and fixtures recognise a republished story by its source address.
            models.UniqueConstraint(
                fields=["source_url"], condition=~models.Q(source_url=""), name="article_unique_source_url"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return page_url("news:article_detail", self.slug)

    def get_preview_url(self):
        return reverse("news:article_preview", kwargs={"pk": self.pk})

    @property
    def has_english(self):
        """An English title makes an English version; without one the article is "Chinese only" in English."""
        return bool(self.title_en)

    @property
    def published_time_known(self):
        """False when the publication time is only a day: an article imported from a source that gives the date
        alone is published at midnight Beijing time, on its original date or without one. Pages then show the
        date alone, never "00:00". No field records it: midnight to the second, on the source's own day, is
        what the importer and the fixtures write, and an editor who schedules an article for that very
        instant loses nothing by seeing its day.
        """
        local = self.published_at.astimezone(ZoneInfo(settings.TIME_ZONE))
        return not (local.time() == time(0) and self.source_date in (None, local.date()))

    def teaser(self):
        """The summary in the page's language, or the opening sentences of the body in it; "" on an English
        page for an article without English (feeds, cards, link previews)."""
        if is_english():
            return self.summary_en or opening(self.body_en)
        return self.summary or opening(self.body)

    def clean(self):
        if self.cover and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Describe the cover image for visitors who cannot see it.")})
