"""Small builders for test data: every test makes what it needs, nothing more."""

import io
from datetime import timedelta
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from content.models import Status
from news.models import Article
from pages.models import Page
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


class _FormReader(HTMLParser):
    """The fields of an admin page's own form (``id="<model>_form"``), with the values a browser would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data, self.in_form, self.done = {}, False, False
        self._textarea = self._select = None
        self._select_multiple = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        # The admin's own form (``<model>_form``), not the language switcher or the log-out button.
        if tag == "form" and attrs.get("method", "").lower() == "post" and attrs.get("id", "").endswith("_form"):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]
        elif tag == "select" and name:
            self._select, self._select_multiple = name, "multiple" in attrs
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            value = self.data[self._textarea][0]  # a browser drops the newline that opens a textarea
            self.data[self._textarea][0] = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def posted_form(html, **changes):
    """What a browser posts from ``html``'s form, with ``changes`` typed in (a value, or a list for several)."""
    reader = _FormReader()
    reader.feed(html)
    data = {name: values if len(values) != 1 else values[0] for name, values in reader.data.items()}
    data = {name: value for name, value in data.items() if value != []}
    data.update(changes)
    data.setdefault("_save", "save")
    return data


def make_page(title="关于我们", kind="about", published=True, when=None, body="<p>正文。</p>", **fields):
    return Page.objects.create(title=title, kind=kind, body=body, **_publication(published, when), **fields)
