"""Uploaded images: real files made with Pillow, through the real checks and storage."""

import io
import os
import struct
import zlib
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image, ImageFile

from content.images import check_image, srcset
from news.models import Article
from tests.helpers import image_bytes, make_article, make_park, upload

RED, BLUE = (220, 20, 20), (20, 20, 220)
DEFAULT = settings.LANGUAGE_CODE  # Chinese


def two_colour_jpeg(size=(200, 100), exif=None, **options):
    """Left half red, right half blue: after a rotation one can tell where "left" went."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95, **({"exif": exif} if exif is not None else {}), **options)
    return buffer.getvalue()


def camera_exif(orientation=6):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Model X"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (36.0, 4.0, 1.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (120.0, 22.0, 58.0)
    return exif


def noisy_jpeg(size):
    # Noise does not compress: the file is big in bytes for its pixel count.
    image = Image.frombytes("RGB", size, bytes((i * 7919) % 251 for i in range(size[0] * size[1] * 3)))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


def mpo_bytes(size=(300, 200)):
    # What many phones write: a JPEG with a second picture attached (Pillow calls it MPO).
    buffer = io.BytesIO()
    Image.new("RGB", size, RED).save(buffer, format="MPO", save_all=True, append_images=[Image.new("RGB", size, BLUE)])
    return buffer.getvalue()


def stored(fieldfile):
    return Image.open(fieldfile.path)


def messages_of(data, name="upload.jpg", language="en"):
    """The messages ``check_image`` gives for ``data``, checked and worded in ``language``.

    Editors read them in English in /en/admin/; code outside a request words them
    in the default language, Chinese (``language=DEFAULT``).
    """
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            check_image(SimpleUploadedFile(name, data))
        return caught.value.messages


def media_files(media_root, pattern="**/*"):
    return sorted(p for p in Path(media_root).glob(pattern) if p.is_file())


def srcset_entries(value):
    """[(path in MEDIA_ROOT, declared width)] for a srcset attribute value."""
    entries = []
    for item in value.split(","):
        url, width = item.split()
        assert width.endswith("w")
        assert url.startswith(default_storage.base_url)
        entries.append((Path(default_storage.path(unquote(url[len(default_storage.base_url) :]))), int(width[:-1])))
    return entries


# What is accepted.


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
@pytest.mark.django_db
def test_accepted_formats_are_stored_in_their_own_format(fmt):
    article = make_article(cover=upload(f"cover.{fmt.lower()}", image_bytes(fmt, size=(400, 300))), cover_alt="园区")
    with stored(article.cover) as image:
        assert image.format == fmt
        assert image.size == (400, 300)
    assert (article.cover_width, article.cover_height) == (400, 300)


@pytest.mark.django_db
def test_a_phone_jpeg_with_an_extra_picture_is_accepted_as_jpeg():
    article = make_article(cover=upload("IMG_0001.JPG", mpo_bytes()), cover_alt="手机照片")
    with stored(article.cover) as image:
        assert image.format == "JPEG"
        assert image.size == (300, 200)
    assert article.cover.name.endswith(".jpg")


def test_the_file_name_does_not_decide_the_format():
    assert check_image(SimpleUploadedFile("photo.gif", image_bytes("PNG", size=(10, 10)))) == "PNG"


# What is refused, and what the editor is told.


def bomb_png(width=20000, height=20000):
    """A complete, valid black-and-white PNG: a few hundred KB, 400 megapixels once decoded.

    Written chunk by chunk because Pillow takes seconds to encode it.
    """
    row = b"\0" * (1 + (width + 7) // 8)  # filter byte, then 1 bit per pixel
    compressor = zlib.compressobj(1)
    idat = b"".join(compressor.compress(row * 200) for _ in range(height // 200)) + compressor.flush()

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_a_decompression_bomb_is_refused_without_being_decoded(monkeypatch):
    data = bomb_png()
    assert len(data) < 1_000_000
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: decoded.append(self))
    messages = messages_of(data, "bomb.png")
    assert "too many pixels" in messages[0]
    assert "像素过多" in messages_of(data, "bomb.png", DEFAULT)[0]
    assert decoded == []


def test_an_image_over_the_pixel_limit_is_refused_with_its_size(settings):
    settings.IMAGE_MAX_PIXELS = 500_000
    data = image_bytes("PNG", size=(1000, 600))
    assert messages_of(data, "big.png") == ["The image is 1000 × 600 pixels; the limit is 0.5 megapixels."]
    assert messages_of(data, "big.png", DEFAULT) == ["图片尺寸为1000 × 600像素，上限为0.5百万像素。"]


def test_a_truncated_jpeg_is_refused_as_damaged():
    data = image_bytes("JPEG", size=(800, 600))
    assert "damaged" in messages_of(data[: len(data) // 2])[0]
    assert "已损坏" in messages_of(data[: len(data) // 2], language=DEFAULT)[0]


def test_an_html_file_named_jpg_is_refused_as_not_an_image():
    data = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
    assert "not an image" in messages_of(data, "photo.jpg")[0]
    assert "不是图片" in messages_of(data, "photo.jpg", DEFAULT)[0]


@pytest.mark.parametrize("fmt", ["BMP", "TIFF"])
def test_other_image_formats_are_refused_by_name(fmt):
    data = image_bytes(fmt, size=(40, 30))
    assert messages_of(data, "photo.jpg") == [f"This is a {fmt} file; upload a JPEG, PNG, WebP or GIF image."]
    assert messages_of(data, "photo.jpg", DEFAULT) == [f"这是{fmt}文件，请上传JPEG、PNG、WebP或GIF格式的图片。"]


def test_a_file_over_the_byte_limit_is_refused_with_the_limit(settings):
    data = noisy_jpeg((300, 300))
    settings.IMAGE_MAX_BYTES = len(data) - 1
    message = messages_of(data)[0]
    assert "the limit is" in message and "MB" in message
    message = messages_of(data, language=DEFAULT)[0]
    assert "上限为" in message and "MB" in message


@pytest.mark.django_db
def test_a_bad_upload_stops_the_save_and_stores_nothing(media_root):
    with translation.override("en"), pytest.raises(ValidationError, match="not an image"):
        make_article(cover=upload("x.jpg", b"GIF89a but not really"), cover_alt="x")
    assert Article.objects.count() == 0
    assert media_files(media_root) == []


@pytest.mark.django_db
def test_full_clean_rejects_a_bad_image():
    for language, words in [("en", "not an image"), (DEFAULT, "不是图片")]:
        article = Article(title="新闻", body="<p>x</p>", cover=upload("x.jpg", b"<html></html>"), cover_alt="x")
        with translation.override(language):
            with pytest.raises(ValidationError) as caught:
                article.full_clean()
            assert words in " ".join(caught.value.message_dict["cover"])


@pytest.mark.django_db
def test_a_cover_needs_alt_text():
    article = Article(title="新闻", body="<p>x</p>", cover=upload())
    with pytest.raises(ValidationError) as caught:
        article.full_clean()
    assert set(caught.value.message_dict) == {"cover_alt"}
    article.cover_alt = "高新区全景"
    article.full_clean()


# What is stored: upright, and nothing the camera recorded.


@pytest.mark.django_db
def test_exif_orientation_is_applied_and_all_metadata_removed():
    data = two_colour_jpeg(exif=camera_exif(orientation=6), xmp=b"<x:xmpmeta>GPS 36.07N</x:xmpmeta>")
    with Image.open(io.BytesIO(data)) as original:  # the test file really carries what we strip
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "xmp" in original.info

    article = make_article(cover=upload("IMG_1234.jpg", data), cover_alt="园区航拍")

    with stored(article.cover) as image:
        assert image.size == (100, 200)
        assert dict(image.getexif()) == {}
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "exif" not in image.info and "xmp" not in image.info
        # Orientation 6 means "turn right to view": what was the left (red) half is now on top.
        top, bottom = image.convert("RGB").getpixel((50, 20)), image.convert("RGB").getpixel((50, 180))
        assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]
    assert (article.cover_width, article.cover_height) == (100, 200)
    assert b"PhoneMaker" not in Path(article.cover.path).read_bytes()


# Renditions and srcset.


@pytest.mark.django_db
def test_renditions_are_written_once_at_each_width(media_root):
    article = make_article(cover=upload("wide.jpg", image_bytes("JPEG", size=(1600, 900))), cover_alt="宽图")

    renditions = media_files(media_root, "**/*.webp")
    widths = {}
    for path in renditions:
        with Image.open(path) as image:
            assert image.format == "WEBP"
            widths[image.width] = image.height
    assert widths == {320: 180, 640: 360, 960: 540, 1280: 720, 1600: 900}

    everything = media_files(media_root)
    for path in everything:  # an old time stamp shows any rewrite, however fast the test runs
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    article.title = "宽图新闻（更新）"
    article.save()
    Article.objects.get(pk=article.pk).save()

    assert media_files(media_root) == everything
    assert all(path.stat().st_mtime_ns == 1_000_000_000 for path in everything)


@pytest.mark.django_db
def test_srcset_lists_every_rendition_with_its_width(client):
    article = make_article(cover=upload("wide.jpg", image_bytes("JPEG", size=(1600, 900))), cover_alt="宽图")
    value = srcset(Article.objects.get(pk=article.pk).cover)

    entries = srcset_entries(value)
    assert [width for _path, width in entries] == [320, 640, 960, 1280, 1600]
    for path, width in entries:
        with Image.open(path) as image:
            assert image.width == width
    assert value in client.get(article.get_absolute_url()).text.replace("&amp;", "&")


@pytest.mark.django_db
def test_a_small_image_gets_a_single_rendition_at_its_own_width(media_root):
    park = make_park(image=upload("logo.png", image_bytes("PNG", size=(200, 120))), image_alt="标志")
    entries = srcset_entries(srcset(park.image))
    assert [width for _path, width in entries] == [200]
    assert entries[0][0].exists()
    assert len(media_files(media_root, "**/*.webp")) == 1


@pytest.mark.django_db
def test_srcset_comes_from_the_stored_width_without_reading_the_file(monkeypatch):
    article = make_article(cover=upload("wide.jpg", image_bytes("JPEG", size=(1000, 500))), cover_alt="图")
    expected = srcset(article.cover)

    def unreachable(self, name, mode="rb"):
        raise AssertionError(f"storage read while rendering: {name}")

    # A page showing a cover must not fetch the original from (possibly remote) storage.
    monkeypatch.setattr(FileSystemStorage, "_open", unreachable)
    assert srcset(Article.objects.get(pk=article.pk).cover) == expected
    assert [width for _path, width in srcset_entries(expected)] == [320, 640, 960, 1000]
