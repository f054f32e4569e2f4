"""Keys that put names in a reader's order, stored beside the names and indexed.

A Chinese reader looks a name up by its pinyin, syllable by syllable, as a
dictionary orders it; the databases order text by code point (SQLite) or by
their collation (PostgreSQL), and neither knows pinyin. So the key is worked
out here, once per save: "青岛国际创新园" -> "qing dao guo ji chuang xin yuan".

A key holds only lower-case ASCII letters, digits and single spaces, which
SQLite and PostgreSQL (C or ICU collation, as the site's databases are
created) order alike: a list is in the same order on both. The space between
syllables puts 安徽 ("an hui") before 昂 ("ang"), as a dictionary does.
"""

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

NOT_A_WORD = re.compile(r"[^a-z0-9]+")


def _words(text):
    # NFKC: full-width letters and digits (Ａ, １) are the ASCII ones; NFKD then parts accents from their letters,
    # which are dropped. Anything else that is not a letter or digit (a dash, a bracket, a CJK character left in
    # an English name) parts two words.
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text)).lower()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return NOT_A_WORD.sub(" ", text).strip()


def pinyin_key(text, max_length=None):
    """``text`` in toneless pinyin, one word per character; Latin letters and digits stay as they are."""
    key = _words(" ".join(lazy_pinyin(text or "", style=Style.NORMAL, errors="default")))
    return key[:max_length].rstrip() if max_length else key


def english_key(text, fallback="", max_length=None):
    """An English name as a reader sorts it: case, accents and punctuation aside ("ACFIC (Qingdao)" ->
    "acfic qingdao"); ``fallback`` (the pinyin key) when there is no English name, so that an item not yet
    translated sorts by the sound of its Chinese name among the English ones."""
    key = _words(text or "") or fallback
    return key[:max_length].rstrip() if max_length else key
