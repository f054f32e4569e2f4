"""The site search index: one row per article, park, enterprise, investment project and bureau page."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One row of the site search index: an article, park or enterprise as index tokens.

    Two sets of tokens, one per language of the site: each page matches only
    what its results show. Written by ``search.index`` (on every save and delete, and by the
    ``rebuild_search_index`` command), read only through it. The tokens are
    Chinese character bigrams and lower-cased Latin/digit suffixes separated
    by spaces (see ``search.index.document_tokens``), so each database's own
    full-text machinery can index them without knowing any Chinese: on
    PostgreSQL GIN expression indexes over ``to_tsvector('simple', ...)``, on
    SQLite an FTS5 table kept in step by triggers (both created by bureau's migration 0003, where
    the model was born, and remade with the English columns by search's 0002).
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        PARK = "park", _("park")
        ENTERPRISE = "enterprise", _("enterprise")
        PROJECT = "project", _("investment project")
        PAGE = "page", _("bureau page")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    object_id = models.PositiveBigIntegerField(_("object id"))
    title_tokens = models.TextField(_("title tokens"), blank=True, help_text=_("Titles and names: ranked first."))
    body_tokens = models.TextField(_("body tokens"), blank=True)
    # What the English page shows: English names and texts, the Chinese ones where there is no English.
    title_tokens_en = models.TextField(_("English title tokens"), blank=True)
    body_tokens_en = models.TextField(_("English body tokens"), blank=True)
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)

    class Meta:
        # The table it was created with, when the model lived in the project package: the full-text
        # index (GIN indexes, the FTS5 table and its triggers) is built on it by name.
        db_table = "bureau_searchdocument"
        ordering = ["kind", "object_id"]
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            # One entry per object: saving upserts on it, the search joins candidates back through it.
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchdocument_unique_object"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.object_id}"
