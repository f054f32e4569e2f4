"""The bureau's own pages: about us, the investment policies and the accessibility statement."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content.excerpts import opening
from content.links import page_url
from content.localize import is_english
from content.models import Publishable


class Page(Publishable):
    """A page staff write in both languages, with the same editor, review and history as the news.

    "About us" and the accessibility statement exist once each, at fixed
    addresses; policies are as many as the bureau publishes, each at
    ``/policies/<slug>/``, listed by ``order``.
    """

    class Kind(models.TextChoices):
        ABOUT = "about", _("About us")
        POLICY = "policy", _("Investment policy")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    slug_source = "title"
    html_fields = ("body", "body_en")
    english_fields = ("title", "summary", "body")  # what the admin's "English version" filter checks
    # The kinds that have one page each, at an address of their own.
    SINGLE_KINDS = {Kind.ABOUT: "pages:about", Kind.ACCESSIBILITY: "pages:accessibility"}

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind,
        default=Kind.POLICY,
        help_text=_("There is one “About us” page and one accessibility statement; policies may be many."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "The address of a policy page, in ASCII. Left empty, it is made from the title in pinyin. "
            "“About us” and the accessibility statement keep their fixed addresses."
        ),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for lists and sharing."))
    body = models.TextField(
        _("body"),
        help_text=_("Rich text: paragraphs, subheadings, lists, links, images and tables. Unsafe HTML is refused."),
    )
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    summary_en = models.TextField(_("English summary"), blank=True)
    body_en = models.TextField(
        _("English body"),
        blank=True,
        help_text=_(
            "Optional. Rich text, sanitized as the Chinese body is. Without an English title the page "
            "is marked as Chinese only on English pages."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Policies are listed by this number, smallest first.")
    )

    class Meta:
        ordering = ["order", "-published_at", "pk"]  # the policy list's order
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        permissions = [("publish_page", _("Can publish and unpublish pages"))]
        constraints = [
            # /about/ and /accessibility/ show one page each: a second one could never be seen.
            models.UniqueConstraint(
                fields=["kind"],
                condition=~models.Q(kind="policy"),
                name="page_unique_single_kind",
                violation_error_message=_("There is already a page of this kind: change that one instead."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.kind in self.SINGLE_KINDS:
            return page_url(self.SINGLE_KINDS[self.kind])
        return page_url("pages:policy_detail", self.slug)

    def get_preview_url(self):
        return reverse("pages:page_preview", kwargs={"pk": self.pk})

    @property
    def has_english(self):
        """An English title makes an English version; without one the page is "Chinese only" in English."""
        return bool(self.title_en)

    def teaser(self):
        """The summary in the page's language, or the opening of the body in it ("" in English without English)."""
        if is_english():
            return self.summary_en or opening(self.body_en)
        return self.summary or opening(self.body)
