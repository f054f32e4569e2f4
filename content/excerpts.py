"""The opening sentences of a text, where a summary is needed and none was written (feed entries).

Cut at the end of a sentence, so that an entry never stops mid-word or mid-figure; Chinese and English
sentence ends both count.
"""

import html
import re

from django.utils.html import strip_tags

# Block boundaries become spaces before the tags go, so that two paragraphs do not run into one word.
_BLOCK_END = re.compile(r"<(?:br|/p|/h[1-6]|/li|/td|/th|/blockquote|/figcaption)\b[^>]*>", re.IGNORECASE)
# A sentence ends at 。！？ (with any closing quote or bracket) or at . ! ? followed by a space or the end.
_SENTENCE_END = re.compile(r"[。！？…]+[”’」』）)]*|[.!?]+[\"')\]]*(?=\s|$)")

SHORTEST = 120
LONGEST = 200


def opening(body, shortest=SHORTEST, longest=LONGEST):
    """Plain text: the sentences of ``body`` (HTML or text) that fit in ``longest`` characters, at least
    ``shortest`` of them when a sentence ends there; a first sentence longer than ``longest`` is cut with "…"."""
    text = " ".join(html.unescape(strip_tags(_BLOCK_END.sub(" ", body or ""))).split())
    if len(text) <= longest:
        return text
    ends = [match.end() for match in _SENTENCE_END.finditer(text, 0, longest + 1) if match.end() <= longest]
    if ends:
        enough = [end for end in ends if end >= shortest]
        return text[: (enough or ends)[-1]].strip()
    return shorten(text, longest)


# A Latin letter or digit on both sides of the cut means a word or a number would be split.
_WORD_CHAR = re.compile(r"[0-9A-Za-z\u00c0-\u024f]")
# What may stand before the "…": not a space, a comma or an opening bracket.
_TRAILING = " \t,;:、，；：-–—(（“‘\"'"


def shorten(text, length):
    """``text`` cut to at most ``length`` characters, "…" included, never inside a word or a number.

    Chinese can be cut between any two characters; English only where there is a space, so a card
    reads "about 7.5 billion …" or "about …", never "about 7.5 bi…". A single word longer than half the
    room is cut anyway, rather than leaving the line nearly empty.
    """
    text = " ".join(str(text or "").split())
    if len(text) <= length:
        return text
    cut = length - 1  # room for the mark
    if _WORD_CHAR.match(text[cut - 1]) and _WORD_CHAR.match(text[cut]):
        space = text.rfind(" ", 0, cut)
        if space > length // 2:
            cut = space
    return text[:cut].rstrip(_TRAILING) + "…"
