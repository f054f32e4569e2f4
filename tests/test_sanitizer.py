"""What an editor may publish, and what never reaches a visitor's browser.

The hostile inputs are checked by reading the sanitized HTML the way a browser
would (character references decoded, URLs trimmed as the URL standard says),
not by looking for substrings, so an encoded payload cannot slip through.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core import serializers
from django.utils import translation

from content.sanitizer import report, sanitize
from news.models import Article
from parks.models import Enterprise, Park
from tests.helpers import make_article, make_enterprise, make_park

# What the issue lets an editor use; anything else in the output is a failure.
EDITOR_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark", "abbr",
    "cite", "q", "code", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "hr", "a", "img", "figure",
    "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "cite", "action", "formaction", "data", "background", "poster", "xlink:href"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class _BrowserView(HTMLParser):
    """The elements, attributes (decoded) and comments a browser would build."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.comments, self.decls = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value or "") for name, value in attrs)

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.comments.append(data)

    def unknown_decl(self, data):
        self.decls.append(data)

    handle_decl = handle_pi = unknown_decl


def browser_view(html):
    view = _BrowserView()
    view.feed(html)
    view.close()
    return view


def browser_url(value):
    # WHATWG URL parsing: trim C0 controls and spaces, drop tabs and newlines, "\" is "/".
    return re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21))))).replace("\\", "/").lower()


def assert_harmless(html):
    view = browser_view(html)
    assert set(view.tags) <= EDITOR_TAGS, view.tags
    assert not view.comments
    assert not view.decls
    for tag, name, value in view.attrs:
        assert not name.startswith("on"), (tag, name)
        assert name != "style", tag
        if name in URL_ATTRIBUTES:
            url = browser_url(value)
            assert not url.startswith(BAD_SCHEMES), (tag, name, value)
            if tag == "img":
                assert not url.startswith("//") and "://" not in url, f"image from another host: {value}"
    # Whatever is left as text is escaped: no markup of a forbidden element survives as such.
    assert not re.search(
        r"<\s*/?\s*(script|style|svg|math|iframe|object|embed|form|input|meta|link|base)\b", html, re.I
    )


