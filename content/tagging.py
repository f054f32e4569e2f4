"""Tags: which ones are public, and parsing that understands Chinese punctuation.

One vocabulary (taggit's Tag) is shared by every kind of content, each
through its own link table. A tag is public when something public carries it
(``public_tags``): tag pages, tag feeds, the sitemap, list filters and search
all ask that one question, so a tag that only drafts use is nowhere to be
seen, not even by its name.

Editors type "人工智能，工业互联网、虚拟现实；5G" and expect four tags. taggit
splits on ASCII commas (or on spaces when there is no comma), so the
full-width comma, the enumeration comma and both semicolons are turned into
ASCII commas first. Double quotes keep working as taggit documents them.
"""

import re
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef
from taggit.managers import TaggableManager
from taggit.models import Tag
from taggit.utils import _parse_tags

from content.models import publishable_models

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


def tagged_models():
    """Every kind of content that carries tags."""
    return [
        model
        for model in publishable_models()
        if any(isinstance(field, TaggableManager) and field.name == "tags" for field in model._meta.get_fields())
    ]


def public_tags():
    """The tags that something public carries: the one rule for whether a tag is public."""
    carried = [Exists(model.objects.published().filter(tags__pk=OuterRef("pk"))) for model in tagged_models()]
    return Tag.objects.filter(reduce(or_, carried))
