"""The review queue on the admin index (bureau/templates/admin/index.html): lists from content/review.py."""

from django import template
from django.utils import timezone

from content import review
from content.pending import PendingChange
from content.templatetags import content as content_tags

register = template.Library()


@register.inclusion_tag("admin/content/review_panels.html", takes_context=True)
def review_panels(context):
    user = context["request"].user
    publisher = bool(review.published_kinds(user))
    return {
        "publisher": publisher,
        "waiting": review.waiting(user) if publisher else [],
        "coming_up": review.coming_up(user) if publisher else [],
        "own": review.own_changes(user),
        "SENT_BACK": PendingChange.State.SENT_BACK,
    }


@register.filter
def kind(obj):
    """The kind of an item, as its model names it ("article", "园区")."""
    return obj._meta.verbose_name


@register.filter
def admin_change_url(obj):
    return review.change_form_path(obj)


@register.filter
def local(value):
    return timezone.localtime(value) if value else value


# The same staff name as everywhere in the admin (content/templatetags/content.py).
register.filter("person", content_tags.person)
