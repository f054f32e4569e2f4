"""A cover chosen in a form that is refused stays chosen: the editor does not have to pick it again."""

import re

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.test import Client

from news.models import Article
from parks.models import Park
from tests.helpers import image_bytes, make_park, upload
from tests.test_admin_articles import ADD_URL, TITLE, article_form, small_jpeg
from tests.test_admin_parks import change_url, figures, park_form

pytestmark = pytest.mark.django_db


def kept_token(html, field):
    found = re.search(rf'<input type="hidden" name="{field}__kept" value="([^"]+)">', html)
    return found.group(1) if found else None


def kept_in_cache(token):
    return cache.get(f"kept-upload:{token}") is not None


def media_files():
    """Every file in the media storage (a kept upload is not one of them: it is the upload as it came)."""
    found, folders = [], [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, files = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        found += [f"{folder}/{name}".lstrip("/") for name in files]
        folders += [f"{folder}/{name}".lstrip("/") for name in subfolders]
    return found


def test_a_cover_chosen_in_a_refused_form_is_saved_with_the_next_try(editor_client):
    refused = editor_client.post(ADD_URL, article_form(cover=small_jpeg("港口.jpg")))  # no description: refused
    assert refused.status_code == 200
    token = kept_token(refused.text, "cover")
    assert token and "已选择：“港口.jpg”" in refused.text
    assert kept_in_cache(token) and not Article.objects.exists()
    assert media_files() == []  # not in the media storage, which serves anyone with an address

    saved = editor_client.post(ADD_URL, article_form(cover_alt="青岛港的集装箱码头", cover__kept=token))
    assert saved.status_code == 302
    article = Article.objects.get(title=TITLE)
    assert article.cover and article.cover.width == 400
    assert "港口" not in article.cover.name  # stored under a name the server makes, as any upload
    assert not kept_in_cache(token)  # saved: the kept copy is gone


def test_a_refused_inline_row_keeps_the_park_image_too(editor_client):
    park = make_park(name="青岛国际创新园", published=False)  # a draft: the editor's save is direct
    bad_row = {"label": "入驻企业", "value": "很多", "unit": "家", "year": "2024", "position": "0"}
    data = park_form(
        park, image=upload("园区.png", image_bytes("PNG", size=(300, 200)), "image/png"), **figures(bad_row)
    )
    response = editor_client.post(change_url(park), data)
    assert response.status_code == 200
    token = kept_token(response.text, "image")
    assert token

    data = park_form(park, image_alt="园区全景", image__kept=token)
    assert editor_client.post(change_url(park), data).status_code == 302
    assert Park.objects.get(pk=park.pk).image


def test_a_new_file_replaces_the_kept_one(editor_client):
    token = kept_token(editor_client.post(ADD_URL, article_form(cover=small_jpeg())).text, "cover")
    replacement = upload("new.jpg", image_bytes(size=(640, 480)))
    editor_client.post(ADD_URL, article_form(cover=replacement, cover_alt="新图", cover__kept=token))
    assert Article.objects.get(title=TITLE).cover.width == 640


def test_a_bad_image_is_not_kept(editor_client):
    response = editor_client.post(ADD_URL, article_form(cover=upload("x.jpg", b"not an image"), cover_alt="图"))
    assert response.status_code == 200
    assert kept_token(response.text, "cover") is None


def test_another_session_cannot_take_a_kept_file(editor_client, editor):
    token = kept_token(editor_client.post(ADD_URL, article_form(cover=small_jpeg())).text, "cover")
    other = Client()
    other.force_login(editor)  # the same person in another browser: another session
    response = other.post(ADD_URL, article_form(cover_alt="图", cover__kept=token))
    assert response.status_code == 200 and "之前选择的图片已不再保留" in response.text  # not theirs to take
    assert not Article.objects.exists()
    assert kept_in_cache(token)  # still there for the session that chose it


def test_a_kept_image_the_cache_lost_is_said_not_dropped(editor_client):
    token = kept_token(editor_client.post(ADD_URL, article_form(cover=small_jpeg())).text, "cover")
    cache.clear()  # a day later, or Redis emptied
    response = editor_client.post(ADD_URL, article_form(cover_alt="图", cover__kept=token))
    assert response.status_code == 200
    assert "之前选择的图片已不再保留" in response.text
    assert not Article.objects.exists()
