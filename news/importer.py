"""Turn a saved news page into a draft article.

Staff save news pages from papers and portals; the demo's seed documents
(see fixtures/README.md) show the three shapes they come in:

* HTML after a front-matter header (``---`` / ``title:`` / ``date:`` / ``---``),
  as static-site mirrors save it, with the original address on a line of its own;
* plain text whose first lines give the source and the date
  (``来源:…``, ``2024-04-28 08:47:04``, ``原标题:…``), as portals print them;
* plain text that starts with a headline, possibly under a site header
  (``当前位置:首页 > …``) and over a meta line (``admin1年前 (2024-09-27)…``).

A whole saved HTML page (``<html>…<h1>…``) is read like the plain-text kind,
one line per block.

From any of them the importer keeps what a reader of the bureau's site needs:
the real headline, the outlet, the original address and date when the page
gives them, the byline, and the body as paragraphs and subheadings. It drops
what belongs to the page and not to the story: images served by other hosts
(stock charts), photo captions whose photo is gone, "related articles" lists,
advertising, contact and hotline lines, "return to home" links. A page in
Traditional Chinese is converted to Simplified with OpenCC.

Everything here is pure text handling except ``find_existing`` and
``save_document``; the ``import_article`` command wraps them in one
transaction.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Q

from content.models import Status
from news.models import Article

BEIJING = ZoneInfo("Asia/Shanghai")

# A saved page is a few tens of kilobytes; anything this big is not one.
MAX_BYTES = 5 * 1024 * 1024

# A page counts as Traditional Chinese when at least this share of its Han
# characters change under OpenCC's Traditional-to-Simplified conversion. A
# Simplified page scores 0; the threshold only keeps the odd variant character
# in a Simplified page from triggering a phrase-level conversion of the whole text.
TRADITIONAL_SHARE = 0.02

# Reporters sign as "<paper>记者 <names>"; the paper's own name is what an
# outlet field wants. Only papers whose bylines we have seen are listed.
BYLINE_OUTLETS = {"半岛": "半岛都市报"}

SENTENCE_END = "。！？!?…；;：:—"
CLOSERS = "”’」』）)》〉】"
HEADING_MAX = 30
CAPTION_MAX = 30


class ImportRefused(Exception):
    """A document the importer will not turn into an article; the message says why."""

    def __init__(self, path, problem):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@dataclass
class Block:
    tag: str  # "p", "h2" or "h3"
    text: str

    def html(self):
        return f"<{self.tag}>{escape(self.text, quote=False)}</{self.tag}>"


@dataclass
class ImportedDocument:
    """What a saved page says, before anything is written to the database."""

    path: str
    format: str
    title: str = ""
    blocks: list = field(default_factory=list)
    original_title: str = ""
    outlet: str = ""
    source_url: str = ""
    source_datetime: datetime | None = None  # aware; midnight Beijing time when only a date is given
    source_date: date | None = None
    author: str = ""
    summary: str = ""
    converted_from_traditional: bool = False
    dropped: Counter = field(default_factory=Counter)

    @property
    def body(self):
        return "\n".join(block.html() for block in self.blocks)

    @property
    def paragraph_count(self):
        return sum(block.tag == "p" for block in self.blocks)

    @property
    def heading_count(self):
        return sum(block.tag != "p" for block in self.blocks)

    def article_fields(self):
        """The Article fields this document determines (not status, slug, tags or links)."""
        return {
            "title": self.title,
            "original_title": self.original_title or self.title,
            "summary": self.summary,
            "body": self.body,
            "source_outlet": self.outlet,
            "source_url": self.source_url,
            "source_date": self.source_date,
            "author": self.author,
        }


# --- reading ---------------------------------------------------------------


def read_document(path):
    """Read and parse the file at ``path``; raise ImportRefused if it is not a news page."""
    return parse_text(read_text(path), path=str(path))


def read_text(path):
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused(path, "no such file.") from None
    except IsADirectoryError:
        raise ImportRefused(path, "this is a folder, not a saved news page.") from None
    except OSError as error:
        raise ImportRefused(path, f"the file cannot be read ({error.strerror}).") from None
    if not raw.strip():
        raise ImportRefused(path, "the file is empty.")
    if len(raw) > MAX_BYTES:
        raise ImportRefused(path, f"the file is {len(raw) // 1024} KB, too big for a saved news page.")
    if b"\x00" in raw:
        raise ImportRefused(path, "this is a binary file, not a saved news page (HTML or text).")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportRefused(path, "the file is neither UTF-8 nor GB18030 text.")
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f")
    if controls > len(text) / 100:
        raise ImportRefused(path, "this is a binary file, not a saved news page (HTML or text).")
    return text


# --- Traditional to Simplified ----------------------------------------------

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_converter = None


def _t2s(text):
    global _converter
    if _converter is None:
        import opencc  # imported on first use: only the importer and its tests need it

        _converter = opencc.OpenCC("t2s")
    return _converter.convert(text)


def traditional_share(text):
    """The share of Han characters in ``text`` that are Traditional-only forms."""
    counts = Counter(_HAN.findall(text))
    if not counts:
        return 0.0
    chars = list(counts)
    simplified = _t2s("\n".join(chars)).split("\n")
    if len(simplified) != len(chars):  # a phrase rule merged lines: judge character by character
        simplified = [_t2s(char) for char in chars]
    changed = sum(counts[char] for char, new in zip(chars, simplified, strict=True) if new != char)
    return changed / sum(counts.values())


def to_simplified(text):
    """``text`` in Simplified Chinese, and whether it had to be converted."""
    if traditional_share(text) >= TRADITIONAL_SHARE:
        return _t2s(text), True
    return text, False


# --- parsing ---------------------------------------------------------------


def parse_text(text, path="<text>"):
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not _HAN.search(text):
        raise ImportRefused(path, "no Chinese text found: this does not look like a saved news page.")
    text, converted = to_simplified(text)
    if text.lstrip().startswith("---"):
        doc = _parse_front_matter(text, path)
    elif _LOOKS_LIKE_HTML.search(text):
        doc = _parse_plain(_html_to_lines(text), path)
        doc.format = "html"
    else:
        doc = _parse_plain(text, path)
    doc.converted_from_traditional = converted
    if not doc.title:
        raise ImportRefused(path, "no headline found.")
    if len(doc.title) > Article._meta.get_field("title").max_length:
        raise ImportRefused(
            path,
            f"the headline is longer than {Article._meta.get_field('title').max_length} characters: “{doc.title[:60]}…”.",
        )
    if not any(block.tag == "p" for block in doc.blocks):
        raise ImportRefused(path, "no article text found after the headline.")
    return doc


def _clean_line(line):
    # Pages indent paragraphs with ASCII, ideographic or no-break spaces.
    return line.strip(" \t\u3000\xa0\u200b")


_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def _parse_front_matter(text, path):
    lines = text.lstrip().split("\n")
    end = next((i for i, line in enumerate(lines) if i and line.strip() == "---"), None)
    if end is None:
        raise ImportRefused(path, "the front-matter header opened with --- is never closed.")
    meta = {}
    for line in lines[1:end]:
        match = _FRONT_MATTER_LINE.match(line.strip())
        if match:
            meta[match[1].lower()] = match[2].strip().strip("\"'")
    doc = ImportedDocument(path=path, format="html-front-matter", title=_clean_line(meta.get("title", "")))
    if meta.get("date"):
        doc.source_datetime = _parse_datetime(meta["date"])
        if doc.source_datetime is None:
            raise ImportRefused(path, f"the date in the header, “{meta['date']}”, is not a date.")
    rest = []
    for line in lines[end + 1 :]:
        stripped = line.strip()
        url = _bare_url(stripped)
        if url:
            doc.source_url = doc.source_url or url
        elif _MARKDOWN_LINKS_ONLY.match(stripped):
            doc.dropped["navigation links"] += 1
        else:
            rest.append(line)
    extractor = _BlockExtractor()
    extractor.feed("\n".join(rest))
    extractor.close()
    doc.dropped.update(extractor.dropped)
    candidates = []
    for tag, text_, classes in extractor.blocks:
        source = _SOURCE_IN_BODY.match(text_)
        if source or "em_media" in classes:
            doc.outlet = doc.outlet or (source[1].strip() if source else "")
            doc.dropped["source line"] += 1
            continue
        candidates.append((tag, text_))
    doc.blocks = _classify(candidates, doc, join_broken=False)
    if not doc.outlet:
        # Mirrors file a paper's stories under a tag named after it ("青岛财经日报新闻").
        doc.outlet = re.sub(r"新闻$", "", meta.get("tags", "").split(",")[0].strip())
    _finish_dates(doc)
    return doc


_LOOKS_LIKE_HTML = re.compile(r"<(?:html|body|p|div|h1)\b", re.IGNORECASE)


def _html_to_lines(text):
    """A whole saved HTML page as one line per block, to be read like a plain-text page."""
    extractor = _BlockExtractor()
    extractor.feed(text)
    extractor.close()
    blocks = extractor.blocks
    if any(tag == "h1" for tag, _text, _classes in blocks):
        blocks = [block for block in blocks if block[0] != "title"]  # the page's <h1> is the headline
    lines = []
    for tag, block_text, _classes in blocks:
        if tag == "title":
            # "Headline_Site name" or "Headline - Site name": the site's name is not the headline.
            block_text = re.split(r"\s*(?:_|\||｜| - | — )\s*", block_text)[0]
        lines.append(block_text)
    return "\n".join(lines)


class _BlockExtractor(HTMLParser):
    """Paragraph-level blocks of an HTML fragment, as (tag, text, classes)."""

    BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "td", "figcaption", "title"}
    SKIP = {"script", "style", "noscript", "iframe", "template", "nav", "header", "footer", "aside"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.dropped = Counter()
        self.current = None
        self.skipping = 0

    def _flush(self):
        if self.current is not None:
            tag, parts, classes, had_image = self.current
            text = _clean_line(re.sub(r"\s+", " ", "".join(parts)))
            if text:
                self.blocks.append((tag, text, classes))
            elif had_image:
                self.dropped["images from other hosts"] += 1
        self.current = None

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
            return
        if tag in self.BLOCKS:
            self._flush()
            self.current = (tag, [], dict(attrs).get("class") or "", False)
        elif tag == "img" and self.current is not None:
            self.current = (*self.current[:3], True)
        elif tag == "br" and self.current is not None:
            self.current[1].append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self.skipping:
            return
        if self.current is None:
            if not data.strip():
                return
            self.current = ("p", [], "", False)
        self.current[1].append(data)

    def close(self):
        super().close()
        self._flush()


def _parse_plain(text, path):
    lines = [_clean_line(line) for line in text.split("\n")]
    doc = ImportedDocument(path=path, format="plain-text")
    i, n = 0, len(lines)

    # The header: site chrome, source and date lines, the headline and what hangs under it.
    headline_seen = False
    while i < n:
        line = lines[i]
        if not line or _is_site_chrome(line):
            i += 1
            continue
        if match := _ORIGINAL_TITLE.match(line):
            doc.original_title = doc.original_title or match[1].strip()
            i += 1
            continue
        if _read_meta(line, doc):
            i += 1
            continue
        if not headline_seen and not doc.original_title:
            doc.title, headline_seen = line, True
            i = _after_headline(lines, i + 1, doc)
            continue
        break
    if not doc.title:
        doc.title = doc.original_title

    candidates = []
    for line in lines[i:]:
        if not line:
            continue
        if _RELATED_LIST.match(line):
            doc.dropped["related-articles list"] += 1
            break
        if match := _PUBLISHED_BY.search(line):
            doc.outlet = doc.outlet or match[1].strip()
        url = _bare_url(line)
        if url:
            doc.source_url = doc.source_url or url
            continue
        if match := _AUTHOR_LINE.match(line):
            doc.author = doc.author or match[1].strip()
            continue
        candidates.append(("p", line))
    doc.blocks = _classify(candidates, doc, join_broken=True)
    _finish_dates(doc)
    return doc


def _after_headline(lines, i, doc):
    """Read what hangs under a headline: a deck, a byline, captions of the lead photo, a meta line."""
    n = len(lines)
    upcoming = [j for j in range(i, n) if lines[j]][:4]
    byline_at = next((j for j in upcoming if _BYLINE.match(lines[j])), None)
    if byline_at is not None:
        for j in upcoming:
            if j == byline_at:
                break
            doc.dropped["photo captions"] += 1
        match = _BYLINE.match(lines[byline_at])
        doc.author = match["credit"]
        doc.outlet = doc.outlet or BYLINE_OUTLETS.get(match["paper"], "")
        return byline_at + 1
    for j in upcoming:
        line = lines[j]
        if _read_meta(line, doc):
            continue
        if j == upcoming[0] and _is_heading_like(line):
            doc.summary = line  # the deck under the headline
            return j + 1
        return j
    return upcoming[-1] + 1 if upcoming else n


def _classify(candidates, doc, join_broken):
    """Sort candidate lines into paragraphs and subheadings, dropping what is not the story."""
    blocks = []
    for tag, text in candidates:
        if _is_boilerplate(text):
            doc.dropped["advertising, contact and navigation lines"] += 1
            continue
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            blocks.append(Block("h3" if blocks and blocks[-1].tag != "p" else "h2", text))
            continue
        marker = _HEADING_MARKER.match(text)
        if marker:
            text = marker[1].strip()
            blocks.append(Block("h3" if blocks and blocks[-1].tag != "p" else "h2", text))
            continue
        if _SECTION_NUMBER.match(text):
            doc.dropped["section numbers"] += 1
            continue
        if join_broken and blocks and blocks[-1].tag == "p" and not _ends_sentence(blocks[-1].text):
            # A paragraph cut in the middle of a sentence by the page's layout;
            # its tail may look like a caption or a heading, but it is neither.
            blocks[-1].text += text
            continue
        if _is_caption(text):
            doc.dropped["photo captions"] += 1
            continue
        if _is_heading_like(text):
            blocks.append(Block("h3" if blocks and blocks[-1].tag != "p" else "h2", text))
            continue
        blocks.append(Block("p", text))
    while blocks and blocks[-1].tag != "p":  # a heading with nothing under it
        blocks.pop()
    return blocks


# --- the rules -------------------------------------------------------------

_SOURCE_LINE = re.compile(r"(?:^|\s)(?:来源|稿源|文章来源|消息来源)\s*[:：|｜]\s*([^\s|｜]{2,30})")
_SOURCE_IN_BODY = re.compile(r"^[（(]?\s*(?:文章)?来源\s*[:：]\s*([^）)]{1,40})[）)]?$")
_ORIGINAL_TITLE = re.compile(r"^原标题\s*[:：]\s*(\S.*)$")
_PUBLISHED_BY = re.compile(r"本文由\s*(\S{2,20}?)\s*(?:发布|原创)")
_AUTHOR_LINE = re.compile(r"^(?:作者|撰文|文)\s*[|｜:：/]\s*(\S.{0,30})$")
_BYLINE = re.compile(
    r"^(?:文图|图文|文/图|文·图|文|图)?\s*[|｜:：/]?\s*(?P<credit>(?P<paper>\w{0,8}?)记者\s*\S.{0,30})$"
)
_DATE_IN_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([+-]\d{2}:?\d{2}))?"
)
_RELATED_LIST = re.compile(
    r"^(?:相关文章|相关阅读|相关新闻|相关报道|新闻推荐|推荐阅读|延伸阅读|猜你喜欢|热门推荐)\s*[:：]?$"
)
_HEADING_MARKER = re.compile(r"^(?:>{2,}|【(?=.*】$)|■)\s*(.+?)】?$")
_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,2})[、.]?$")
_MARKDOWN_LINKS_ONLY = re.compile(r"^(?:\[[^\]]*\]\([^)]*\)\s*[|｜·]?\s*)+$")
_PHONE = re.compile(r"(?<!\d)(?:400[- ]?\d{3,4}[- ]?\d{3,4}|0\d{2,3}-\d{7,8}|1[3-9]\d{9})(?!\d)")
_BOILERPLATE = re.compile(
    r"想爆料|爆料热线|新闻热线|广告热线|诚邀合作|版权声明|如需转载|转载请注明|分享给朋友|分享到|扫一扫|微信号|"
    r"微信/手机|联系人、手机号|责任编辑|返回首页|返回.{0,12}新闻|点击进入|阅读全文|下载.{0,8}客户端"
)


def _is_site_chrome(line):
    return line.startswith("当前位置") or line.count(" > ") >= 2 or line.count("›") >= 2


def _read_meta(line, doc):
    """Take the source and the date from a header line that gives them; False if it gives neither."""
    if len(line) > 60:
        return False
    source = _SOURCE_LINE.search(line)
    rest = (line[: source.start()] + " " + line[source.end() :]).strip() if source else line
    dated = _is_date_line(rest)
    if source and (dated or not rest):
        doc.outlet = doc.outlet or source[1]
    elif not dated:
        return False
    if dated and doc.source_datetime is None:
        doc.source_datetime = _parse_datetime(rest)
    return True


def _is_date_line(line):
    """A header line that is a date, or a short meta line around one ("admin1年前 (2024-09-27)…")."""
    match = _DATE_IN_TEXT.search(line)
    if not match:
        return False
    rest = (line[: match.start()] + line[match.end() :]).strip()
    return len(rest) <= 40 and not any(mark in rest for mark in "。，,！？")


def _parse_datetime(value):
    match = _DATE_IN_TEXT.search(value)
    if not match:
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        naive = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if offset:
        sign = 1 if offset[0] == "+" else -1
        digits = offset[1:].replace(":", "")
        tz = dt_timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return naive.replace(tzinfo=tz).astimezone(BEIJING)
    return naive.replace(tzinfo=BEIJING)


def _finish_dates(doc):
    if doc.source_datetime is not None:
        doc.source_date = doc.source_datetime.astimezone(BEIJING).date()


def _bare_url(line):
    """The address on a line that holds nothing else (``<https://…>`` or ``原文链接: https://…``)."""
    match = re.match(r"^(?:原文链接|原文地址|原文|来源链接|链接|URL)?\s*[:：]?\s*<?(https?://[^\s<>]+)>?$", line)
    if not match:
        return ""
    url = match[1]
    parts = urlsplit(url)
    return url if parts.netloc and "." in parts.netloc else ""


def _is_boilerplate(text):
    return bool(_BOILERPLATE.search(text) or _PHONE.search(text))


def _strip_closers(text):
    return text.rstrip(CLOSERS + " ")


def _ends_sentence(text):
    stripped = _strip_closers(text)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def _is_heading_like(text):
    """Short, no sentence punctuation, not ending like a sentence: a subheading."""
    if len(text) > HEADING_MAX or _SECTION_NUMBER.match(text):
        return False
    if any(mark in text for mark in "。，,；;！!？?"):
        return False
    return not _ends_sentence(text)


def _is_caption(text):
    """A photo caption left behind by a dropped photo: one short clause ending in a full stop."""
    if len(text) > CAPTION_MAX or not _strip_closers(text).endswith("。"):
        return False
    return not any(mark in _strip_closers(text)[:-1] for mark in "。，,；;：:！!？?")


# --- the database ----------------------------------------------------------


def find_existing(doc):
    """The article this document already is: same source address, or same headline and date."""
    same = Q(title=doc.title) | Q(original_title=doc.title)
    if doc.original_title:
        same |= Q(title=doc.original_title) | Q(original_title=doc.original_title)
    query = same & Q(source_date=doc.source_date)
    if doc.source_url:
        query |= Q(source_url=doc.source_url)
    return Article.objects.filter(query).order_by("pk").first()


def existing_reason(doc, article):
    if doc.source_url and article.source_url == doc.source_url:
        return f"the same original address ({doc.source_url})"
    when = doc.source_date.isoformat() if doc.source_date else "no date"
    return f"the same headline and date ({when})"


def save_document(doc, *, update=False, user=None):
    """Create a draft from ``doc`` (or, with ``update``, rewrite the article it already is).

    Returns ``(article, created)``. Status, publication time, slug, tags and
    links of an updated article are left as staff set them.
    """
    existing = find_existing(doc)
    if existing is not None and not update:
        raise ImportRefused(
            doc.path,
            f"an article with {existing_reason(doc, existing)} already exists: “{existing.title}” "
            f"(slug {existing.slug}). Use --update to replace its text with this document.",
        )
    article = existing or Article(status=Status.DRAFT)
    for name, value in doc.article_fields().items():
        setattr(article, name, value)
    if user is not None:
        article.last_edited_by = user
    try:
        article.full_clean(exclude=["slug"] if not article.slug else None)
    except ValidationError as error:
        problems = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
        raise ImportRefused(doc.path, f"the article would not be valid ({problems}).") from None
    article.save()
    return article, existing is None


def describe(doc):
    """One line for staff: what the document gave and what was left out."""
    parts = [f"{doc.paragraph_count} paragraphs", f"{doc.heading_count} subheadings"]
    parts.append(f"outlet {doc.outlet}" if doc.outlet else "no outlet given")
    parts.append(f"original date {doc.source_date.isoformat()}" if doc.source_date else "no date given")
    parts.append(f"original address {doc.source_url}" if doc.source_url else "no original address given")
    if doc.author:
        parts.append(f"author {doc.author}")
    if doc.converted_from_traditional:
        parts.append("converted from Traditional Chinese")
    if doc.dropped:
        parts.append("dropped " + ", ".join(f"{count} {what}" for what, count in sorted(doc.dropped.items())))
    return "; ".join(parts)
