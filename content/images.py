"""Uploaded images: checked by content, cleaned of metadata, resized once.

* ``check_image`` decides by what the bytes are, never by the file name:
  JPEG, PNG, WebP and GIF only, within a byte limit and a pixel limit that is
  tested before any pixel is decoded (a decompression bomb costs nothing),
  and fully decoded once so that a truncated file is refused at upload time.
* ``normalise`` applies the EXIF orientation and re-encodes the picture
  without EXIF, GPS, XMP or comments, so nothing a camera or an editing
  program recorded is served; an animation is re-encoded frame by frame,
  within a frame and pixel budget. The stored name is the server's (the
  object's slug, a random part and the extension of the real format), never
  the one the client sent.
* ``ensure_renditions`` writes WebP copies at a few widths, once; ``srcset``
  builds the attribute from the stored width alone, without touching storage.
"""

import io
import os
import secrets
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
# Pillow names a JPEG that carries extra frames (a phone's depth map or
# preview) "MPO". To the editor it is the JPEG the phone took: accept it, and
# keep its main picture as a plain JPEG.
FORMAT_ALIASES = {"MPO": "JPEG"}
RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
RENDITION_DIR = "renditions"
# Kept from the picture's own information when it is re-encoded: colours and transparency, nothing else.
KEPT_INFO = ("transparency",)
# A stored name: the object's slug cut to this length, then a random part.
NAME_STEM_LENGTH = 40


def check_image(file):
    """Raise ValidationError with a specific message unless ``file`` is an acceptable image."""
    size = getattr(file, "size", None)
    if size is not None and size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)s MB; the limit is %(limit)s MB. Save it smaller and upload it again."),
            code="image_too_large",
            params={"size": round(size / 1024 / 1024, 1), "limit": round(settings.IMAGE_MAX_BYTES / 1024 / 1024, 1)},
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                fmt = FORMAT_ALIASES.get(image.format, image.format)
                width, height = image.size
                if fmt not in ALLOWED_FORMATS:
                    raise ValidationError(
                        _("This is a %(format)s file; upload a JPEG, PNG, WebP or GIF image."),
                        code="image_format",
                        params={"format": fmt},
                    )
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise _too_many_pixels(width, height)
                frames = getattr(image, "n_frames", 1)
                if frames > 1 and fmt != "JPEG":  # a phone's JPEG with a depth map is a still picture
                    _check_animation(frames, width, height)
                image.load()  # decode every byte: a truncated file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The image has far too many pixels to be processed safely (at most %(limit)s megapixels)."),
            code="image_pixels",
            params={"limit": _megapixels(settings.IMAGE_MAX_PIXELS)},
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            _("This file is not an image (its content is not JPEG, PNG, WebP or GIF, whatever its name says)."),
            code="image_unreadable",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("The image file is damaged or incomplete and cannot be read. Export it again and upload the new file."),
            code="image_damaged",
        ) from None
    finally:
        file.seek(0)
    return fmt


def _check_animation(frames, width, height):
    """An animation is re-encoded frame by frame (``normalise``): refuse one that would cost too much."""
    if frames > settings.IMAGE_MAX_FRAMES or frames * width * height > settings.IMAGE_MAX_ANIMATION_PIXELS:
        raise ValidationError(
            _(
                "This animation has %(frames)s frames of %(width)s × %(height)s pixels; the site takes at most "
                "%(limit)s frames and %(pixels)s megapixels for all frames together. Upload a shorter or smaller "
                "animation, or a still picture."
            ),
            code="image_animation",
            params={
                "frames": frames,
                "width": width,
                "height": height,
                "limit": settings.IMAGE_MAX_FRAMES,
                "pixels": _megapixels(settings.IMAGE_MAX_ANIMATION_PIXELS),
            },
        )


def _too_many_pixels(width, height):
    return ValidationError(
        _("The image is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels."),
        code="image_pixels",
        params={"width": width, "height": height, "limit": _megapixels(settings.IMAGE_MAX_PIXELS)},
    )


def _megapixels(pixels):
    # Not a floor division: a limit of 0.5 megapixels must not read "0 megapixels".
    return f"{pixels / 1_000_000:g}"


def stored_name(instance, fmt):
    """A name made by the server: readable (the object's slug, or the date) and unguessable (a random part)."""
    stem = slugify(getattr(instance, "slug", "") or "")[:NAME_STEM_LENGTH].strip("-") or f"{timezone.now():%Y%m%d}"
    return f"{stem}-{secrets.token_hex(4)}{ALLOWED_FORMATS[fmt]}"