HOSTILE = {
    # Script elements.
    "script": "<p>Hi</p><script>alert(1)</script>",
    "script-uppercase": "<SCRIPT>alert(1)</SCRIPT><p>ok</p>",
    "script-mixed-case-attrs": '<ScRiPt SRC="https://evil.example/x.js"></sCrIpT>',
    "script-nested": "<script><script>alert(1)</script></script>",
    "script-split": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "script-split-angle": "<<script>script>alert(1)<</script>/script>",
    "script-unclosed": "<p>text</p><script>alert(1)",
    "script-in-table": "<table><tr><td><script>alert(1)</script></td></tr></table>",
    # Event handlers on every kind of allowed tag.
    "onclick-p": '<p onclick="alert(1)">x</p>',
    "onmouseover-a": '<a href="/news/" onmouseover="alert(1)">x</a>',
    "onerror-img": '<img src="/media/a.png" onerror="alert(1)" alt="a">',
    "onerror-img-unquoted": "<img src=x onerror=alert(1)>",
    "onload-h2": '<h2 onload="alert(1)">t</h2>',
    "onfocus-li": '<ul><li onfocus="alert(1)" tabindex="0">x</li></ul>',
    "onclick-td": '<table><tr><td onclick="alert(1)">x</td></tr></table>',
    "onclick-figure": '<figure onclick="alert(1)"><figcaption onmouseenter="alert(2)">c</figcaption></figure>',
    "onclick-blockquote": '<blockquote onclick="alert(1)" cite="/x">q</blockquote>',
    "onanimationstart-strong": '<strong onanimationstart="alert(1)">b</strong>',
    # javascript: in every attribute that takes a URL.
    "js-href": '<a href="javascript:alert(1)">x</a>',
    "js-img-src": '<img src="javascript:alert(1)" alt="x">',
    "js-q-cite": '<q cite="javascript:alert(1)">q</q>',
    "js-blockquote-cite": '<blockquote cite="javascript:alert(1)">q</blockquote>',
    "js-decimal-entity": '<a href="&#106;avascript:alert(1)">x</a>',
    "js-decimal-entity-padded": '<a href="&#0000106&#0000097vascript:alert(1)">x</a>',
    "js-hex-entity": '<a href="&#x6A;avascript:alert(1)">x</a>',
    "js-colon-entity": '<a href="javascript&colon;alert(1)">x</a>',
    "js-colon-numeric": '<a href="javascript&#58;alert(1)">x</a>',
    "js-tab": '<a href="java\tscript:alert(1)">x</a>',
    "js-tab-entity": '<a href="java&#9;script:alert(1)">x</a>',
    "js-newline": '<a href="java\nscript:alert(1)">x</a>',
    "js-newline-entity": '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    "js-leading-spaces-mixed-case": '<a href="   JaVaScRiPt:alert(1)">x</a>',
    "js-leading-control-char": '<a href="&#1;javascript:alert(1)">x</a>',
    "js-backticks": "<img src=`javascript:alert(1)`>",
    "vbscript": '<blockquote cite="vbscript:msgbox(1)">q</blockquote>',
    "vbscript-href": '<a href="VBScript:msgbox(1)">x</a>',
    # data: URLs.
    "data-href": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "data-img": '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x">',
    "data-uppercase-spaces": '<a href=" DATA:text/html,<script>alert(1)</script>">x</a>',
    # Style.
    "style-attribute": '<p style="background:url(javascript:alert(1))">x</p>',
    "style-element": "<style>body{background:url(javascript:alert(1))}</style><p>x</p>",
    "style-with-markup": "<style><img src=x onerror=alert(1)></style>",
    # SVG and MathML.
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "svg-onload": "<svg onload=alert(1)><circle r=1 /></svg>",
    "svg-anchor": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "svg-style-smuggle": "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "math-script": "<math><mtext><script>alert(1)</script></mtext></math>",
    "math-href": '<math href="javascript:alert(1)">x</math>',
    # Comments and CDATA.
    "comment": "<!-- secret --><p>x</p>",
    "conditional-comment": "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "downlevel-revealed": "<![if !IE]><script>alert(1)</script><![endif]>",
    "comment-breakout": "<!--><img src=x onerror=alert(1)>-->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    # Nested, malformed and unclosed markup, attribute injection through quotes.
    "noscript-attribute-smuggle": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "quote-injection": '<a href="/x"" onclick="alert(1)">x</a>',
    "single-quote-injection": "<a href='/x' onclick=alert(1)//'>x</a>",
    "attribute-breakout": '<p title="x"><img src=x onerror=alert(1)>">',
    "unclosed-attribute": '<img src="/a.png onerror=alert(1) ',
    "unclosed-tags": "<p><b><i>text<a href=javascript:alert(1)>",
    "malformed-nesting": "<p><a href='/x'><table><script>alert(1)</script></a></p>",
    "slash-separated-attribute": "<img/src=x/onerror=alert(1)>",
    "textarea-smuggle": "<textarea><script>alert(1)</script></textarea>",
    "template": "<template><script>alert(1)</script></template>",
    "xmp": "<xmp><script>alert(1)</script></xmp>",
    "noembed": "<noembed><img src=x onerror=alert(1)></noembed>",
    # Elements that change the page or post elsewhere.
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="javascript:alert(1)"></object>',
    "embed": '<embed src="javascript:alert(1)">',
    "base": '<base href="javascript:alert(1)//"><a href="/x">x</a>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "link-stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "form": '<form action="javascript:alert(1)"><input type="submit" value="go"></form>',
    "button-formaction": '<button formaction="javascript:alert(1)">go</button>',
    # Images from another host: no public page may load them.
    "img-other-host": '<img src="https://evil.example/track.png" alt="x">',
    "img-protocol-relative": '<img src="//evil.example/track.png" alt="x">',
    "img-backslashes": '<img src="\\\\evil.example/track.png" alt="x">',
    "img-slash-backslash": '<img src="/\\evil.example/track.png" alt="x">',
    "img-encoded-slashes": '<img src="&#47;&#47;evil.example/track.png" alt="x">',
    "img-encoded-colon": '<img src="https&#58;//evil.example/track.png" alt="x">',
    "img-tab-in-slashes": '<img src="/&#9;/evil.example/track.png" alt="x">',
    "img-srcset": '<img src="/media/a.png" srcset="https://evil.example/a.png 2x" alt="x">',
}


