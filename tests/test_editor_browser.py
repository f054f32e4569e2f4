"""The rich-text editor in Chromium, as staff use it: in Chinese, on a laptop and on a phone.

The editor must load under the site's Content-Security-Policy without a single violation or
console error, speak Chinese, store what was typed as paragraphs, headings and lists, and say
in place what a paste left out. It also proves that tests/test_editor.py's EDITOR_OUTPUT is what
the real editor writes, and that the demo bodies come out of the editor as they went in.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from content.sanitizer import sanitize
from news.models import Article
from tests.browser_support import DESKTOP, PHONE, browser
from tests.helpers import make_article
from tests.test_editor import EDITOR_OUTPUT, FIXTURE_BODIES, PASTE

__all__ = ["browser"]  # a fixture

pytestmark = pytest.mark.browser

EDITOR = ".field-body .prose-editor > .ProseMirror[contenteditable=true]"
# Records every CSP violation the page reports, from before the first script runs.
WATCH_CSP = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
    window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture
def staff(transactional_db):
    user = get_user_model().objects.create_superuser("zhang.wei", "zhang.wei@example.gov.cn", "unused")
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


class Page:
    """A logged-in admin page in Chromium that keeps what the console and CSP said."""

    def __init__(self, browser, live_server, session, viewport):
        self.context = browser.new_context(viewport=viewport, locale="zh-CN")
        self.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.page.add_init_script(WATCH_CSP)
        self.errors = []
        # The admin links no favicon, so Chromium's own request for one is not the page's error.
        self.page.on(
            "console",
            lambda m: m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico")
            and self.errors.append(m.text),
        )  # fmt: skip
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.live_server = live_server

    def open(self, path):
        self.page.goto(self.live_server.url + path)
        self.page.locator(EDITOR).wait_for()
        return self.page

    def problems(self):
        return self.errors + self.page.evaluate("window.cspViolations")

    def set_content(self, html):
        """Load ``html`` into the editor as the change form does, and return what the editor writes."""
        return self.page.locator(EDITOR).evaluate(
            "(element, html) => { element.editor.commands.setContent(html); return element.editor.getHTML(); }", html
        )


@pytest.fixture
def open_page(browser, live_server, staff):
    pages = []

    def make(viewport=DESKTOP):
        page = Page(browser, live_server, staff, viewport)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.context.close()


def type_an_article(page):
    """Three paragraphs, a subheading and a bulleted list, with the keyboard and the toolbar."""
    page.locator(EDITOR).click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    for text in ["第一段：西海岸新区签约三个项目。", "第二段：总投资四十五亿元。", "第三段：预计明年投产。"]:
        page.keyboard.type(text)
        page.keyboard.press("Enter")
    # The block type menu: open it, choose the second-level heading.
    page.locator(".field-body .prose-menubar__selected").click()
    page.locator(".field-body .prose-menubar__option[data-name=heading2]").click()
    page.keyboard.type("签约项目")
    page.keyboard.press("Enter")
    page.locator(".field-body .prose-menubar__button[data-name=bulletList]").click()
    page.keyboard.type("工业视觉检测中心")
    page.keyboard.press("Enter")
    page.keyboard.type("智能网联汽车测试场")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_an_editor_types_paragraphs_a_heading_and_a_list_and_the_preview_shows_them(open_page, viewport):
    article = make_article(title="西海岸新区签约", body="<p>旧正文。</p>", published=False)
    session = open_page(viewport)
    page = session.open(reverse("admin:news_article_change", args=[article.pk]))

    titles = page.locator(".field-body .prose-menubar__button:not(.hidden)").evaluate_all(
        "buttons => buttons.map(b => b.title)"
    )
    assert {"加粗", "斜体", "项目符号列表", "编号列表", "引用", "插入表格", "撤销", "重做"} <= set(titles), titles
    assert not [t for t in titles if re.search("[A-Za-z]", t)], titles
    # The editing area is named and described as the textarea it replaces was.
    assert page.locator(EDITOR).get_attribute("aria-label") == "正文"
    assert page.locator(EDITOR).get_attribute("aria-describedby") == "id_body_helptext"
    if viewport is PHONE:
        # The toolbar wraps onto several rows and nothing pushes the page sideways.
        tops = page.locator(".field-body .prose-menubar > *").evaluate_all("items => items.map(i => i.offsetTop)")
        assert len(set(tops)) > 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

    type_an_article(page)
    with page.expect_navigation():
        page.locator("[name=_continue]").click()
    assert page.locator(".errornote, .errorlist").all_inner_texts() == []

    body = Article.objects.get(pk=article.pk).body
    assert re.findall(r"<(p|h2|ul|li)>", body) == ["p", "p", "p", "h2", "ul", "li", "p", "li", "p"], body
    assert "<h2>签约项目</h2>" in body and "第三段：预计明年投产。" in body
    assert session.problems() == []

    page.goto(session.live_server.url + article.get_preview_url())
    prose = page.locator(".prose")
    assert prose.locator("p").count() == 5  # three paragraphs and the two list items' paragraphs
    assert prose.locator("h2").inner_text() == "签约项目"
    assert prose.locator("ul li").all_inner_texts() == ["工业视觉检测中心", "智能网联汽车测试场"]


def test_what_the_editor_writes_is_what_the_sanitizer_keeps(open_page):
    session = open_page()
    session.open(reverse("admin:news_article_add"))
    for name, html in EDITOR_OUTPUT.items():
        written = session.set_content(html)
        assert written == html, name
        assert sanitize(written) == written, name
    # And each demo body comes out of the editor as it went in (the line breaks between blocks aside).
    for name, html in FIXTURE_BODIES.items():
        assert session.set_content(html) == re.sub(r">\s+<", "><", html.strip()), name
    assert session.problems() == []


def test_the_dialogs_speak_chinese(open_page):
    session = open_page()
    page = session.open(reverse("admin:news_article_add"))
    page.locator(EDITOR).click()
    page.keyboard.type("青岛")
    page.keyboard.press("Shift+Home")
    # The link button acts on the selection: on a loaded machine the key press may land after the click.
    page.wait_for_function("() => window.getSelection().toString() === '青岛'")
    page.locator(".field-body .prose-menubar__button[data-name=link]").click()
    dialog = page.locator("dialog[open]")
    assert "编辑链接" in dialog.inner_text() and "网址" in dialog.inner_text()
    dialog.locator("input").first.fill("/parks/")
    dialog.locator("button", has_text="更新").click()
    # The dialog leaves an empty title when none is typed; the sanitizer keeps it as harmless.
    assert re.fullmatch(r'<p><a href="/parks/"( title="")?>青岛</a></p>', page.locator("#id_body").input_value())

    page.locator(".field-body .prose-menubar__button[data-name=table]").click()
    assert "行数" in page.locator("dialog[open]").inner_text()
    assert session.problems() == []


def paste(page, html):
    page.locator(EDITOR).evaluate(
        """(element, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", html.replace(/<[^>]+>/g, ""));
            element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        html,
    )


