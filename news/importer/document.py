"""What the importer reads a saved page into, and how it refuses one."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from zoneinfo import ZoneInfo

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
    tag: str  # "p", "h2", "h3" or "figcaption"
    text: str

    def html(self):
        if self.tag == "figcaption":
            # A photo's caption whose photo was not kept: it is content (it may be the only place something is
            # named), so it stays where it was, marked as a caption: a figure that holds its caption alone.
            # The sanitizer keeps it as it is, and public pages show it as they show an image's caption.
            return f"<figure><figcaption>{escape(self.text, quote=False)}</figcaption></figure>"
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
    original_outlet: str = ""  # the outlet that published it first, when the page republishes it
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
        return sum(block.tag in {"h2", "h3"} for block in self.blocks)

    @property
    def caption_count(self):
        return sum(block.tag == "figcaption" for block in self.blocks)

    def article_fields(self):
        """The Article fields this document determines (not status, slug, tags or links)."""
        return {
            "title": self.title,
            "original_title": self.original_title or self.title,
            "summary": self.summary,
            "body": self.body,
            "source_outlet": self.outlet,
            "original_outlet": self.original_outlet,
            "source_url": self.source_url,
            "source_date": self.source_date,
            "author": self.author,
        }
