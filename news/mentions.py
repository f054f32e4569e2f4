"""Link the first mention of each linked park or enterprise in an article body.

Staff link an article to the parks and enterprises it is about; readers get
the first mention of each (by name, short name or alias) as a link to its page.
This happens at display time on the sanitized HTML and only in text nodes:
never inside an existing link or a heading, never in an attribute, and what
staff wrote is never edited. The result is kept for the content generation
(``content.caching.remember``): any edit, a rename or an unpublished park
starts a new one, so nothing has to be purged.
"""

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from content.caching import remember
from content.library import render_images
from content.localize import mark_chinese_in_parentheses

# A one-character alias would light up half the article.
MIN_NAME_LENGTH = 2
# No link inside a link (invalid HTML) and none in headings or code (they read badly there).
SKIP_INSIDE = frozenset({"a", "h2", "h3", "h4", "code"})


@dataclass(frozen=True)
class Target:
    url: str
    names: tuple


def names_for(obj):
    """The names a text may use for a park or an enterprise, longest first."""
    names = [obj.name, getattr(obj, "short_name", ""), obj.name_en, *obj.alias_list()]
    unique = {name.strip() for name in names if name and len(name.strip()) >= MIN_NAME_LENGTH}
    return tuple(sorted(unique, key=lambda name: (-len(name), name)))


def _name_pattern(name):
    # A Latin name must stand alone ("QD" is not a mention inside "QDII"); Chinese has no spaces to check.
    if name.isascii():
        return rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])"
    return re.escape(name)


class _Linker(HTMLParser):
    def __init__(self, targets, mark_chinese=False):
        super().__init__(convert_charrefs=True)
        self.mark_chinese = mark_chinese
        self.out = []
        self.skipping = {tag: 0 for tag in SKIP_INSIDE}
        self.by_name = {}
        for target in targets:
            for name in target.names:
                self.by_name.setdefault(name, target)
        names = sorted(self.by_name, key=lambda name: (-len(name), name))
        self.pattern = re.compile("|".join(_name_pattern(name) for name in names)) if names else None
        self.linked = set()

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in self.skipping:
            self.skipping[tag] += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if self.skipping.get(tag):
            self.skipping[tag] -= 1

    def handle_data(self, data):
        if self.pattern is None or any(self.skipping.values()) or len(self.linked) == len(set(self.by_name.values())):
            self.out.append(escape(data, quote=False))
            return
        position = 0
        for match in self.pattern.finditer(data):
            target = self.by_name[match.group()]
            if target in self.linked:
                continue
            self.linked.add(target)
            self.out.append(escape(data[position : match.start()], quote=False))
            name = match.group()
            if self.mark_chinese and not name.isascii():
                self.out.append(format_html('<a class="mention" href="{}" lang="zh-Hans">{}</a>', target.url, name))
            else:
                self.out.append(format_html('<a class="mention" href="{}">{}</a>', target.url, name))
            position = match.end()
        self.out.append(escape(data[position:], quote=False))


def link_mentions(html, targets, mark_chinese=False):
    """``html`` with the first mention of each target linked. ``html`` must be sanitized already.

    ``mark_chinese``: in an English text, a Chinese name ("AInnovation (创新奇智)") is marked as Chinese.
    """
    if not html or not targets:
        return html or ""
    linker = _Linker(targets, mark_chinese)
    linker.feed(html)
    linker.close()
    return "".join(linker.out)


def article_body(article, field="body"):
    """The article's body (``field``: ``body``, or ``body_en`` on English pages) with its linked parks and
    enterprises linked, kept for the content generation.

    Uses ``public_parks`` and ``public_enterprises`` when the view prefetched
    them (it does), so that this costs no query. The links depend on the
    article and on the names and addresses of what it links to, all content:
    an edit of any of them starts a new generation. The language is in the
    name because the addresses are (/en/parks/...).
    """
    parks = getattr(article, "public_parks", None)
    if parks is None:
        parks = list(article.parks.published())
    enterprises = getattr(article, "public_enterprises", None)
    if enterprises is None:
        enterprises = list(article.enterprises.published())
    objects = [*parks, *enterprises]
    body = getattr(article, field)  # sanitized on every save
    html = body
    if objects:
        suffix = "" if field == "body" else f":{field}"
        html = remember(
            f"article-body:{article.pk}:{get_language()}{suffix}",
            lambda: link_mentions(
                body, [Target(obj.get_absolute_url(), names_for(obj)) for obj in objects], mark_chinese=field != "body"
            ),
        )
    if field != "body":
        html = mark_chinese_in_parentheses(html)
    # Library images become figures with their renditions (content/library.py), after the mentions are linked.
    where = f"article:{article.pk}" if field == "body" else f"article:{article.pk}:{field}"
    return mark_safe(render_images(html, where))
