"""The image library for rich-text bodies: real files through Pillow, real bodies through the sanitizer.

An image is uploaded once (checked, cleaned, with WebP renditions, like a cover), inserted into a
body as a plain ``<img src alt>`` of this site, and shown on the public pages as a figure with
srcset and caption in the page's language. The library knows which pages use each image, counts
them without a query per image, and refuses to delete an image a page still shows.
"""

import re
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from content.images import RENDITION_DIR
from content.library import BodyImage, marked_names, marker_prefix, render_images
from content.sanitizer import report, sanitize
from news.models import Article
from tests.helpers import image_bytes, make_article, make_enterprise, make_park, upload

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:content_bodyimage_changelist")
PICKER = reverse("admin:content_bodyimage_picker")
UPLOAD = reverse("admin:content_bodyimage_upload")


def make_image(alt="西海岸新区全景", size=(1600, 900), **fields):
    return BodyImage.objects.create(file=upload("photo.jpg", image_bytes(size=size)), alt=alt, **fields)


def body_with(*images_, text="<p>正文。</p>"):
    return text + "".join(image.marker_html() for image in images_)


# -- the model: same checks, clean-up and renditions as covers -----------------------------------


def test_an_upload_is_renamed_cleaned_and_gets_its_renditions():
    image = make_image(size=(1500, 1000))
    assert image.file.name.startswith("library/")
    assert "photo" not in image.file.name  # the server's name, never the client's
    assert (image.width, image.height) == (1500, 1000)
    for width in (320, 640, 960, 1280, 1500):
        stem = Path(image.file.name).stem
        assert default_storage.exists(f"{RENDITION_DIR}/{Path(image.file.name).parent}/{stem}-{width}w.webp")


def test_a_file_that_is_not_an_image_is_refused_with_the_covers_message():
    image = BodyImage(file=upload("photo.jpg", b"%PDF-1.4 not a picture"), alt="文件")
    with pytest.raises(ValidationError) as refused:
        image.full_clean()
    assert "此文件不是图片" in str(refused.value)
    assert not BodyImage.objects.exists()


def test_the_marker_is_what_the_sanitizer_keeps_and_names_the_file():
    image = make_image(alt='园区 "全景" <夜>')
    html = body_with(image)
    assert sanitize(html) == html
    assert report(html).removed == []
    assert html.endswith(
        f'<img src="{marker_prefix()}{image.file.name[len("library/") :]}" alt="园区 &quot;全景&quot; &lt;夜&gt;">'
    )
    assert marked_names(html) == [image.file.name]


# -- public pages: a figure with srcset and caption, in both languages -----------------------------


