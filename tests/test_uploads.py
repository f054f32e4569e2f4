"""What is stored of an upload: a name the server made, the picture, and nothing else.

The client's file name decided the stored name (``x.php.png`` and ``CON.jpg``
were kept, and a name of 300 Chinese characters failed on every image field
with "file name too long"); a JPEG comment survived the metadata stripping;
an animated GIF was stored byte for byte, comments and all.
"""

import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image, ImageSequence, PngImagePlugin

from content.images import check_image
from tests.helpers import image_bytes, make_article, make_park, upload
from tests.test_admin_articles import article_form

pytestmark = pytest.mark.django_db

SECRET = b"Reporter Li, room 1203, call 1390000000"


def stored_bytes(fieldfile):
    return Path(fieldfile.path).read_bytes()


def animated(fmt="GIF", frames=4, size=(60, 40), **options):
    pictures = [Image.new("RGB", size, (40 * i, 120, 200 - 40 * i)) for i in range(frames)]
    out = io.BytesIO()
    pictures[0].save(out, format=fmt, save_all=True, append_images=pictures[1:], duration=80, loop=0, **options)
    return out.getvalue()


@pytest.mark.parametrize(
    ("client_name", "content", "extension"),
    [
        ("x.php.png", image_bytes("PNG", size=(40, 30)), ".png"),
        ("CON.jpg", image_bytes("JPEG", size=(40, 30)), ".jpg"),
        ("封面" * 150 + ".jpg", image_bytes("JPEG", size=(40, 30)), ".jpg"),
        ("photo.gif", image_bytes("PNG", size=(40, 30)), ".png"),  # the content decides, not the name
        ("../../etc/passwd.jpg", image_bytes("WEBP", size=(40, 30)), ".webp"),
    ],
)
def test_the_stored_name_is_the_servers_whatever_the_client_sent(client, client_name, content, extension):
    article = make_article(slug="gaoxin-news", cover=upload(client_name, content), cover_alt="园区")
    folder, name = article.cover.name.rsplit("/", 1)
    assert re.fullmatch(r"gaoxin-news-[0-9a-f]{8}" + re.escape(extension), name), name
    assert folder.startswith("covers/")
    assert "php" not in name and "CON" not in name and "封面" not in name and ".." not in article.cover.name
    assert client.get(article.get_absolute_url()).status_code == 200


def test_two_uploads_of_one_object_do_not_share_a_name():
    park = make_park(slug="qingdao-park", image=upload("a.jpg"), image_alt="园区")
    first = park.image.name
    park.image = upload("a.jpg")
    park.save()
    assert park.image.name != first and park.image.name.startswith("parks/")


def test_a_long_chinese_file_name_saves_through_the_admin(editor_client):
    data = article_form(cover=upload("青岛高新区人工智能产业园签约仪式现场照片" * 15 + ".jpg"), cover_alt="签约现场")
    response = editor_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors


def test_a_jpeg_comment_is_removed():
    data = image_bytes("JPEG", size=(80, 60), comment=SECRET)
    with Image.open(io.BytesIO(data)) as original:
        assert original.info.get("comment") == SECRET  # the test file really carries it
    article = make_article(cover=upload("c.jpg", data), cover_alt="园区")
    assert SECRET not in stored_bytes(article.cover)
    with Image.open(article.cover.path) as image:
        assert "comment" not in image.info


def test_png_text_chunks_are_removed():
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", SECRET.decode())
    data = image_bytes("PNG", size=(80, 60), pnginfo=text)
    article = make_article(cover=upload("c.png", data), cover_alt="园区")
    assert SECRET not in stored_bytes(article.cover)
    with Image.open(article.cover.path) as image:
        assert "Author" not in image.info


@pytest.mark.parametrize("fmt", ["GIF", "WEBP", "PNG"])
def test_an_animation_is_re_encoded_frame_by_frame_without_its_comment(fmt):
    data = animated(fmt, comment=SECRET) if fmt == "GIF" else animated(fmt)
    article = make_article(cover=upload(f"a.{fmt.lower()}", data), cover_alt="动图")
    stored = stored_bytes(article.cover)
    assert stored != data  # not stored byte for byte
    assert SECRET not in stored
    with Image.open(article.cover.path) as image:
        assert image.format == fmt
        durations = []
        for frame in ImageSequence.Iterator(image):
            frame.load()  # WebP tells a frame's duration once it is decoded
            durations.append(frame.info.get("duration"))
        assert durations == [80] * 4
        assert "comment" not in image.info


def test_an_animation_over_the_frame_budget_is_refused_with_its_numbers(settings):
    settings.IMAGE_MAX_FRAMES = 3
    with pytest.raises(Exception) as refused:
        check_image(upload("long.gif", animated(frames=5)))
    assert refused.value.code == "image_animation"
    assert refused.value.params["frames"] == 5 and refused.value.params["limit"] == 3


def test_an_animation_over_the_pixel_budget_is_refused(settings, editor_client):
    settings.IMAGE_MAX_ANIMATION_PIXELS = 10_000  # 4 frames of 60 × 40 are 9,600 pixels; 5 are 12,000
    data = article_form(cover=upload("big.gif", animated(frames=5)), cover_alt="动图")
    response = editor_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["cover"]
    assert "5" in errors[0] and "60 × 40" in errors[0]
    assert not response.context["adminform"].form.instance.pk