@pytest.mark.parametrize("html", HOSTILE.values(), ids=HOSTILE.keys())
def test_nothing_dangerous_survives(html):
    clean = sanitize(html)
    assert_harmless(clean)


def test_there_are_enough_hostile_inputs():
    assert len(HOSTILE) >= 40


# Two inputs lose nothing a browser would have acted on: "<img/src=x/onerror=..>"
# is an image whose src is the whole "x/onerror=alert(1)" for browsers too, and
# an unterminated tag at the very end is ignored by browsers as well.
_NOTHING_TO_REPORT = {"slash-separated-attribute", "unclosed-attribute"}


@pytest.mark.parametrize(
    "html",
    [html for key, html in HOSTILE.items() if key not in _NOTHING_TO_REPORT],
    ids=[key for key in HOSTILE if key not in _NOTHING_TO_REPORT],
)
def test_report_names_something_for_every_hostile_input(html):
    # An editor pasting any of these is told before anything disappears silently.
    assert report(html).removed


EDITOR_BODY = (
    "<h2>青岛高新区上半年成绩单</h2>"
    "<p>据<em>青岛日报</em>报道，<strong>高新区</strong>上半年实现营业收入<mark>1200亿元</mark>。"
    '详见<a href="/parks/qing-dao-gao-xin-qu/">园区页面</a>，或联系<a href="mailto:office@example.gov.cn">办公室</a>。</p>'
    "<h3>重点项目</h3>"
    "<ul><li>人工智能</li><li>工业互联网<ul><li>5G</li></ul></li></ul>"
    '<ol start="3"><li>第三项</li><li>第四项</li></ol>'
    "<h4>数据</h4>"
    "<table><caption>主要指标</caption>"
    '<thead><tr><th scope="col">指标</th><th scope="col">数值</th></tr></thead>'
    '<tbody><tr><td>企业数</td><td>1,024</td></tr><tr><td colspan="2">来源：统计局</td></tr></tbody></table>'
    '<figure><img src="/media/uploads/park.jpg" alt="园区全景" width="800" height="450">'
    "<figcaption>园区全景（资料图）</figcaption></figure>"
    '<blockquote cite="https://www.qingdao.gov.cn/">青岛将建设国际一流的营商环境。</blockquote>'
    "<p>第一行<br>第二行 H<sub>2</sub>O x<sup>2</sup> <code>API</code></p>"
)


def test_editor_content_is_kept_exactly():
    assert sanitize(EDITOR_BODY) == EDITOR_BODY


def test_external_links_get_noopener_and_internal_links_do_not():
    html = sanitize('<p><a href="https://www.qingdao.gov.cn/">政府</a> <a href="/news/" rel="opener">新闻</a></p>')
    assert html == (
        '<p><a href="https://www.qingdao.gov.cn/" rel="noopener noreferrer">政府</a> <a href="/news/">新闻</a></p>'
    )


@pytest.mark.parametrize(
    "href", ["https&#58;//evil.example/", "&#47;&#47;evil.example/", "\\\\evil.example/", " //evil.example/"]
)
def test_links_that_leave_the_site_however_written_get_noopener(href):
    assert 'rel="noopener noreferrer"' in sanitize(f'<a href="{href}">x</a>')


def test_links_keep_http_https_mailto_and_relative_urls_only():
    kept = [
        "http://example.com/a",
        "https://example.com/b",
        "mailto:a@example.com",
        "/news/",
        "../x",
        "#top",
        "?page=2",
    ]
    for url in kept:
        assert f'href="{url}"' in sanitize(f'<a href="{url}">x</a>'), url
    for url in ["ftp://example.com/", "tel:+8653200000000", "file:///etc/passwd", "javascript:void(0)"]:
        assert "href" not in sanitize(f'<a href="{url}">x</a>'), url


def test_images_from_this_site_are_kept_and_from_other_hosts_dropped():
    assert sanitize('<img src="/media/a.png" alt="a">') == '<img src="/media/a.png" alt="a">'
    assert sanitize('<p>x<img src="https://cdn.example.com/a.png" alt="a"></p>') == "<p>x</p>"


