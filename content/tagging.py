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
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from taggit.managers import TaggableManager
from taggit.models import Tag
from taggit.utils import _parse_tags

from content.caching import announce_change
from content.models import SlugRedirect, publishable_models
from content.queries import subquery_count

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


# --------------------------------------------------------------------------
# Renaming and merging (the tag admin: content/tag_admin.py)
# --------------------------------------------------------------------------


def usage_name(model):
    """The name of the annotation ``with_usage`` gives for ``model``: ``article_count``, ``park_count``, ..."""
    return f"{model._meta.model_name}_count"


def with_usage(tags):
    """``tags``, each with how many items of every tagged kind carry it, drafts included (``usage_name``).

    One query whatever the number of tags or items: a counting subquery per kind.
    """
    return tags.annotate(
        **{
            usage_name(model): subquery_count(model.tags.through.objects.all(), tag=OuterRef("pk"))
            for model in tagged_models()
        }
    )


class TagsChanged(Exception):
    """A tag to merge was deleted (or merged) since it was chosen: nothing was merged."""


@dataclass(frozen=True)
class Merge:
    """What ``merge_tags`` did: the tag kept, the names of the tags merged into it, the items re-tagged per
    kind of content (those that carried a merged tag), and how many old addresses now lead to the kept tag."""

    kept: Tag
    merged: list
    retagged: dict
    old_addresses: int


def merge_tags(keep, tags):
    """Make one tag of ``tags``: ``keep`` (one of them) stays, the others are deleted.

    In one transaction: every article, park and enterprise carrying one of
    the others carries ``keep`` instead (once, even if it carried several,
    or ``keep`` already); the others' slugs, and the old addresses that led
    to them, become old addresses of ``keep``. The links are moved with
    ``update()``, which sends no signal, so the content generation is started
    anew here. Tags are not in the search index (search matches their names
    in the tag table itself), so it needs nothing.
    """
    others = sorted({tag.pk: tag for tag in tags if tag.pk != keep.pk}.values(), key=lambda tag: tag.name)
    if not others or all(tag.pk != keep.pk for tag in tags):
        raise ValueError("merge_tags needs the tag to keep and at least one other tag.")
    with transaction.atomic():
        # Another merge or a deletion of the same tags waits for this one, and finds them gone. Their slugs
        # are read under the lock too, should one have been renamed since it was shown.
        wanted = [keep.pk, *(tag.pk for tag in others)]
        slugs = dict(Tag.objects.select_for_update().filter(pk__in=wanted).values_list("pk", "slug"))
        if len(slugs) != len(wanted):
            raise TagsChanged
        content_type = ContentType.objects.get_for_model(Tag)
        addresses = SlugRedirect.objects.filter(content_type=content_type)
        before = addresses.filter(object_id=keep.pk).count()
        retagged = {}
        for model in tagged_models():
            through = model.tags.through
            links = through.objects.filter(tag__in=others)
            retagged[model] = links.values("content_object_id").distinct().count()
            item = OuterRef("content_object_id")
            has_kept = Exists(through.objects.filter(tag=keep, content_object_id=item))
            has_earlier = Exists(links.filter(content_object_id=item, pk__lt=OuterRef("pk")))
            # An item carries a tag once: the links that would repeat the kept tag go, the others move to it.
            links.filter(has_kept | has_earlier).delete()
            links.update(tag=keep)
        # Redirects name their object, so leading the old ones to the kept tag collapses every chain.
        addresses.filter(object_id__in=[tag.pk for tag in others]).update(object_id=keep.pk)
        for tag in others:
            SlugRedirect.objects.update_or_create(
                content_type=content_type, old_slug=slugs[tag.pk], defaults={"object_id": keep.pk}
            )
        # The kept tag's own address may have been an old address of one of the others: it is live.
        addresses.filter(old_slug=slugs[keep.pk]).delete()
        old_addresses = addresses.filter(object_id=keep.pk).count() - before
        Tag.objects.filter(pk__in=[tag.pk for tag in others]).delete()
        announce_change()
    return Merge(kept=keep, merged=[tag.name for tag in others], retagged=retagged, old_addresses=old_addresses)
