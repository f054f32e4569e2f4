"""The editor's journey with images, in Chromium: write, insert an uploaded image, paste from Word, save a
draft, preview, publish, and read it on the public site; then the same tools on a 390 px phone.

An editor (the editor role, not a superuser) writes three paragraphs, a subheading and a bulleted
list, tries to upload a file that is not an image (the picker says why, in place, and nothing typed
is lost), uploads a real one with its description through the toolbar's "Insert image" picker,
pastes tests/fixtures/paste/word.html and saves a draft; the preview shows the figure. A publisher
publishes it from the list, and a visitor sees the figure with srcset and its caption. Nothing on
the way breaks the Content-Security-Policy or writes an error to the console.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.urls import reverse

from content.library import BodyImage, marker_prefix
from content.sanitizer import sanitize
from news.models import Article
from tests.browser_support import DESKTOP, PHONE, browser
from tests.helpers import ROLE_GROUPS, image_bytes, make_article, upload
from tests.test_editor import PASTE
from tests.test_editor_browser import EDITOR, WATCH_CSP, paste, type_an_article

__all__ = ["browser"]  # a fixture

pytestmark = pytest.mark.browser

TITLE = "西海岸新区签约三个重点项目"
PICKER = "dialog.image-picker"
UPLOAD = reverse("admin:content_bodyimage_upload")


def restore_roles():
    """The roles as the data migrations make them (the flush after each live-server test empties the groups)."""
    loader = MigrationLoader(connection)
    for app, name in [("bureau", "0002_roles"), ("bureau", "0007_image_library_roles")]:
        state = loader.project_state((app, name))
        for operation in loader.get_migration(app, name).operations:
            operation.code(state.apps, None)


def session_of(username, role):
    user = get_user_model().objects.create_user(username=username, password="unused", is_staff=True)
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.fixture
def sessions(transactional_db):
    restore_roles()
    return {"editor": session_of("li.na", "editor"), "publisher": session_of("wang.qing", "publisher")}


class Session:
    """A browser context logged in (or not) that keeps console errors and CSP violations."""

    def __init__(self, browser, live_server, cookie=None, viewport=DESKTOP):
        self.context = browser.new_context(viewport=viewport, locale="zh-CN")
        if cookie:
            self.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.page.add_init_script(WATCH_CSP)
        self.errors = []
        self.page.on("console", self.console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.url = live_server.url

    def console(self, message):
        url = message.location.get("url", "")
        # The admin links no favicon; the refused upload's answer (400) is the refusal the test asks for.
        expected = url.endswith("/favicon.ico") or (url.endswith(UPLOAD) and "400" in message.text)
        if message.type == "error" and not expected:
            self.errors.append(message.text)

    def go(self, path):
        self.page.goto(self.url + path)
        return self.page

    def problems(self):
        return self.errors + self.page.evaluate("window.cspViolations")


@pytest.fixture
def open_session(browser, live_server):
    made = []

    def make(cookie=None, viewport=DESKTOP):
        session = Session(browser, live_server, cookie, viewport)
        made.append(session)
        return session

    yield make
    for session in made:
        session.context.close()


def body(page):
    return page.locator("#id_body").input_value()


def test_the_editors_journey_from_typing_to_the_public_page(open_session, sessions, tmp_path):
    editor = open_session(sessions["editor"])
    page = editor.go(reverse("admin:news_article_add"))
    page.locator(EDITOR).wait_for()
    page.locator("#id_title").fill(TITLE)
    type_an_article(page)
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the list
    typed = body(page)
    assert "<h2>签约项目</h2>" in typed and "<li><p>智能网联汽车测试场</p></li>" in typed

    # The toolbar's button, in Chinese, opens the picker.
    button = page.locator(".field-body .prose-menubar__button[data-name=siteImage]")
    assert button.get_attribute("title") == "插入图片"
    button.click()
    dialog = page.locator(PICKER)
    assert dialog.is_visible() and "插入图片" in dialog.locator("h2").inner_text()

    # A file that is not an image: refused in place with the cover's message, nothing lost.
    page.locator("#image-picker-file").set_input_files(
        {"name": "港口.jpg", "mimeType": "image/jpeg", "buffer": b"%PDF-1.4 this is no picture"}
    )
    page.locator("#image-picker-alt").fill("前湾港区集装箱码头")
    page.locator("#image-picker-caption").fill("前湾港区")
    page.locator("#image-picker-credit").fill("青岛日报 张伟")
    dialog.locator("button", has_text="上传并插入").click()
    error = dialog.locator(".errorlist:not([hidden])")
    error.wait_for()
    assert "此文件不是图片" in error.inner_text()
    assert page.locator("#image-picker-alt").input_value() == "前湾港区集装箱码头"  # what was typed stays
    assert body(page) == typed and not BodyImage.objects.exists()

    # A real photo: uploaded, checked, inserted where the cursor was.
    photo = tmp_path / "港口.jpg"
    photo.write_bytes(image_bytes(size=(1600, 900), color=(40, 110, 170)))
    page.locator("#image-picker-file").set_input_files(photo)
    dialog.locator("button", has_text="上传并插入").click()
    dialog.wait_for(state="hidden")
    image = BodyImage.objects.get()
    assert (image.alt, image.caption, image.credit, image.uploaded_by.username) == (
        "前湾港区集装箱码头", "前湾港区", "青岛日报 张伟", "li.na",
    )  # fmt: skip
    with_image = body(page)
    assert with_image.startswith(typed.removesuffix("<p></p>"))
    assert f'<img src="{image.marker}" alt="前湾港区集装箱码头">' in with_image
    assert sanitize(with_image) == with_image

    # Then a paste from Word at the end.
    page.keyboard.press("Control+End")
    paste(page, (PASTE / "word.html").read_text(encoding="utf-8"))
    pasted = body(page)
    assert "<h3>签约项目</h3>" in pasted and "工业视觉检测中心" in pasted and image.marker in pasted
    assert "style=" not in pasted and "class=" not in pasted

    # Saved as a draft (an editor cannot publish).
    with page.expect_navigation():
        page.locator("[name=_continue]").click()
    assert page.locator(".errornote, .errorlist").all_inner_texts() == []
    article = Article.objects.get(title=TITLE)
    assert not article.is_public
    assert article.body == sanitize(article.body) and image.marker in article.body
    assert [use.object_id for use in image.uses.all()] == [article.pk]
    assert editor.problems() == []

    # The preview: the figure, its renditions loaded, its caption.
    page = editor.go(article.get_preview_url())
    check_figure(page, "前湾港区集装箱码头", "前湾港区 · 青岛日报 张伟")
    assert page.locator(".prose h2").first.inner_text() == "签约项目"
    assert page.locator(".prose > p").count() >= 3
    assert editor.problems() == []

    # A publisher publishes it from the list.
    publisher = open_session(sessions["publisher"])
    page = publisher.go(reverse("admin:news_article_changelist"))
    page.locator(f"input[name=_selected_action][value='{article.pk}']").check()
    page.locator("select[name=action]").select_option("publish")
    with page.expect_navigation():
        page.locator("button[name=index]").click()
    assert Article.objects.get(pk=article.pk).is_public
    assert publisher.problems() == []

    # A visitor reads it.
    visitor = open_session()
    page = visitor.go(article.get_absolute_url())
    check_figure(page, "前湾港区集装箱码头", "前湾港区 · 青岛日报 张伟")
    assert visitor.problems() == []


def check_figure(page, alt, caption):
    figure = page.locator(".prose figure.body-image")
    assert figure.count() == 1
    img = figure.locator("img")
    assert img.get_attribute("alt") == alt
    widths = re.findall(r" (\d+)w", img.get_attribute("srcset"))
    assert widths == ["320", "640", "960", "1280", "1600"]
    assert img.get_attribute("width") == "1600" and img.get_attribute("height") == "900"
    # decode() waits for the picture the browser chose from srcset and fails if it could not be loaded.
    assert img.evaluate("img => img.decode().then(() => img.naturalWidth, () => 0)") > 0
    assert "/renditions/" in img.evaluate("img => img.currentSrc")
    assert figure.locator("figcaption").inner_text() == caption


def test_on_a_phone_the_list_the_form_and_the_picker_fit_and_work(open_session, sessions):
    library_image = BodyImage.objects.create(file=upload("a.jpg", image_bytes(size=(1200, 800))), alt="崂山园区航拍")
    article = make_article(title="崂山区新闻：" + "园区" * 30, published=False, body="<p>已经写好的正文。</p>")
    editor = open_session(sessions["editor"], PHONE)

    page = editor.go(reverse("admin:news_article_changelist"))
    assert page.locator("#result_list").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page = editor.go(reverse("admin:content_bodyimage_changelist"))
    assert page.locator("#result_list").inner_text().count("崂山园区航拍") == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page = editor.go(reverse("admin:news_article_change", args=[article.pk]))
    page.locator(EDITOR).click()
    page.keyboard.press("Control+End")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(".field-body .prose-menubar__button[data-name=siteImage]").click()
    dialog = page.locator(PICKER)
    dialog.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390

    # Search the library, choose the image: it is inserted after the text already there.
    page.locator("#image-picker-search").fill("崂山")
    choice = dialog.locator(".image-picker-choice", has_text="崂山园区航拍")
    choice.wait_for()
    choice.click()
    dialog.wait_for(state="hidden")
    assert body(page) == f'<p>已经写好的正文。</p><img src="{library_image.marker}" alt="崂山园区航拍">'
    assert library_image.marker.startswith(marker_prefix())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert editor.problems() == []


def test_a_paste_keeps_library_images_and_leaves_out_other_sites_images_with_a_note(open_session, sessions):
    image = BodyImage.objects.create(file=upload("a.jpg", image_bytes(size=(800, 600))), alt="园区大门")
    editor = open_session(sessions["editor"])
    page = editor.go(reverse("admin:news_article_add"))
    page.locator(EDITOR).click()
    page.keyboard.type("编辑已经写好的一段。")
    page.keyboard.press("Enter")

    # Copied from another article of this site: the library image comes along, and nothing is said.
    paste(page, f'<p>复制的段落</p><img src="{image.marker}" alt="园区大门">')
    assert body(page) == f'<p>编辑已经写好的一段。</p><p>复制的段落</p><img src="{image.marker}" alt="园区大门">'
    assert page.locator(".editor-paste-notes:not([hidden])").count() == 0

    # From a WeChat article, into an emptied editor (where the cursor lands after an image is not this
    # test's business): its images (other hosts, or this host outside the library) are left out, and said.
    page.locator(EDITOR).evaluate("element => element.editor.commands.clearContent()")
    page.locator(EDITOR).click()
    paste(page, '<p>公众号文字</p><img src="https://mmbiz.qpic.cn/a.jpg"><img src="/media/covers/x.jpg" alt="">')
    assert body(page) == "<p>公众号文字</p>"
    assert "图片" in page.locator(".editor-paste-notes").inner_text()
    assert editor.problems() == []


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_library_list_fits_a_laptop_in_both_languages(open_session, sessions, prefix):
    for n in range(3):
        BodyImage.objects.create(
            file=upload("a.jpg", image_bytes(size=(900, 600))),
            alt=f"中国—上海合作组织地方经贸合作示范区航拍全景{n}",
            caption="示范区核心区" * 5,
            credit="青岛日报 张伟",
        )
    publisher = open_session(sessions["publisher"])
    page = publisher.go(prefix + reverse("admin:content_bodyimage_changelist"))
    assert page.locator("#result_list tbody tr").count() == 3
    # decode() waits for each thumbnail (they load lazily) and fails if it could not be loaded.
    loaded = page.locator("#result_list img").evaluate_all(
        "images => Promise.all(images.map(i => i.decode().then(() => i.naturalWidth > 0, () => false)))"
    )
    assert loaded == [True, True, True]
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    assert page.locator(".results").evaluate("r => r.scrollWidth <= r.clientWidth")
    assert publisher.problems() == []
