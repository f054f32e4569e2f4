"""The admin's rich-text editor and the save policy around it, without a browser.

What the editor can produce is kept by the sanitizer exactly (tests/test_editor_browser.py
checks that EDITOR_OUTPUT is what the real editor writes); presentation that reaches the
server is dropped with a notice after saving; content that changes meaning is refused by
name, with the text kept in the form. The Word and WeChat fragments under tests/fixtures/paste/
are clipboard HTML as those programs put it there.
"""

import base64
import hashlib
import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils.html import escape
from django_prose_editor.config import allowlist_from_extensions

from content import sanitizer
from content.editor import EXTENSIONS
from content.sanitizer import report, sanitize
from news.models import Article
from parks.models import Enterprise, Park
from tests.helpers import make_article, make_enterprise, make_park

PASTE = Path(__file__).parent / "fixtures" / "paste"
ARTICLE_ADD = reverse("admin:news_article_add")
PARK_ADD = reverse("admin:parks_park_add")
TITLE = "西海岸新区人工智能产业园签约三个项目"

# One of everything the configured editor writes, as it writes it (list items and table cells hold
# paragraphs; an ordered list always names its numbering; an outside link gets rel from the sanitizer).
EDITOR_OUTPUT = {
    "paragraphs": "<p>第一段</p><p>第二段</p>",
    "headings": "<h2>二级</h2><h3>三级</h3><h4>四级</h4>",
    "marks": "<p><strong>加粗</strong>和<em>斜体</em>和<strong><em>都有</em></strong></p>",
    "hard break": "<p>第一行<br>第二行</p>",
    "bullet list": "<ul><li><p>人工智能</p></li><li><p>工业互联网</p><ul><li><p>5G</p></li></ul></li></ul>",
    "ordered list": '<ol data-type="decimal"><li><p>第一</p></li><li><p>第二</p></li></ol>',
    "ordered list, start": '<ol data-type="decimal" start="3"><li><p>第三</p></li></ol>',
    "ordered list, letters": '<ol data-type="lower-alpha" type="a"><li><p>甲</p></li></ol>',
    "ordered list, roman": '<ol data-type="upper-roman" type="I"><li><p>一</p></li></ol>',
    "blockquote": "<blockquote><p>青岛将建设国际一流的营商环境。</p></blockquote>",
    # The caption of a photo an imported page had and the importer could not bring (news/importer).
    "photo caption": "<figure><figcaption>青岛高层次人才创新创业基地。</figcaption></figure>",
    "internal link": '<p><a href="/parks/qing-dao-gao-xin-qu/">园区页面</a></p>',
    "link with title": '<p><a href="/news/" title="新闻列表">新闻</a></p>',
    "outside link": '<p><a rel="noopener noreferrer" href="https://www.qingdao.gov.cn/">政府网站</a></p>',
    "mail link": '<p><a href="mailto:office@example.gov.cn">办公室</a></p>',
    "table": "<table><tbody><tr><th><p>指标</p></th><th><p>数值</p></th></tr>"
    "<tr><td><p>企业数</p></td><td><p>1024</p></td></tr></tbody></table>",
    "table, merged cells": '<table><tbody><tr><th colspan="2"><p>合计</p></th></tr>'
    '<tr><td rowspan="2"><p>甲</p></td><td><p>1</p></td></tr><tr><td><p>2</p></td></tr></tbody></table>',
}

# An image of this site survives, another site's does not (the editor's own image node writes only
# <img src alt> of the image library: tests/test_image_library.py and tests/test_editor_browser.py).
IMAGE_OUTPUT = '<figure><img src="/media/uploads/park.jpg" alt="园区全景"><figcaption>园区全景</figcaption></figure>'


@pytest.mark.parametrize("html", EDITOR_OUTPUT.values(), ids=EDITOR_OUTPUT.keys())
def test_what_the_editor_writes_is_kept_exactly_and_reported_as_nothing(html):
    assert sanitize(html) == html
    assert report(html).removed == []