def test_the_article_page_shows_the_image_as_a_figure_with_srcset_and_caption(client):
    image = make_image(alt="西海岸新区全景", alt_en="Panorama of the West Coast New Area", caption="夜景",
                       caption_en="At night", credit="青岛日报 张三")  # fmt: skip
    article = make_article(title="西海岸新区", slug="xi-hai-an", body=body_with(image), title_en="West Coast New Area",
                           body_en=body_with(image))  # fmt: skip

    page = client.get(article.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="body-image">.*?</figure>', page, re.S).group()
    assert 'alt="西海岸新区全景"' in figure
    srcset = re.search(r'srcset="([^"]+)"', figure).group(1)
    assert [w for w in re.findall(r" (\d+)w", srcset)] == ["320", "640", "960", "1280", "1600"]
    assert 'width="1600" height="900"' in figure and 'loading="lazy"' in figure
    assert "<figcaption>夜景 · 青岛日报 张三</figcaption>" in figure
    # The stored address itself is not shown: the renditions are.
    assert f'src="{image.marker}"' not in page

    english = client.get("/en" + article.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="body-image">.*?</figure>', english, re.S).group()
    assert 'alt="Panorama of the West Coast New Area" lang="en"' in figure
    assert '<figcaption lang="en">At night · 青岛日报 张三</figcaption>' in figure


def test_english_pages_fall_back_to_the_chinese_description(client):
    image = make_image(alt="园区大门")
    article = make_article(slug="men", body=body_with(image), title_en="The gate", body_en=body_with(image))
    english = client.get("/en" + article.get_absolute_url()).content.decode()
    assert 'alt="园区大门" loading="lazy">' in english
    assert "<figcaption" not in english  # no caption, no credit: nothing to say under it


def test_park_and_enterprise_descriptions_show_figures_too(client):
    image = make_image(caption="园区航拍")
    park = make_park(slug="yuan-qu", description=body_with(image))
    enterprise = make_enterprise(slug="qi-ye", description=body_with(image))
    for obj in (park, enterprise):
        page = client.get(obj.get_absolute_url()).content.decode()
        assert '<figure class="body-image">' in page and "srcset=" in page and "园区航拍" in page


def test_rendering_is_kept_for_the_content_generation(django_assert_num_queries):
    image = make_image()
    html = body_with(image)
    with django_assert_num_queries(2):  # the content state, the images of the body
        first = render_images(html, "test:1")
    with django_assert_num_queries(0):
        assert render_images(html, "test:1") == first
    with django_assert_num_queries(0):  # a body without library images costs nothing
        assert render_images("<p>文字</p>", "test:2") == "<p>文字</p>"


def test_a_caption_edited_in_the_library_shows_at_once(client):
    image = make_image(caption="旧说明")
    article = make_article(slug="bian", body=body_with(image))
    assert "旧说明" in client.get(article.get_absolute_url()).content.decode()
    image.caption = "新说明"
    image.save()
    assert "新说明" in client.get(article.get_absolute_url()).content.decode()


# -- where each image is used ----------------------------------------------------------------------


def uses(image):
    return sorted((use.content_type.model, use.object_id) for use in image.uses.all())


def test_the_usage_table_follows_the_bodies():
    first, second = make_image(alt="一"), make_image(alt="二")
    article = make_article(body=body_with(first, first))
    park = make_park(description=body_with(first, second))
    assert uses(first) == sorted([("article", article.pk), ("park", park.pk)])
    assert uses(second) == [("park", park.pk)]

    article.body = body_with(second)
    article.save()
    assert uses(first) == [("park", park.pk)]
    assert uses(second) == sorted([("article", article.pk), ("park", park.pk)])

    park.delete()
    assert uses(first) == [] and uses(second) == [("article", article.pk)]


def test_publishing_keeps_the_uses(publisher_client):
    image = make_image()
    article = make_article(published=False, body=body_with(image))
    publisher_client.post(
        reverse("admin:news_article_changelist"), {"action": "publish", "_selected_action": [article.pk]}
    )
    assert Article.objects.get(pk=article.pk).is_public
    assert uses(image) == [("article", article.pk)]


def test_a_used_image_cannot_be_deleted_by_any_path():
    image = make_image()
    make_article(body=body_with(image))
    with pytest.raises(Exception, match="protected"):
        image.delete()


# -- the admin: list, search, where used, deleting --------------------------------------------------


def test_the_list_shows_thumbnails_and_counts_uses_and_search_finds_captions_credits_and_names(editor_client):
    used = make_image(alt="港口", caption="前湾港区", credit="新华社")
    make_image(alt="厂房")
    make_article(body=body_with(used))
    make_park(description=body_with(used))

    page = editor_client.get(CHANGELIST).content.decode()
    assert page.count('<img src="/media/renditions/library/') == 2
    row = re.search(r"<tr>(?:(?!</tr>).)*港口.*?</tr>", page, re.S).group()
    assert '<td class="field-use_count">2</td>' in row

    for query, found in [("前湾", ["港口"]), ("新华社", ["港口"]), ("厂房", ["厂房"]), ("photo", [])]:
        page = editor_client.get(CHANGELIST, {"q": query}).content.decode()
        assert re.findall(r'class="field-alt"><a [^>]*>([^<]+)</a>', page) == found, query
    # The server's file name is searchable (an editor may have the address from a body).
    name = used.file.name.rsplit("/", 1)[1][:12]
    page = editor_client.get(CHANGELIST, {"q": name}).content.decode()
    assert re.findall(r'class="field-alt"><a [^>]*>([^<]+)</a>', page) == ["港口"]


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_costs_the_same_queries_for_3_and_30_images(editor_client, count, django_assert_num_queries):
    images_ = [make_image(alt=f"图片{n}") for n in range(count)]
    for image in images_[:2]:
        make_article(body=body_with(image))
    # session, user, the list's count, the full count, the page of images with their uploaders and use counts
    # (one query, counted in it)... as the admin's changelist always does.
    with django_assert_num_queries(7):
        response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    assert response.content.decode().count('class="field-alt"') == count


def test_the_change_page_lists_the_pages_that_use_the_image(editor_client):
    image = make_image()
    article = make_article(title="港口新闻", body=body_with(image))
    draft = make_park(name="前湾园区", published=False, description=body_with(image))
    page = editor_client.get(reverse("admin:content_bodyimage_change", args=[image.pk])).content.decode()
    uses_html = re.search(r'<ul class="library-uses">.*?</ul>', page, re.S).group()
    assert reverse("admin:news_article_change", args=[article.pk]) in uses_html and "港口新闻" in uses_html
    assert article.get_absolute_url() in uses_html
    assert reverse("admin:parks_park_change", args=[draft.pk]) in uses_html and draft.get_preview_url() in uses_html


def test_deleting_a_used_image_is_refused_with_the_pages(publisher_client):
    image = make_image(alt="港口")
    article = make_article(title="港口新闻", body=body_with(image))
    url = reverse("admin:content_bodyimage_delete", args=[image.pk])
    page = publisher_client.get(url).content.decode()
    assert "不能删除" in page and "港口新闻" in page
    assert reverse("admin:news_article_change", args=[article.pk]) in page
    response = publisher_client.post(url, {"post": "yes"})
    assert BodyImage.objects.filter(pk=image.pk).exists()
    assert "港口新闻" in response.content.decode()


def test_bulk_deleting_refuses_everything_while_one_image_is_used_and_deletes_unused_ones(publisher_client):
    used, unused = make_image(alt="用"), make_image(alt="闲")
    make_article(title="港口新闻", body=body_with(used))
    data = {"action": "delete_selected", "_selected_action": [used.pk, unused.pk], "post": "yes"}
    response = publisher_client.post(CHANGELIST, data)
    assert "港口新闻" in response.content.decode() and "没有删除" in response.content.decode()
    assert BodyImage.objects.count() == 2

    publisher_client.post(CHANGELIST, {**data, "_selected_action": [unused.pk]})
    assert list(BodyImage.objects.all()) == [used]


def test_the_file_of_a_saved_image_is_not_replaced(editor_client):
    image = make_image(alt="旧")
    name = image.file.name
    url = reverse("admin:content_bodyimage_change", args=[image.pk])
    assert 'type="file"' not in editor_client.get(url).content.decode()
    editor_client.post(url, {"file": upload("new.png", image_bytes("PNG"), "image/png"), "alt": "新"})
    image.refresh_from_db()
    assert (image.alt, image.file.name) == ("新", name)


def test_deleting_an_unused_image_removes_its_file_and_renditions(publisher_client, django_capture_on_commit_callbacks):
    image = make_image(size=(700, 400))
    stem = Path(image.file.name).stem
    files = [
        image.file.name,
        *(f"{RENDITION_DIR}/{Path(image.file.name).parent}/{stem}-{w}w.webp" for w in (320, 640, 700)),
    ]
    assert all(default_storage.exists(name) for name in files)
    with django_capture_on_commit_callbacks(execute=True):
        publisher_client.post(reverse("admin:content_bodyimage_delete", args=[image.pk]), {"post": "yes"})
    assert not BodyImage.objects.exists()
    assert not any(default_storage.exists(name) for name in files)


def test_editors_upload_and_change_but_only_publishers_delete(editor_client):
    image = make_image()
    assert editor_client.get(reverse("admin:content_bodyimage_add")).status_code == 200
    assert editor_client.get(reverse("admin:content_bodyimage_delete", args=[image.pk])).status_code == 403
    page = editor_client.get(CHANGELIST).content.decode()
    assert "delete_selected" not in page


def test_the_library_form_refuses_a_bad_file_and_a_missing_description_and_keeps_the_good_upload(editor_client):
    response = editor_client.post(
        reverse("admin:content_bodyimage_add"), {"file": upload("a.jpg", b"GIF89a broken"), "alt": "港口"}
    )
    assert response.status_code == 200
    assert "此文件不是图片" in response.content.decode()
    response = editor_client.post(reverse("admin:content_bodyimage_add"), {"file": upload(), "alt": ""})
    page = response.content.decode()
    assert "errorlist" in page and "photo" not in page
    token = re.search(r'name="file__kept" value="([^"]+)"', page).group(1)
    editor_client.post(reverse("admin:content_bodyimage_add"), {"file__kept": token, "alt": "港口"})
    image = BodyImage.objects.get()
    assert image.alt == "港口" and image.uploaded_by.username == "editor"


# -- the picker's two views --------------------------------------------------------------------------


def test_the_picker_lists_and_searches_the_library(editor_client):
    make_image(alt="港口", caption="前湾")
    make_image(alt="厂房")
    everything = editor_client.get(PICKER).json()["results"]
    assert [image["alt"] for image in everything] == ["厂房", "港口"]  # newest first
    assert everything[0]["src"].startswith(marker_prefix())
    assert [image["alt"] for image in editor_client.get(PICKER, {"q": "前湾"}).json()["results"]] == ["港口"]


def test_an_upload_from_the_picker_is_checked_like_a_cover_and_answers_in_chinese(editor_client):
    response = editor_client.post(UPLOAD, {"file": upload("a.jpg", b"not an image at all"), "alt": "港口"})
    assert response.status_code == 400
    assert "此文件不是图片" in response.json()["errors"]["file"][0]
    response = editor_client.post(UPLOAD, {"file": upload(), "alt": ""})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["alt"]
    assert not BodyImage.objects.exists()

    response = editor_client.post(UPLOAD, {"file": upload(), "alt": "港口", "credit": "新华社"})
    assert response.status_code == 201
    image = BodyImage.objects.get()
    assert response.json()["src"] == image.marker and image.uploaded_by.username == "editor"
    assert LogEntry.objects.filter(object_id=str(image.pk)).exists()


def test_the_picker_answers_english_on_the_english_admin(editor_client):
    response = editor_client.post("/en" + UPLOAD, {"file": upload("a.jpg", b"not an image at all"), "alt": "x"})
    assert "not an image" in response.json()["errors"]["file"][0]


def test_staff_without_a_role_cannot_use_the_picker(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("guest", password="x", is_staff=True))
    assert client.get(PICKER).status_code == 403
    assert client.post(UPLOAD, {"file": upload(), "alt": "港口"}).status_code == 403
    assert not BodyImage.objects.exists()


def test_a_body_with_an_image_saves_through_the_article_form_and_is_used(editor_client):
    image = make_image()
    html = f"<p>正文。</p>{image.marker_html()}<p>后文。</p>"
    data = {"title": "新闻", "slug": "", "summary": "", "body": html, "cover_alt": "", "tags": "",
            "source_outlet": "", "source_url": "", "source_date": "", "original_title": "", "author": "",
            "_save": "save"}  # fmt: skip
    response = editor_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.body == html
    assert uses(image) == [("article", article.pk)]
