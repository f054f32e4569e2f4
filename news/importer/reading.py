"""Reading a saved page from disk: size, encoding, binary files; Traditional Chinese made Simplified."""

import re
import unicodedata
from collections import Counter
from pathlib import Path

import opencc

from news.importer.document import MAX_BYTES, TRADITIONAL_SHARE, ImportRefused


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
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 with its byte-order mark, as Windows Notepad saves "Unicode" text: full of zero bytes,
        # but text all the same.
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise ImportRefused(path, "the file says it is UTF-16 text but does not decode as UTF-16.") from None
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

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CONVERTER = opencc.OpenCC("t2s")


def _t2s(text):
    return _CONVERTER.convert(text)


def traditional_share(text):
    """The share of Han characters in ``text`` that are Traditional-only forms."""
    counts = Counter(HAN.findall(text))
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