def test_what_the_toolbar_offers_is_all_allowed_by_the_sanitizer():
    # The library's own account of what each configured extension may write.
    allowed = allowlist_from_extensions(EXTENSIONS)
    assert allowed["tags"] <= sanitizer.ALLOWED_TAGS
    for tag, attributes in allowed["attributes"].items():
        assert attributes <= set(sanitizer.ALLOWED_ATTRIBUTES[tag]), tag
    assert "target" not in allowed["attributes"]["a"]  # the "open in a new window" box is off


def test_the_toolbar_offers_exactly_what_was_asked_for():
    assert set(EXTENSIONS) == {
        "Paragraph", "Heading", "Bold", "Italic", "BulletList", "OrderedList", "ListItem", "Blockquote",
        "Link", "Table", "TableRow", "TableHeader", "TableCell", "HardBreak", "History", "SiteImage", "PhotoCaption",
    }  # fmt: skip
    assert EXTENSIONS["Heading"] == {"levels": [2, 3, 4]}


def test_an_image_of_this_site_passes_and_one_from_elsewhere_is_named():
    assert sanitize(IMAGE_OUTPUT) == IMAGE_OUTPUT
    outside = '<p>园区</p><img src="https://mmbiz.qpic.cn/a.jpg" alt="x">'
    result = report(outside)
    assert result.changed_meaning
    assert "https://mmbiz.qpic.cn/a.jpg" in result.message()
    assert result.clean == "<p>园区</p>"


@pytest.mark.parametrize("value", ["x", "disc", "1 onclick", "javascript:alert(1)"])
def test_list_numbering_takes_only_the_editors_values(value):
    html = f'<ol type="{value}" data-type="{value}"><li>a</li></ol>'
    assert sanitize(html) == "<ol><li>a</li></ol>"
    assert report(html).formatting_removed


def fixture_bodies():
    for path in sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            for name in ("body", "description"):
                if item["fields"].get(name):
                    yield f"{item['model']}:{item['fields'].get('slug', item.get('pk'))}", item["fields"][name]


FIXTURE_BODIES = dict(fixture_bodies())


def test_there_are_fixture_bodies_to_check():
    # Every demo article has a body; parks and enterprises have none yet.
    articles = json.loads(Path(settings.BASE_DIR, "fixtures", "04_articles.json").read_text(encoding="utf-8"))
    assert len([key for key in FIXTURE_BODIES if key.startswith("news.article:")]) == len(articles) > 0


@pytest.mark.parametrize("html", FIXTURE_BODIES.values(), ids=FIXTURE_BODIES.keys())
def test_every_demo_body_saves_through_the_editor_path_unchanged(html):
    result = report(html)
    assert result.removed == []
    assert result.clean == html.strip()


# -- the admin's save policy ---------------------------------------------------------------------


def article_form(**fields):
    data = {"title": TITLE, "slug": "", "summary": "", "body": "<p>正文。</p>", "cover_alt": "", "tags": "",
            "source_outlet": "", "source_url": "", "source_date": "", "original_title": "", "author": "",
            "_save": "save"}  # fmt: skip
    data.update(fields)
    return data


def park_form(**fields):
    data = {"name": "青岛国际创新园", "kind": Park.Kind.INNOVATION_PARK, "_save": "save",
            "figures-TOTAL_FORMS": 0, "figures-INITIAL_FORMS": 0, "figures-MIN_NUM_FORMS": 0,
            "figures-MAX_NUM_FORMS": 1000}  # fmt: skip
    data.update(fields)
    return data


def shown(response, level):
    return [m.message for m in response.context["messages"] if m.level == level]


