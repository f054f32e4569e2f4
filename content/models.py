"""What articles, parks and enterprises share: publication, slugs, images, editing trail, tagging."""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItemBase

from content import images
from content.links import tag_url
from content.sanitizer import sanitize
from content.slugs import unique_slug


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The one definition of "public": published, and its time has come.

        A scheduled item needs no job to go live: it simply starts matching
        once ``published_at`` is in the past.
        """
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())


class PublishableManager(models.Manager.from_queryset(PublishableQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Publishable(models.Model):
    """Publication state, timestamps, editing trail, slug and sanitized HTML.

    Subclasses name their slug source (``slug_source``), their sanitized
    HTML fields (``html_fields``), their image fields (``image_fields``) and
    the rows edited with them (``snapshot_children``).
    """

    slug_source = "name"
    html_fields = ()
    image_fields = ()
    # Related names of the rows that belong to an item and are edited with it (a park's figures): they are
    # part of its versions and pending changes (content/snapshots.py).
    snapshot_children = ()

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        help_text=_("Only published items whose publication time has come are visible to the public."),
    )
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_(
            "Beijing time (UTC+8). To schedule, set the status to Published and a time in the future: the item "
            "stays private until then and goes public by itself, with nothing more to do. A time in the past "
            "publishes it at once."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PublishableManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # HTML is sanitized by the pre_save signal (content/signals.py), which also
        # covers loaddata's raw saves. bulk_create() skips both: do not use it
        # for content that has HTML fields.
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, self.slug_source))
        new_images = [name for name in self.image_fields if images.prepare_upload(getattr(self, name))]
        with transaction.atomic():
            self._remember_old_slug()
            super().save(*args, **kwargs)
        for name in new_images:
            images.ensure_renditions(getattr(self, name))

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and self.published_at > timezone.now()

    def natural_key(self):
        # Fixtures refer to content by slug, never by database id, so loading
        # the demo twice, or into a site with content of its own, overwrites nothing.
        return (self.slug,)

    def sanitize_html(self):
        for name in self.html_fields:
            setattr(self, name, sanitize(getattr(self, name)))

    def _remember_old_slug(self):
        """Keep a published object's old URL working: it will redirect to the new one."""
        if not self.pk:
            return
        old = type(self)._default_manager.filter(pk=self.pk).values_list("slug", "status").first()
        keep_old_address(self, old[0] if old and old[1] == Status.PUBLISHED else None)


def publishable_models():
    """Every concrete kind of content (articles, parks, enterprises, ...), found in the app registry.

    For what must cover every kind (the next scheduled item, what counts as a
    change of content, which tags are public) without importing the apps above.
    """
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


class SlugRedirect(models.Model):
    """An old slug of a published object or of a tag, answered with a permanent redirect.

    It names the object, not its new slug, so that it follows any later
    rename: an old address never leads to another old address. A tag's old
    slugs come from renames and from merges (content.tagging.merge_tags), and
    may hold Chinese characters as tag slugs do.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of page"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    old_slug = models.SlugField(_("old slug"), max_length=100, allow_unicode=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        # The table it was created with, when the model lived in the project package.
        db_table = "bureau_slugredirect"
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        constraints = [
            # Detail views look an unknown slug up here: one answer per slug and model.
            models.UniqueConstraint(fields=["content_type", "old_slug"], name="slugredirect_unique_old_slug"),
        ]

    def __str__(self):
        return f"{self.old_slug} → {self.target}"

    def get_absolute_url(self):
        target = self.target
        if target is None:
            return None
        if isinstance(target, Tag):  # taggit's model knows no address: its page is the site's tag page
            return tag_url(target.slug)
        return target.get_absolute_url()


def keep_old_address(obj, old_slug):
    """``old_slug`` (if any) leads to ``obj`` from now on, and ``obj``'s own slug is nobody's old address.

    For a saved object whose slug may just have changed: articles, parks and
    enterprises (``Publishable.save``) and tags (content/signals.py). The new
    slug may have been an old address before, of this object or another: it
    is live again, so it stops redirecting.
    """
    content_type = ContentType.objects.get_for_model(obj)
    if old_slug and old_slug != obj.slug:
        SlugRedirect.objects.update_or_create(
            content_type=content_type, old_slug=old_slug, defaults={"object_id": obj.pk}
        )
    SlugRedirect.objects.filter(content_type=content_type, old_slug=obj.slug).delete()


def find_redirect(model, slug, public=None):
    """The public object that used to live at ``slug``, or None.

    ``public``: the objects that may be shown, ``model``'s ``published()`` unless
    given (a tag is public by another rule, ``content.tagging.public_tags``).
    """
    content_type = ContentType.objects.get_for_model(model)
    object_id = (
        SlugRedirect.objects.filter(content_type=content_type, old_slug=slug)
        .values_list("object_id", flat=True)
        .first()
    )
    if object_id is None:
        return None
    if public is None:
        public = model._default_manager.published()
    return public.filter(pk=object_id).first()


class TagEnglish(models.Model):
    """A tag's English name, for English pages (``content.localize.name_of``).

    Beside taggit's Tag rather than in it: swapping taggit's tag model for
    one field would touch every tagged table. Edited on the tag's own admin
    page; a tag without one shows its Chinese name, marked as such.
    """

    tag = models.OneToOneField(
        Tag, on_delete=models.CASCADE, primary_key=True, related_name="english", verbose_name=_("tag")
    )
    name_en = models.CharField(_("English name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("English tag name")
        verbose_name_plural = _("English tag names")

    def __str__(self):
        return self.name_en


class TaggedItemManager(models.Manager):
    def get_by_natural_key(self, object_slug, tag_name):
        return self.get(content_object__slug=object_slug, tag__name=tag_name)


class NaturalKeyTaggedItem(TaggedItemBase):
    """A tagging that fixtures can name by (object slug, tag name).

    Each kind of content has its own through model on this base, with a real
    foreign key, and all of them share taggit's Tag: one vocabulary for every
    kind (see ``content.tagging.public_tags``).
    """

    objects = TaggedItemManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.content_object.slug, self.tag.name)

    @classmethod
    def tags_for(cls, model, instance=None, **extra_filters):
        # Every read of an item's tags (``obj.tags.all()``, and the prefetches of lists, which taggit refuses
        # to give a queryset of one's own) brings each tag's English name in the same query, for English pages.
        return super().tags_for(model, instance, **extra_filters).select_related("english")


# The image library's models live in their own module (with the rendering and the usage table); imported
# here, at the end, so that Django finds them with the app's models and they can use everything above.
from content.library import BodyImage, BodyImageUse  # noqa: E402, F401

# Pending changes: an editor's version of published content, waiting for a publisher (content/pending.py).
from content.pending import PendingChange  # noqa: E402, F401
