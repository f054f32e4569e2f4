"""Who may review what, and what the admin index lists: changes waiting, items coming up, one's own changes.

Each list is built in a fixed number of queries, whatever its length: the
items of the changes come in one query per kind (``prefetch_related`` of the
generic relation), the scheduled items in one query per kind.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from content.models import Status, publishable_models
from content.pending import PendingChange, review_queue
from content.people import person_name

COMING_UP = 10


def publish_permission(model):
    opts = model._meta
    return f"{opts.app_label}.publish_{opts.model_name}"


def can_publish(user, model):
    return user.has_perm(publish_permission(model))


def can_view(user, model):
    opts = model._meta
    return can_publish(user, model) or user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def change_form_path(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def published_kinds(user):
    """The kinds of content ``user`` may publish (and so review)."""
    return [model for model in publishable_models() if can_publish(user, model)]


def waiting(user):
    """Submitted changes of the kinds ``user`` publishes, oldest first, with their items."""
    kinds = published_kinds(user)
    if not kinds:
        return []
    types = ContentType.objects.get_for_models(*kinds).values()
    changes = review_queue().filter(content_type__in=types).prefetch_related("target")
    return [change for change in changes if change.target is not None]


def coming_up(user, limit=COMING_UP):
    """Scheduled items (published, their time still to come) of the kinds ``user`` publishes, soonest first."""
    now = timezone.now()
    found = []
    for model in published_kinds(user):
        found += model._default_manager.filter(status=Status.PUBLISHED, published_at__gt=now).order_by(
            "published_at", "pk"
        )[:limit]
    return sorted(found, key=lambda obj: obj.published_at)[:limit]


def own_changes(user):
    """``user``'s pending changes (saved or submitted by them), sent-back ones first, with their reviewers."""
    changes = (
        PendingChange.objects.filter(Q(author=user) | Q(submitted_by=user))
        .select_related("content_type", "reviewer")
        .prefetch_related("target")
        .order_by("-updated_at", "-pk")
    )
    changes = [change for change in changes if change.target is not None]
    return sorted(changes, key=lambda change: change.state != PendingChange.State.SENT_BACK)


# --- a send-back said once, on the author's next admin page -----------------------------------------------
# The publisher's request cannot reach the author's session, so the news waits in the cache under the
# author's id; reading it there costs no query on the admin pages that have nothing to say. The index keeps
# listing the change with its comment, so news lost with the cache is still seen.


def _news_key(user_id):
    return f"review:sent-back:{user_id}"


def announce_sent_back(change):
    if change.author_id is None:
        return
    key = _news_key(change.author_id)
    cache.set(key, [*(cache.get(key) or []), change.pk], timeout=60 * 60 * 24 * 30)


def take_sent_back_news(user):
    """``user``'s changes sent back since their last admin page (each said once), or []."""
    if not getattr(user, "is_staff", False):
        return []
    key = _news_key(user.pk)
    pks = cache.get(key)
    if not pks:
        return []
    cache.delete(key)
    changes = (
        PendingChange.objects.filter(pk__in=pks, state=PendingChange.State.SENT_BACK)
        .select_related("reviewer")
        .prefetch_related("target")
    )
    return [change for change in changes if change.target is not None]


def sent_back_notice(change):
    """What the author reads on their next admin page after a publisher sent their change back."""
    reviewer = person_name(change.reviewer) if change.reviewer else _("A publisher")
    return format_html(
        '{} <q>{}</q> <a href="{}">{}</a>',
        _("%(reviewer)s sent your change of “%(item)s” back:") % {"reviewer": reviewer, "item": change.target},
        change.comment,
        change_form_path(change.target),
        _("Continue editing"),
    )
