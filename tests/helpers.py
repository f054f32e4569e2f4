"""Small builders for test data: every test makes what it needs, nothing more."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from content.models import Status
from news.models import Article
from parks.models import Enterprise, Park

ROLE_GROUPS = {"editor": "编辑 Editor", "publisher": "发布者 Publisher"}


def make_staff(username, role):
    user = get_user_model().objects.create_user(username=username, password="unused-in-tests", is_staff=True)
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    return user


def image_bytes(fmt="JPEG", size=(1600, 900), color=(30, 120, 200), exif=None, **save_options):
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" else "RGB"
    image = Image.new(mode, size, color)
    if exif is not None:
        save_options["exif"] = exif
    image.save(buffer, format=fmt, **save_options)
    return buffer.getvalue()


def upload(name="cover.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content if content is not None else image_bytes(), content_type=content_type)


def _publication(published, when):
    if when is None:
        when = timezone.now() - timedelta(hours=1)
    return {"status": Status.PUBLISHED if published else Status.DRAFT, "published_at": when}


def make_article(title="青岛高新区发展新闻", published=True, when=None, body="<p>正文。</p>", **fields):
    return Article.objects.create(title=title, body=body, **_publication(published, when), **fields)


def make_park(name="青岛高新技术产业开发区", published=True, when=None, **fields):
    return Park.objects.create(name=name, **_publication(published, when), **fields)


def make_enterprise(name="青岛创新奇智科技集团股份有限公司", published=True, when=None, **fields):
    return Enterprise.objects.create(name=name, **_publication(published, when), **fields)
