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
gives them (and the outlet that first published a story the page republishes),
the byline, and the body as paragraphs and subheadings. A photo's caption
whose photo is gone is content (it may be the only place a park is named): it
stays where the photo was, as a figure holding its caption alone. The importer
drops what belongs to the page and not to the story: images served by other
hosts (stock charts), "related articles" lists, advertising, contact and
hotline lines, "return to home" links. A page in Traditional Chinese is
converted to Simplified with OpenCC.

Reading the file is ``reading``, cutting it into a document ``parsing`` with
the line rules in ``rules``, and only ``saving`` touches the database; the
``import_article`` command wraps it in one transaction.
"""

from news.importer.document import ImportedDocument, ImportRefused
from news.importer.parsing import parse_text, read_document
from news.importer.saving import describe, find_existing, save_document

__all__ = [
    "ImportRefused",
    "ImportedDocument",
    "describe",
    "find_existing",
    "parse_text",
    "read_document",
    "save_document",
]
