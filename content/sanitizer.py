"""The one place that decides which HTML an editor may publish.

Every rich-text body (article, park and enterprise descriptions) goes through
``sanitize`` on every save, whatever the path (admin, shell, fixtures), and
through ``report`` in admin form validation so that an editor is told what
would be removed instead of losing it silently. ``report`` sorts what it finds:
pure presentation (styles, classes, fonts, Word's and WeChat's wrappers) is
dropped with a notice, anything that changes what the page says or does
(scripts, frames, forms, outside images, bad addresses) is refused by name.
The admin's editor (content/editor.py) produces only what is allowed here. bleach is imported here and
nowhere else: swapping the sanitizer means changing this file only.
"""

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import bleach
from bleach.html5lib_shim import Filter, convert_entities
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4",
        "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark", "abbr", "cite", "q", "code",
        "ul", "ol", "li", "dl", "dt", "dd",
        "blockquote", "hr",
        "a", "img", "figure", "figcaption",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "img": ["src", "alt", "title", "width", "height"],
    "abbr": ["title"],
    "q": ["cite"],
    "blockquote": ["cite"],
    # The editor writes every ordered list's numbering twice (type="a" data-type="lower-alpha").
    "ol": ["start", "reversed", "type", "data-type"],
    "th": ["colspan", "rowspan", "scope"],
    "td": ["colspan", "rowspan"],
}

_LIST_TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}
# Attributes allowed with these values only.
ALLOWED_VALUES = {("ol", "type"): frozenset(_LIST_TYPES), ("ol", "data-type"): frozenset(_LIST_TYPES.values())}


def attribute_allowed(tag, name, value):
    """Whether ``name="value"`` may stay on ``<tag>`` (URLs are judged apart, by scheme and host)."""
    if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
        return False
    values = ALLOWED_VALUES.get((tag, name))
    return values is None or value in values


# Relative URLs carry no scheme and are always allowed; bleach treats them so.
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = {("a", "href"), ("img", "src"), ("q", "cite"), ("blockquote", "cite")}

# Elements whose content is dropped with them, not kept as text: the text of a
# script or a style sheet is never something an editor meant to publish.
# Only elements that have an end tag belong here: a void element such as
# <embed> would open a block that never closes and swallow the rest of the body.
_DROP_WITH_CONTENT = (
    "script", "style", "template", "noscript", "iframe", "object", "svg", "math",
    "textarea", "select", "title", "xmp", "noembed", "noframes", "plaintext",
)  # fmt: skip
EXTERNAL_REL = "noopener noreferrer"


class _ExternalLinkFilter(Filter):
    """Give every link that leaves the site ``rel="noopener noreferrer"``, and
    drop images served by another host: no public page loads anything from
    elsewhere (privacy, and the page must not break when that host does)."""

    def __iter__(self):
        for token in super().__iter__():
            # bleach leaves character references in attribute values as written
            # ("&#47;&#47;host"): decode them before judging, with bleach's own
            # decoder, which keeps exactly the references its serializer keeps
            # (so a second pass judges the same URL and sanitize stays idempotent).
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "img":
                if is_external(convert_entities(dict(token["data"]).get((None, "src"), ""))):
                    continue
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "a":
                attrs = dict(token["data"])
                href = convert_entities(attrs.get((None, "href"), ""))
                if is_external(href):
                    attrs[(None, "rel")] = EXTERNAL_REL
                else:
                    attrs.pop((None, "rel"), None)
                token["data"] = attrs
            yield token


_URL_EDGE_JUNK = "".join(map(chr, range(0x21)))  # C0 controls and space
_URL_TAB_NEWLINE = re.compile("[\t\n\r]")


def is_external(url):
    """Whether a browser would fetch ``url`` (an attribute value, entities decoded) from another host.

    Read the URL as browsers do (WHATWG URL standard), not as urlsplit does:
    they trim control characters at both ends, drop tabs and newlines
    anywhere, and take a backslash for a slash, so "\\\\evil.example/x.png"
    is the protocol-relative "//evil.example/x.png".
    """
    url = _URL_TAB_NEWLINE.sub("", url.strip(_URL_EDGE_JUNK)).replace("\\", "/")
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme != "mailto") or bool(parts.netloc)


_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=attribute_allowed,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[_ExternalLinkFilter],
)


class _DangerousBlockStripper(HTMLParser):
    """Remove elements (with all they contain) that must never reach bleach as text.

    bleach with ``strip=True`` keeps the text inside a removed element, which
    is right for an unknown ``<span>`` but wrong for ``<script>`` or ``<svg>``.
    This pass re-emits the input minus those blocks, byte for byte otherwise.
    """

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROP_WITH_CONTENT:
            self.depth += 1
        elif not self.depth:
            self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        if not self.depth and tag not in _DROP_WITH_CONTENT:
            self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in _DROP_WITH_CONTENT:
            self.depth = max(0, self.depth - 1)
        elif not self.depth:
            self.out.append(f"</{tag}>")

    def _keep(self, text):
        if not self.depth:
            self.out.append(text)

    def handle_data(self, data):
        self._keep(data)

    def handle_entityref(self, name):
        self._keep(f"&{name};")

    def handle_charref(self, name):
        self._keep(f"&#{name};")

    def handle_comment(self, data):
        pass  # comments never survive; conditional comments are a classic vector

    def handle_decl(self, decl):
        pass

    def unknown_decl(self, data):
        pass

    def handle_pi(self, data):
        pass