@pytest.mark.django_db
class TestSavePolicy:
    def test_the_rich_text_fields_get_the_editor_and_nothing_else_does(self, editor_client):
        # The article's English body is rich text as its Chinese body is (news.models.Article.html_fields).
        cases = [(ARTICLE_ADD, ["body", "body_en"]), (PARK_ADD, ["description"]),
                 (reverse("admin:parks_enterprise_add"), ["description"])]  # fmt: skip
        for url, fields in cases:
            page = editor_client.get(url).text
            editors = re.findall(r'<textarea name="(\w+)"[^>]*data-django-prose-editor-configurable', page)
            assert editors == fields, url

    def test_style_is_dropped_with_a_notice_after_saving(self, editor_client):
        body = '<p style="color:red" class="MsoNormal">第一段</p><p><span style="font-size:15px">第二段</span></p>'
        response = editor_client.post(ARTICLE_ADD, article_form(body=body), follow=True)

        assert Article.objects.get(title=TITLE).body == "<p>第一段</p><p>第二段</p>"
        (notice,) = shown(response, messages.INFO)
        assert "已去除“正文”中的格式" in notice
        assert shown(response, messages.SUCCESS)

    def test_clean_html_saves_without_a_notice(self, editor_client):
        response = editor_client.post(ARTICLE_ADD, article_form(body=EDITOR_OUTPUT["bullet list"]), follow=True)
        assert Article.objects.get(title=TITLE).body == EDITOR_OUTPUT["bullet list"]
        assert shown(response, messages.INFO) == []

    def test_the_notice_names_the_park_description_too(self, editor_client):
        response = editor_client.post(
            PARK_ADD, park_form(description='<p lang="EN-US" dir="ltr">园区</p>'), follow=True
        )
        assert Park.objects.get().description == "<p>园区</p>"
        (notice,) = shown(response, messages.INFO)
        assert "已去除“详细介绍”中的格式" in notice

    @pytest.mark.parametrize(
        ("html", "named"),
        [
            ('<p style="color:red">签约</p><script>alert(1)</script>', "<script>"),
            ('<p>签约</p><iframe src="https://v.qq.com/x"></iframe>', "<iframe>"),
            ('<p>签约</p><img src="https://mmbiz.qpic.cn/a.jpg" alt="">', "https://mmbiz.qpic.cn/a.jpg"),
            ('<form action="/x"><input name="q"></form><p>签约</p>', "<form>"),
            ('<p><a href="javascript:alert(1)">签约</a></p>', "javascript:alert(1)"),
        ],
        ids=["script", "iframe", "outside-image", "form", "javascript-link"],
    )
    def test_what_changes_meaning_is_refused_by_name_and_the_text_is_kept(self, editor_client, html, named):
        response = editor_client.post(ARTICLE_ADD, article_form(body=html))

        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert list(errors) == ["body"]
        assert errors.as_data()["body"][0].code == "unsafe_html"
        assert named in errors["body"][0]
        assert "style" not in errors["body"][0]  # presentation is not what the editor has to fix
        assert escape(errors["body"][0]) in response.text
        assert f">\n{escape(html)}</textarea>" in response.text
        assert not Article.objects.exists()

    def test_a_refused_enterprise_description_keeps_the_text(self, editor_client):
        html = '<section style="x"><p>企业</p><script src="https://evil.example/x.js"></script></section>'
        data = {"name": "奇智科技集团股份有限公司", "description": html, "_save": "save",
                "figures-TOTAL_FORMS": 0, "figures-INITIAL_FORMS": 0, "figures-MIN_NUM_FORMS": 0,
                "figures-MAX_NUM_FORMS": 1000}  # fmt: skip
        response = editor_client.post(reverse("admin:parks_enterprise_add"), data)
        errors = response.context["adminform"].form.errors
        assert "<script>" in errors["description"][0] and "<section>" not in errors["description"][0]
        assert escape(html) in response.text
        assert not Enterprise.objects.exists()


