"""The image library: pictures for article bodies and park and enterprise descriptions.

A library image is uploaded once (through the same checks, clean-up and
WebP renditions as covers: content/images.py) with its description, and
inserted into any body from the editor. What a body stores is only a marker
that the sanitizer keeps as it is: ``<img src="/media/library/…/name.jpg"
alt="…">``, the image's address under MEDIA_URL (the stored file name never
changes: renditions come and go beside it, so the marker stays valid). On a
public page each marker becomes a ``<figure>`` with ``srcset`` from the
renditions, the dimensions, the description in the page's language and the
caption with the credit (``render_images``).

Where each image is used is kept in a small table (``BodyImageUse``),
rewritten whenever a body is saved and emptied when its page is deleted, so
that the library's list can count uses in one query and a used image can be
refused deletion with the list of its pages (content/library_admin.py). The
foreign key protects, so no path (shell, script) deletes a used image either.
"""

import re
from html import escape
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from content import images
from content.caching import remember
from content.localize import is_english
from content.models import Publishable

FOLDER = "library"
# The public pages' column: a figure fills the text column, at most 46rem wide (as the article cover).
SIZES = "(max-width: 46rem) 100vw, 46rem"


def marker_prefix():
    """How every library image's address starts in a body: MEDIA_URL, as an absolute path, then the folder."""
    media = settings.MEDIA_URL
    if "://" not in media and not media.startswith("/"):
        media = "/" + media
    return f"{media}{FOLDER}/"


def marker_src(name):
    """The address a body stores for the stored file ``name`` (``library/2026/12/x.jpg``)."""
    return marker_prefix() + name[len(FOLDER) + 1 :]


class BodyImage(models.Model):
    """One picture of the library, with what a reader who cannot see it is told, and whose it is."""

    file = images.CheckedImageField(
        _("image file"),
        upload_to=f"{FOLDER}/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG, WebP or GIF. It is checked, cleaned of camera data and resized for phones."),
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt = models.CharField(
        _("description (Chinese)"),
        max_length=250,
        help_text=_("What the image shows, for visitors who cannot see it. Required."),
    )
    alt_en = models.CharField(
        _("description (English)"),
        max_length=250,
        blank=True,
        help_text=_("For the English pages; left empty, they show the Chinese description."),
    )
    caption = models.CharField(_("caption (Chinese)"), max_length=300, blank=True)
    caption_en = models.CharField(_("caption (English)"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Photographer or source, shown after the caption.")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("library image")
        verbose_name_plural = _("image library")
        indexes = [
            # The marker in a body names the file: rendering a body looks its images up by name.
            models.Index(fields=["file"], name="bodyimage_file_idx"),
        ]

    def __str__(self):
        return self.alt

    def save(self, *args, **kwargs):
        new = images.prepare_upload(self.file)
        super().save(*args, **kwargs)
        if new:
            images.ensure_renditions(self.file)

    @property
    def marker(self):
        return marker_src(self.file.name)

    def marker_html(self):
        """What the editor inserts into a body for this image (and what the sanitizer keeps unchanged)."""
        return f'<img src="{escape(self.marker)}" alt="{escape(self.alt)}">'


class BodyImageUse(models.Model):
    """Image ``image`` appears in the body of ``page``: kept up to date by every save of a page."""

    image = models.ForeignKey(BodyImage, on_delete=models.PROTECT, related_name="uses", verbose_name=_("image"))
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of page"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    page = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("use of a library image")
        verbose_name_plural = _("uses of library images")
        constraints = [
            # A page is listed once per image, however often it shows it.
            models.UniqueConstraint(fields=["image", "content_type", "object_id"], name="bodyimageuse_unique"),
        ]
        indexes = [
            # Saving or deleting a page finds its rows by page.
            models.Index(fields=["content_type", "object_id"], name="bodyimageuse_page_idx"),
        ]

    def __str__(self):
        return f"{self.image} → {self.content_type} {self.object_id}"


_SRC = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def marked_names(html):
    """The stored names of the library images that ``html`` (a sanitized body) shows, in order, once each."""
    prefix = marker_prefix()
    names = []
    for match in _SRC.finditer(html or ""):
        src = next(group for group in match.groups() if group is not None)
        if src.startswith(prefix):
            name = f"{FOLDER}/{src[len(prefix) :]}"
            if name not in names:
                names.append(name)
    return names


def refresh_uses(page):
    """Rewrite the usage rows of ``page`` from its HTML fields as saved."""
    names = set()
    for field in page.html_fields:
        names.update(marked_names(getattr(page, field)))
    content_type = ContentType.objects.get_for_model(page)
    rows = BodyImageUse.objects.filter(content_type=content_type, object_id=page.pk)
    wanted = set(BodyImage.objects.filter(file__in=names).values_list("pk", flat=True)) if names else set()
    present = set(rows.values_list("image_id", flat=True))
    if present - wanted:
        rows.filter(image_id__in=present - wanted).delete()
    if wanted - present:
        BodyImageUse.objects.bulk_create(
            [BodyImageUse(image_id=pk, content_type=content_type, object_id=page.pk) for pk in wanted - present]
        )


@receiver(post_save, dispatch_uid="content.library.page_saved")
def _page_saved(sender, instance, **kwargs):
    if isinstance(instance, Publishable) and instance.html_fields:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not set(update_fields) & set(instance.html_fields):
            return  # publishing or unpublishing leaves the body as it was
        with transaction.atomic(using=kwargs.get("using")):
            refresh_uses(instance)


@receiver(post_delete, dispatch_uid="content.library.page_deleted")
def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Publishable) and instance.html_fields:
        BodyImageUse.objects.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
        ).delete()