def normalise(file, instance=None):
    """Return a ContentFile of ``file`` upright, without metadata, under a name of the server's."""
    file.seek(0)
    with Image.open(file) as image:
        fmt = FORMAT_ALIASES.get(image.format, image.format)
        out = io.BytesIO()
        if getattr(image, "n_frames", 1) > 1 and fmt != "JPEG":
            _save_animation(image, fmt, out)
        else:
            upright = ImageOps.exif_transpose(image)
            icc_profile = image.info.get("icc_profile")
            # Everything else the file carried goes: EXIF, GPS, XMP, comments, text chunks.
            upright.info = {key: image.info[key] for key in KEPT_INFO if key in image.info}
            options = {"icc_profile": icc_profile} if icc_profile and fmt in ("JPEG", "PNG", "WEBP") else {}
            if fmt == "JPEG":
                options.update(quality=90, optimize=True)
            elif fmt == "WEBP":
                options.update(quality=90)
            elif fmt == "PNG":
                options.update(optimize=True)
            upright.save(out, format=fmt, **options)
    return ContentFile(out.getvalue(), name=stored_name(instance, fmt))


def _save_animation(image, fmt, out):
    """Every frame decoded and written again: only the pictures and their timing survive, no comment or extension."""
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        picture = frame.convert("RGBA")  # decodes the frame, which is when WebP tells its duration
        durations.append(frame.info.get("duration", 100))
        picture.info = {}  # the frame's comment and extensions stay behind
        frames.append(picture)
    frames[0].save(
        out,
        format=fmt,
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=image.info.get("loop", 0),
        disposal=2,
    )


def stored_width(fieldfile):
    """The picture's width as saved on the model, without opening the file.

    ``fieldfile.width`` reads the image from storage (a network request with
    remote storage) on every page that shows it; the width field has it already.
    """
    width_field = getattr(fieldfile.field, "width_field", None)
    if width_field and getattr(fieldfile.instance, width_field, None):
        return getattr(fieldfile.instance, width_field)
    return fieldfile.width


def rendition_widths(width):
    if not width:
        return []
    return sorted({min(w, width) for w in RENDITION_WIDTHS})


def rendition_name(name, width):
    stem = os.path.splitext(name)[0]
    return f"{RENDITION_DIR}/{stem}-{width}w.webp"


def ensure_renditions(fieldfile):
    """Write the WebP renditions of ``fieldfile`` that do not exist yet."""
    if not fieldfile:
        return []
    storage = fieldfile.storage
    wanted = [(w, rendition_name(fieldfile.name, w)) for w in rendition_widths(stored_width(fieldfile))]
    missing = [(w, n) for w, n in wanted if not storage.exists(n)]
    if missing:
        with fieldfile.open("rb") as handle, Image.open(handle) as image:
            image.seek(0)
            base = image.convert("RGBA" if _has_alpha(image) else "RGB")
            for width, rendition in missing:
                height = max(1, round(base.height * width / base.width))
                resized = base if width == base.width else base.resize((width, height), Image.Resampling.LANCZOS)
                out = io.BytesIO()
                resized.save(out, format="WEBP", quality=82, method=4)
                storage.save(rendition, ContentFile(out.getvalue()))
    return [n for _w, n in wanted]


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def srcset(fieldfile):
    """The ``srcset`` value for ``fieldfile``'s renditions, from stored dimensions only."""
    if not fieldfile:
        return ""
    storage = fieldfile.storage
    return ", ".join(
        f"{storage.url(rendition_name(fieldfile.name, w))} {w}w" for w in rendition_widths(stored_width(fieldfile))
    )


def rendition_url(fieldfile, width):
    """URL of the smallest rendition at least ``width`` pixels wide (or the largest there is)."""
    widths = rendition_widths(stored_width(fieldfile)) if fieldfile else []
    if not widths:
        return ""
    chosen = next((w for w in widths if w >= width), widths[-1])
    return fieldfile.storage.url(rendition_name(fieldfile.name, chosen))


def delete_renditions(fieldfile):
    storage = fieldfile.storage
    for width in rendition_widths(stored_width(fieldfile)):
        storage.delete(rendition_name(fieldfile.name, width))


class CheckedImageFormField(forms.ImageField):
    """Django's ImageField, with our specific messages checked first."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "seek"):
            check_image(data)
        return super().to_python(data)


class CheckedImageField(models.ImageField):
    """An ImageField whose uploads pass ``check_image`` in forms and in full_clean."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value and not getattr(value, "_committed", True):
            check_image(value.file)


def prepare_upload(fieldfile):
    """Check and normalise a freshly assigned, not yet stored upload in place.

    Runs on every model save, so the shell and scripts get the same
    treatment as the admin.
    """
    if not fieldfile or getattr(fieldfile, "_committed", True):
        return False
    check_image(fieldfile.file)
    clean = normalise(fieldfile.file, fieldfile.instance)
    fieldfile.save(clean.name, clean, save=False)
    return True