@pytest.mark.django_db
class TestPastedDocuments:
    def save(self, client, name):
        html = (PASTE / name).read_text(encoding="utf-8")
        response = client.post(ARTICLE_ADD, article_form(body=html), follow=True)
        assert response.context.get("adminform") is None, response.context["adminform"].form.errors
        return Article.objects.get(title=TITLE).body, response

    def structure(self, html):
        return " ".join(re.findall(r"<(h[1-6]|p|ul|ol|li|blockquote|table|strong|b|em|i|a)\b", html))

    def assert_no_presentation(self, stored):
        for leftover in ["style=", "class=", "<span", "<font", "<o:p", "mso-", "lang=", "data-", "<section", "<!--"]:
            assert leftover not in stored

    def test_word_keeps_headings_paragraphs_lists_bold_and_links_and_drops_the_styling(self, editor_client):
        stored, response = self.save(editor_client, "word.html")

        self.assert_no_presentation(stored)
        # Word's own lists (paragraphs with a typed number) become lists in the editor when pasted
        # (tests/test_editor_browser.py); saved as they are, they stay numbered paragraphs.
        assert self.structure(stored) == "h2 p b b p i h3 ul li li h3 p p p a"
        assert re.search(r"<p>1\.(&nbsp;|\s)+建设算力中心</p>", stored)
        text = re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", unescape(stored)))
        for words in ["西海岸新区人工智能产业园签约三个项目", "总投资45亿元", "智能制造", "工业视觉检测中心"]:
            assert words in text
        assert "引进龙头企业" in text
        assert 'href="https://www.xihaian.gov.cn/news/1.html" rel="noopener noreferrer"' in stored
        assert "@font-face" not in stored and "OfficeDocumentSettings" not in stored
        assert len(shown(response, messages.INFO)) == 1

    def test_wechat_keeps_heading_paragraphs_list_and_quote_and_drops_the_styling(self, editor_client):
        stored, response = self.save(editor_client, "wechat.html")

        self.assert_no_presentation(stored)
        assert self.structure(stored) == "h2 p p strong ul li p li p em blockquote p p"
        assert "算力券最高补贴500万元" in stored
        assert len(shown(response, messages.INFO)) == 1

    def test_the_public_page_shows_the_pasted_structure(self, editor_client, client):
        stored, _ = self.save(editor_client, "wechat.html")
        article = Article.objects.get(title=TITLE)
        page = editor_client.get(article.get_preview_url()).text
        assert "<h2>青岛高新区发布人工智能产业政策</h2>" in page
        assert "<li><p>算力券最高补贴500万元；</p></li>" in page


@pytest.mark.django_db
class TestContentSecurityPolicy:
    def policy(self, response):
        return response.headers["Content-Security-Policy"]

    def test_the_change_form_allows_exactly_its_import_map(self, editor_client):
        article = make_article()
        response = editor_client.get(reverse("admin:news_article_change", args=[article.pk]))

        (import_map,) = re.findall(r'<script type="importmap">(.*?)</script>', response.text, re.S)
        digest = base64.b64encode(hashlib.sha256(import_map.encode()).digest()).decode()
        script_src = re.search(r"script-src ([^;]+)", self.policy(response))[1].split()
        assert script_src == ["'self'", f"'sha256-{digest}'"]
        assert "'unsafe-inline'" not in self.policy(response)
        # Every other script is a file of this site.
        assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"importmap\")[^>]*>", response.text) == []

    def test_pages_without_the_editor_keep_the_plain_policy(self, editor_client):
        make_park(), make_enterprise()
        for url in [reverse("admin:news_article_changelist"), reverse("admin:index"), "/"]:
            response = editor_client.get(url)
            assert "sha256-" not in self.policy(response), url


# -- the editor's words in Chinese ---------------------------------------------------------------

JS_CATALOGUE = Path(settings.BASE_DIR, "bureau", "locale", "zh_Hans", "LC_MESSAGES", "djangojs.po")
OUR_MODULE = Path(settings.BASE_DIR, "content", "static", "content", "editor.js")


def test_every_string_our_module_shows_is_in_the_javascript_catalogue():
    import polib

    catalogue = {entry.msgid: entry.msgstr for entry in polib.pofile(str(JS_CATALOGUE)) if not entry.obsolete}
    shown = re.findall(r'gettext\(\s*"([^"]+)"', OUR_MODULE.read_text(encoding="utf-8"))
    assert len(shown) >= 4
    for text in shown:
        assert catalogue.get(text), text


@pytest.mark.django_db
def test_the_admins_javascript_catalogue_carries_the_editors_words_in_chinese(editor_client):
    # The change form loads the admin's jsi18n (a script file), which merges our djangojs catalogue in.
    def served(url):
        found = re.search(r"const newcatalog = (\{.*?\});", editor_client.get(url).text, re.S)
        return json.loads(found[1]) if found else {}  # English, the source language, has no catalogue

    chinese = served(reverse("admin:jsi18n"))
    for text, translated in [("bold", "加粗"), ("Insert table", "插入表格"), ("Edit Link", "编辑链接")]:
        assert chinese[text] == translated
    assert "bold" not in served("/en" + reverse("admin:jsi18n"))