def test_embed_does_not_swallow_the_rest_of_the_body():
    assert sanitize('<p>before</p><embed src="/x.swf"><p>after</p>') == "<p>before</p><p>after</p>"


def test_script_content_is_dropped_not_shown_as_text():
    assert sanitize("<p>a</p><script>alert('x')</script><style>p{}</style>") == "<p>a</p>"


@pytest.mark.parametrize("html", [*HOSTILE.values(), EDITOR_BODY, "", "plain text & more", "<p>未闭合"])
def test_sanitize_is_idempotent(html):
    once = sanitize(html)
    assert sanitize(once) == once


def test_report_is_empty_for_clean_input():
    assert report(EDITOR_BODY).removed == []
    assert report('<p><a href="https://example.com/">x</a></p>').removed == []
    assert report("").removed == []


REPORTED = (
    '<p style="color:red" onclick="x()">a</p><script>alert(1)</script>'
    '<a href="javascript:alert(1)">b</a><img src="https://cdn.example.com/c.png" alt="c"><!-- note -->'
)


def test_report_names_tags_attributes_and_addresses():
    with translation.override("en"):
        result = report(REPORTED)
        message = result.message()
    text = " | ".join(result.removed)
    assert "<script>" in text
    assert "style" in text and "onclick" in text
    assert "javascript:alert(1)" in text
    assert "https://cdn.example.com/c.png" in text
    assert "comment" in text
    assert result.clean == "<p>a</p><a>b</a>"
    assert "<script>" in message and "not allowed" in message


def test_the_report_is_in_chinese_by_default():
    with translation.override(settings.LANGUAGE_CODE):
        result = report(REPORTED)
        message = result.message()
    assert result.removed == [
        "<p>元素的style属性",
        "<p>元素的onclick属性",
        "<script>元素",
        "网址javascript:alert(1)（只允许http、https、mailto链接和相对链接）",
        "来自其他网站的图片https://cdn.example.com/c.png（请改为将图片上传到本网站）",
        "HTML注释",
    ]
    assert "不允许使用的HTML" in message and "<script>元素" in message


# The sanitizer runs on every save, whatever the path.


@pytest.mark.django_db
def test_create_stores_body_without_script():
    article = make_article(body='<p onclick="x()">正文</p><script>alert(1)</script>')
    stored = Article.objects.get(pk=article.pk).body
    assert stored == "<p>正文</p>"


@pytest.mark.django_db
def test_shell_style_assignment_and_save_sanitizes():
    article = make_article()
    article.body = '<p>新</p><img src="x" onerror="alert(1)">'
    article.save()
    assert Article.objects.get(pk=article.pk).body == '<p>新</p><img src="x">'


@pytest.mark.django_db
def test_loaddata_style_raw_save_sanitizes():
    # What loaddata does: deserialize, then a raw save that skips Model.save().
    article = make_article(title="原文")
    records = json.loads(serializers.serialize("json", [article]))
    article.delete()
    records[0]["fields"]["body"] = "<p>导入</p><script>alert(1)</script>"
    for obj in serializers.deserialize("json", json.dumps(records)):
        obj.save()
    assert Article.objects.get(title="原文").body == "<p>导入</p>"


@pytest.mark.django_db
def test_park_and_enterprise_descriptions_are_sanitized():
    park = make_park(description='<p>园区</p><iframe src="https://evil.example/"></iframe>')
    enterprise = make_enterprise(description="<p style='x'>企业</p><svg onload=alert(1)></svg>")
    assert Park.objects.get(pk=park.pk).description == "<p>园区</p>"
    assert Enterprise.objects.get(pk=enterprise.pk).description == "<p>企业</p>"


def test_bleach_is_imported_only_by_the_sanitizer():
    root = Path(__file__).resolve().parent.parent
    pattern = re.compile(r"^\s*(import\s+bleach|from\s+bleach)\b", re.M)
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if not {".venv", "venv", "node_modules", ".git"} & set(path.relative_to(root).parts)
        and pattern.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == ["content/sanitizer.py"]
