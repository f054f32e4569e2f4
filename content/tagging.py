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

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from taggit.managers import TaggableManager
from taggit.models import Tag
from taggit.utils import _parse_tags

from content.models import publishable_models

_SEPARATORS = re.compile("[，、；;]")
MAX_TAG_LENGTH = Tag._meta.get_field("name").max_length


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


TAG_HELP = _(
    "Separate tags with commas (， or ,), enumeration commas (、) or semicolons (；). "
    "Put a tag in double quotes to keep one of these marks in it."
)


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


def tag_problem(name):
    """Why ``name`` cannot be a tag (a ValidationError naming it), or None.

    A tag's page lives at its slug, which taggit makes of the name's letters
    and digits: a name of punctuation alone ("!!!", a ">" left by pasted HTML)
    would have no address, and a name longer than the column would not fit.
    """
    shown = Truncator(name).chars(30)
    if len(name) > MAX_TAG_LENGTH:
        return ValidationError(
            _("The tag “%(tag)s” is %(length)s characters long; a tag can have at most %(limit)s."),
            code="tag_too_long",
            params={"tag": shown, "length": len(name), "limit": MAX_TAG_LENGTH},
        )
    if not Tag().slugify(name):
        return ValidationError(
            _("“%(tag)s” cannot be a tag: it has no letter or digit to make its address from."),
            code="tag_without_address",
            params={"tag": shown},
        )
    return None


class CheckedTagField(TagField):
    """taggit's tag field, refusing (with the tag's name) the tags that could have no page."""

    def clean(self, value):
        names = super().clean(value)
        problems = [problem for problem in map(tag_problem, names) if problem is not None]
        if problems:
            raise ValidationError(problems)
        return names


def fallback_slug(name):
    """An address for a tag whose name gives none (created by code that skipped the forms): its code points."""
    return ("tag-" + "-".join(f"{ord(char):x}" for char in name.strip()))[:MAX_TAG_LENGTH] if name.strip() else "tag"
