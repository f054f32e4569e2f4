"""From the text of a saved page to an ImportedDocument: headline, meta lines, body blocks."""

import re
from collections import Counter
from html.parser import HTMLParser

from news.importer.document import BYLINE_OUTLETS, Block, ImportedDocument, ImportRefused
from news.importer.reading import HAN, read_text, to_simplified
from news.importer.rules import (
    AUTHOR_LINE,
    BYLINE,
    HEADING_MARKER,
    MARKDOWN_LINKS_ONLY,
    ORIGINAL_TITLE,
    PUBLISHED_BY,
    RELATED_LIST,
    SECTION_NUMBER,
    SOURCE_IN_BODY,
    bare_url,
    ends_sentence,
    finish_dates,
    is_boilerplate,
    is_caption,
    is_heading_like,
    is_site_chrome,
    parse_datetime,
    read_meta,
)
from news.models import Article


def read_document(path):
    """Read and parse the file at ``path``; raise ImportRefused if it is not a news page."""
    return parse_text(read_text(path), path=str(path))


def parse_text(text, path="<text>"):
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not HAN.search(text):
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
        doc.source_datetime = parse_datetime(meta["date"])
        if doc.source_datetime is None:
            raise ImportRefused(path, f"the date in the header, “{meta['date']}”, is not a date.")
    rest = []
    for line in lines[end + 1 :]:
        stripped = line.strip()
        url = bare_url(stripped)
        if url:
            doc.source_url = doc.source_url or url
        elif MARKDOWN_LINKS_ONLY.match(stripped):
            doc.dropped["navigation links"] += 1
        else:
            rest.append(line)
    extractor = _BlockExtractor()
    extractor.feed("\n".join(rest))
    extractor.close()
    doc.dropped.update(extractor.dropped)
    candidates = []
    for tag, text_, classes in extractor.blocks:
        source = SOURCE_IN_BODY.match(text_)
        if source or "em_media" in classes:
            doc.outlet = doc.outlet or (source[1].strip() if source else "")
            doc.dropped["source line"] += 1
            continue
        candidates.append((tag, text_))
    doc.blocks = _classify(candidates, doc, join_broken=False)
    if not doc.outlet:
        # Mirrors file a paper's stories under a tag named after it ("青岛财经日报新闻").
        doc.outlet = re.sub(r"新闻$", "", meta.get("tags", "").split(",")[0].strip())
    finish_dates(doc)
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
    headline_seen, lead_captions = False, []
    while i < n:
        line = lines[i]
        if not line or is_site_chrome(line):
            i += 1
            continue
        if match := ORIGINAL_TITLE.match(line):
            doc.original_title = doc.original_title or match[1].strip()
            i += 1
            continue
        if read_meta(line, doc):
            i += 1
            continue
        if not headline_seen and not doc.original_title:
            doc.title, headline_seen = line, True
            i, lead_captions = _after_headline(lines, i + 1, doc)
            continue
        break
    if not doc.title:
        doc.title = doc.original_title

    # The captions of a lead photo over the byline come first, where the photo was.
    candidates = [("figcaption", caption) for caption in lead_captions]
    for line in lines[i:]:
        if not line:
            continue
        if RELATED_LIST.match(line):
            doc.dropped["related-articles list"] += 1
            break
        if match := PUBLISHED_BY.search(line):
            doc.outlet = doc.outlet or match[1].strip()
        url = bare_url(line)
        if url:
            doc.source_url = doc.source_url or url
            continue
        if match := AUTHOR_LINE.match(line):
            doc.author = doc.author or match[1].strip()
            continue
        candidates.append(("p", line))
    doc.blocks = _classify(candidates, doc, join_broken=True)
    finish_dates(doc)
    return doc


def _after_headline(lines, i, doc):
    """Read what hangs under a headline: a deck, a byline, captions of the lead photo, a meta line.

    Returns where the body starts and the lead photo's captions (lines over the byline).
    """
    n = len(lines)
    upcoming = [j for j in range(i, n) if lines[j]][:4]
    byline_at = next((j for j in upcoming if BYLINE.match(lines[j])), None)
    if byline_at is not None:
        captions = [lines[j] for j in upcoming if j < byline_at]
        match = BYLINE.match(lines[byline_at])
        doc.author = match["credit"]
        doc.outlet = doc.outlet or BYLINE_OUTLETS.get(match["paper"], "")
        return byline_at + 1, captions
    for j in upcoming:
        line = lines[j]
        if read_meta(line, doc):
            continue
        if j == upcoming[0] and is_heading_like(line):
            doc.summary = line  # the deck under the headline
            return j + 1, []
        return j, []
    return (upcoming[-1] + 1 if upcoming else n), []


def _classify(candidates, doc, join_broken):
    """Sort candidate lines into paragraphs and subheadings, dropping what is not the story."""
    blocks = []

    def heading(text):
        # A subheading right under another one is its second line (h3); otherwise it opens a section (h2).
        return Block("h3" if blocks and blocks[-1].tag in {"h2", "h3"} else "h2", text)

    for tag, text in candidates:
        if is_boilerplate(text):
            doc.dropped["advertising, contact and navigation lines"] += 1
            continue
        if tag == "figcaption":
            blocks.append(Block("figcaption", text))
            continue
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            blocks.append(heading(text))
            continue
        marker = HEADING_MARKER.match(text)
        if marker:
            text = marker[1].strip()
            blocks.append(heading(text))
            continue
        if SECTION_NUMBER.match(text):
            doc.dropped["section numbers"] += 1
            continue
        if join_broken and blocks and blocks[-1].tag == "p" and not ends_sentence(blocks[-1].text):
            # A paragraph cut in the middle of a sentence by the page's layout;
            # its tail may look like a caption or a heading, but it is neither.
            blocks[-1].text += text
            continue
        if is_caption(text):
            # A photo's caption whose photo is gone: kept, as a caption, where the photo was.
            blocks.append(Block("figcaption", text))
            continue
        if is_heading_like(text):
            blocks.append(heading(text))
            continue
        blocks.append(Block("p", text))
    while blocks and blocks[-1].tag in {"h2", "h3"}:  # a heading with nothing under it
        blocks.pop()
    return blocks
