"""Tag parsing that understands Chinese punctuation.

Editors type "人工智能，工业互联网、虚拟现实；5G" and expect four tags. taggit
splits on ASCII commas (or on spaces when there is no comma), so the
full-width comma, the enumeration comma and both semicolons are turned into
ASCII commas first. Double quotes keep working as taggit documents them.
"""

import re

from taggit.utils import _parse_tags

_SEPARATORS = re.compile("[，、；;]")


def parse_tags(tagstring):
    # Only separators outside double quotes split: quoting is how an editor
    # keeps a separator inside a tag name, as in taggit. taggit reads an
    # unclosed quote as unquoted text, so its tail is converted too.
    parts = (tagstring or "").split('"')
    last_is_unclosed = len(parts) % 2 == 0
    for i, part in enumerate(parts):
        quoted = i % 2 == 1 and not (last_is_unclosed and i == len(parts) - 1)
        if not quoted:
            parts[i] = _SEPARATORS.sub(",", part)
    return _parse_tags('"'.join(parts))
