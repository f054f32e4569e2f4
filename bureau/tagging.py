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
    return _parse_tags(_SEPARATORS.sub(",", tagstring or ""))