@receiver(post_delete, sender=BodyImage, dispatch_uid="content.library.image_deleted")
def _image_deleted(sender, instance, using=None, **kwargs):
    """A deleted image's file and renditions go too, once the deletion is committed (no page shows it:
    the usage table's protecting key saw to that)."""
    fieldfile = instance.file

    def remove():
        if fieldfile:
            images.delete_renditions(fieldfile)
            fieldfile.storage.delete(fieldfile.name)

    transaction.on_commit(remove, using=using)


def pages_using(images_):
    """``{image pk: [page, ...]}`` for ``images_``: a query for the rows, then one per kind of page."""
    uses = list(BodyImageUse.objects.filter(image__in=images_).select_related("content_type"))
    by_kind = {}
    for use in uses:
        by_kind.setdefault(use.content_type, set()).add(use.object_id)
    pages = {}
    for content_type, ids in by_kind.items():
        model = content_type.model_class()
        for page in model._default_manager.filter(pk__in=ids):
            pages[(content_type.pk, page.pk)] = page
    found = {}
    for use in uses:
        page = pages.get((use.content_type_id, use.object_id))
        if page is not None:
            found.setdefault(use.image_id, []).append(page)
    for listed in found.values():
        listed.sort(key=lambda page: (page._meta.verbose_name, str(page)))
    return found


# -- public rendering ----------------------------------------------------------------------------


def figure_html(image):
    """The public markup of one library image, in the current language."""
    english = is_english()
    alt = (english and image.alt_en) or image.alt
    caption = (english and image.caption_en) or image.caption
    parts = [escape(text) for text in (caption, image.credit) if text]
    img_lang = ' lang="en"' if english and image.alt_en else ""
    caption_lang = ' lang="en"' if english and image.caption_en else ""
    figcaption = f"<figcaption{caption_lang}>{' · '.join(parts)}</figcaption>" if parts else ""
    size = f' width="{image.width}" height="{image.height}"' if image.width and image.height else ""
    return (
        f'<figure class="body-image"><img src="{escape(images.rendition_url(image.file, 960))}" '
        f'srcset="{escape(images.srcset(image.file))}" sizes="{SIZES}"{size} alt="{escape(alt)}"{img_lang} '
        f'loading="lazy">{figcaption}</figure>'
    )


class _Figures(HTMLParser):
    """Re-emit sanitized HTML, each known library image as its figure and everything else as it was."""

    def __init__(self, by_name):
        super().__init__(convert_charrefs=False)
        self.by_name = by_name
        self.prefix = marker_prefix()
        self.out = []

    def _figure(self, attrs):
        src = dict(attrs).get("src") or ""
        if src.startswith(self.prefix):
            return self.by_name.get(f"{FOLDER}/{src[len(self.prefix) :]}")
        return None

    def handle_starttag(self, tag, attrs):
        image = self._figure(attrs) if tag == "img" else None
        self.out.append(figure_html(image) if image is not None else self.get_starttag_text())

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")


def _with_figures(html):
    names = marked_names(html)
    by_name = {image.file.name: image for image in BodyImage.objects.filter(file__in=names)}
    if not by_name:
        return html
    parser = _Figures(by_name)
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def render_images(html, name):
    """``html`` (a sanitized body) with its library images as figures, kept for the content generation.

    ``name`` says which body it is (kind, id, field): the language is added
    here, as the description and caption follow it. A body without a library
    image costs nothing: no query, no cache.
    """
    if not html or marker_prefix() not in html:
        return html or ""
    return remember(f"body-images:{name}:{'en' if is_english() else 'zh'}", lambda: _with_figures(html))