def _strip_blocks(html):
    parser = _DangerousBlockStripper()
    parser.feed(html)
    parser.close()
    # HTMLParser holds back an unterminated trailing construct ("<scr"); bleach
    # escapes whatever is left, so nothing executable survives either way.
    return "".join(parser.out)


def sanitize(html):
    """Return ``html`` reduced to what an editor may publish. Idempotent."""
    if not html:
        return ""
    return _cleaner.clean(_strip_blocks(html)).strip()


# Presentation that text copied from Word, WPS, WeChat or a web page brings along: dropping it
# changes how the text looks here (the site's own styles apply), never what it says. Elements in
# this list are unwrapped (their text stays) or, for style sheets, dropped whole.
PRESENTATION_TAGS = frozenset(
    {
        "span", "font", "div", "section", "center", "big", "colgroup", "col",
        "html", "head", "body", "meta", "link", "style",
    }
)  # fmt: skip
PRESENTATION_ATTRIBUTES = frozenset(
    {
        "style", "class", "id", "lang", "dir", "align", "valign", "width", "height", "border", "bgcolor",
        "color", "face", "size", "nowrap", "cellpadding", "cellspacing", "colwidth", "type", "label",
        "target", "title", "name",
    }
)  # fmt: skip

# Attributes that run or fetch something are never mere presentation, whatever their namespace.
_LOADING_ATTRIBUTE_ENDINGS = ("href", "src", "srcset", "action", "background", "poster", "ping")


def is_presentation(tag, attribute=None):
    """Whether dropping this element (or this attribute of it) loses only looks.

    Office's namespaced tags and attributes (<o:p>, xmlns:o) and data-* attributes count as
    presentation; an event handler or an address that would load something never does.
    """
    if attribute is None:
        return tag in PRESENTATION_TAGS or ":" in tag
    if attribute.startswith("data-"):  # never read by a browser (data-mce-href included)
        return True
    if attribute.startswith("on") or attribute.endswith(_LOADING_ATTRIBUTE_ENDINGS):
        return False
    return attribute in PRESENTATION_ATTRIBUTES or ":" in attribute


@dataclass
class Report:
    clean: str
    removed: list = field(default_factory=list)  # everything sanitize drops, in words an editor understands
    meaningful: list = field(default_factory=list)  # the part of it that is not mere presentation

    @property
    def changed_meaning(self):
        return bool(self.meaningful)

    @property
    def formatting_removed(self):
        return bool(self.removed) and not self.meaningful

    def message(self):
        items = pgettext("between the items of a list in a sentence", "; ").join(dict.fromkeys(self.meaningful))
        return _(
            "This content contains HTML that is not allowed and would be removed: %(items)s. Remove or change it, then save again."
        ) % {"items": items}


class _Inventory(HTMLParser):
    """List what the sanitizer is going to throw away, in words an editor understands."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.removed = []
        self.meaningful = []

    def _note(self, text, presentation=False):
        self.removed.append(text)
        if not presentation:
            self.meaningful.append(text)

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self._note(_("the <%(tag)s> element") % {"tag": tag}, is_presentation(tag))
            return
        for name, value in attrs:
            if not attribute_allowed(tag, name, value or ""):
                self._note(
                    _("the %(attr)s attribute on <%(tag)s>") % {"attr": name, "tag": tag}, is_presentation(tag, name)
                )
            elif (tag, name) in URL_ATTRIBUTES and not url_is_allowed(value or ""):
                self._note(
                    _("the address %(url)s (only http, https, mailto and relative links are allowed)")
                    % {"url": (value or "")[:80]}
                )
            elif (tag, name) == ("img", "src") and is_external(value or ""):
                self._note(
                    _("the image from another site %(url)s (upload images to this site instead)")
                    % {"url": (value or "")[:80]}
                )

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        # Word wraps its fragment in comments (StartFragment, [if gte mso 9]); none carries text.
        self._note(_("an HTML comment"), presentation=True)

    # sanitize drops these along with their content, so the editor must hear of it.
    def unknown_decl(self, data):
        # Word's own conditional markers (<![if !supportLists]>, <![endif]>) are presentation.
        self._note(_("a CDATA section or declaration"), presentation=data.lower().startswith(("if ", "endif")))

    def handle_decl(self, decl):
        self._note(_("a CDATA section or declaration"), presentation=decl.lower().startswith("doctype"))

    def handle_pi(self, data):
        # Word's <?xml:namespace ...> is the one a paste brings.
        self._note(_("a processing instruction"), presentation=data.lower().startswith("xml"))


_url_probe = bleach.sanitizer.Cleaner(tags={"a"}, attributes={"a": ["href"]}, protocols=ALLOWED_PROTOCOLS)


def url_is_allowed(url):
    """Ask bleach itself, so that the report always matches what sanitize does."""
    return "href=" in _url_probe.clean(f'<a href="{escape(url, quote=True)}">x</a>')


def report(html):
    """Sanitize ``html`` and say what, if anything, an editor would lose."""
    inventory = _Inventory()
    inventory.feed(html or "")
    inventory.close()
    return Report(clean=sanitize(html), removed=inventory.removed, meaningful=inventory.meaningful)