def test_a_paste_from_word_keeps_the_structure_and_says_the_styling_went(open_page):
    session = open_page(PHONE)
    page = session.open(reverse("admin:news_article_add"))
    page.locator(EDITOR).click()
    paste(page, (PASTE / "word.html").read_text(encoding="utf-8"))

    body = page.locator("#id_body").input_value()
    assert re.findall(r"<(h2|h3|p|ul|li)>", body)[:3] == ["h2", "p", "p"]
    assert "<h3>签约项目</h3>" in body and "<li><p>工业视觉检测中心</p></li>" in body
    # Word's numbered paragraphs come in as a numbered list, without the typed numbers.
    assert '<ol data-type="decimal"><li><p>建设算力中心</p></li><li><p>引进龙头企业</p></li></ol>' in body
    assert "style=" not in body and "class=" not in body
    notes = page.locator(".editor-paste-notes[role=status]")
    assert "格式" in notes.inner_text() and "已去除" in notes.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert session.problems() == []


def test_a_paste_with_a_script_and_an_outside_image_is_explained_and_nothing_typed_is_lost(open_page):
    session = open_page()
    page = session.open(reverse("admin:news_article_add"))
    page.locator(EDITOR).click()
    page.keyboard.type("编辑已经写好的一段。")
    page.keyboard.press("Enter")
    paste(page, '<p>粘贴的文字</p><script>alert(1)</script><img src="https://mmbiz.qpic.cn/a.jpg">')

    body = page.locator("#id_body").input_value()
    assert body == "<p>编辑已经写好的一段。</p><p>粘贴的文字</p>"
    notes = page.locator(".editor-paste-notes").inner_text()
    assert "脚本" in notes and "图片" in notes
    assert session.problems() == []


def test_the_english_admin_shows_the_toolbar_titles_capitalised(open_page):
    page = open_page().open("/en/admin/news/article/add/")
    titles = page.locator(".field-body .prose-menubar__button:not(.hidden)").evaluate_all(
        "buttons => buttons.map(b => b.title)"
    )
    assert {"Bold", "Italic", "Undo", "Redo"} <= set(titles), titles
    assert all(title[:1].isupper() for title in titles if title), titles
