"""Pending changes: an editor's version of published content, kept apart until a publisher approves it.

A government site publishes under the bureau's name, so what goes public
passes a publisher. When an editor saves an article, park or enterprise that
is published (public now or scheduled), the public page keeps showing the
published version: the editor's version is stored here, as a snapshot of the
whole item (text, links, tags, images, figures; content/snapshots.py), until
a publisher approves it (it goes live) or sends it back with a comment.
Publishers' own saves go live at once. A draft is not public, so editors save
it directly; they submit it for review when it is ready, and the same queue
holds it (a pending change with no snapshot: the item as it is).

Why a snapshot in a row of its own, rather than a second copy of the item in
the item's own table: a copy would have to dodge every unique constraint
(slug, name, source address), and every query of the site (lists, counts,
search, sitemaps, autocomplete) would have to learn to skip copies. A
snapshot touches nothing public until it is applied, and it is applied by
the same code (``snapshots.apply``) for approving, for showing it in the
change form and preview, and for restoring an old version.

Showing a pending change (the change form, the preview) applies it inside a
transaction that is always rolled back, so the page is built by the same
queries and templates as any other, from the pending content, while nothing
is written and no cache or search index hears of it (``caching.quiet``).
Saving an editor's form over a published item works the same way: the admin
saves as usual inside a transaction, the result is read back as a snapshot,
and the transaction is rolled back (content/admin.py).

One pending change per item: editors continue it, and it records who saved
it last and when. Approving or sending back names the version the publisher
reviewed (``token``): if the change was edited again in between, the
publisher is told and nothing happens.
"""

import contextlib
import logging

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content import caching, snapshots
from content.models import Status
from content.people import person_name

logger = logging.getLogger(__name__)


class PendingChange(models.Model):
    class State(models.TextChoices):
        EDITING = "editing", _("Being edited")
        SUBMITTED = "submitted", _("Waiting for review")
        SENT_BACK = "sent_back", _("Sent back")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of page"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(
        _("pending content"), null=True, blank=True, help_text=_("Empty for a draft submitted as it is.")
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.EDITING)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    comment = models.TextField(_("reviewer's comment"), blank=True)

    staff_only = True  # nothing of it is public: saving one starts no new cache generation (content/caching.py)

    class Meta:
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="pendingchange_one_per_item"),
        ]
        indexes = [models.Index(fields=["state", "submitted_at"], name="pendingchange_queue_idx")]

    def __str__(self):
        return str(self.target) if self.target is not None else f"#{self.object_id}"

    @property
    def token(self):
        """Names this version of the change: approving or sending back an older one is refused."""
        return self.updated_at.isoformat()

    @property
    def is_submitted(self):
        return self.state == self.State.SUBMITTED


class StaleChange(Exception):
    """The change was saved again (or withdrawn) after the publisher opened it."""


def pending_for(model, pk):
    """The pending change of the ``model`` item ``pk``, or None."""
    return (
        PendingChange.objects.select_related("author", "reviewer", "submitted_by")
        .filter(content_type=ContentType.objects.get_for_model(model), object_id=pk)
        .first()
    )


def edit_state(model, pk):
    """``(token, who, when)``: the version an editing form stands on, and who saved it when.

    The token is the item's last save time, followed by its pending change's
    when it has one: a save of either makes a form opened before it out of date.
    """
    live = model._default_manager.select_related("last_edited_by").filter(pk=pk).first()
    if live is None:
        return "", None, None
    change = pending_for(model, pk)
    if change is None or change.data is None:
        return live.updated_at.isoformat(), live.last_edited_by, live.updated_at
    return f"{live.updated_at.isoformat()}|{change.token}", change.author, change.updated_at


def needs_review(obj, user):
    """Whether ``user``'s save of ``obj`` must wait for a publisher: an editor's save of published content."""
    if obj is None or obj.pk is None:
        return False
    opts = obj._meta
    if user.has_perm(f"{opts.app_label}.publish_{opts.model_name}"):
        return False
    status = type(obj)._default_manager.filter(pk=obj.pk).values_list("status", flat=True).first()
    if status == Status.PUBLISHED:
        return True
    change = pending_for(type(obj), obj.pk)  # e.g. unpublished after the change was made: it still waits
    return change is not None and change.data is not None


@contextlib.contextmanager
def showing(obj, change=None, *, using=None):
    """Inside the block the database holds ``obj`` with its pending change applied; afterwards nothing of it.

    Everything is rolled back on leaving the block, and no cache or search
    index hears of it. Yields the ``snapshots.Applied`` result (links to
    items deleted since), or None when there is nothing to apply.
    """
    if change is None:
        change = pending_for(type(obj), obj.pk)
    with transaction.atomic(using=using), caching.quiet():
        applied = None
        if change is not None and change.data is not None:
            applied = snapshots.apply(obj, change.data, draft_children=True)
        try:
            yield applied
        finally:
            transaction.set_rollback(True, using=using)


def store(obj, snapshot, user):
    """Keep ``snapshot`` as ``obj``'s pending change, saved by ``user`` (a new one, or the one being continued)."""
    change, created = PendingChange.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"data": snapshot, "author": user, "updated_at": timezone.now()},
    )
    if not created:
        change.data = snapshot
        change.author = user
        change.updated_at = timezone.now()
        if change.state == PendingChange.State.SENT_BACK:
            change.state = PendingChange.State.EDITING  # the comment stays until it is submitted again
        change.save()
    return change


def submit(obj, user):
    """Ask publishers to review ``obj``: its pending change, or the draft as it is. Returns the change."""
    change, _created = PendingChange.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"data": None, "author": user, "updated_at": timezone.now()},
    )
    change.state = PendingChange.State.SUBMITTED
    change.submitted_at = timezone.now()
    change.submitted_by = user
    change.comment = ""
    change.save()
    return change


def _fresh(change, token):
    """The change as saved now, if it is still the version named by ``token``; else StaleChange."""
    current = PendingChange.objects.select_for_update().filter(pk=change.pk).first()
    if current is None or current.token != token:
        raise StaleChange
    return current


def approve(change, user, token, publish_at=None):
    """Make ``change`` live: its content applied, a draft published (at ``publish_at`` if later than now).

    Returns the item and ``snapshots.Applied`` (links that could not be
    kept), and deletes the change. Raises StaleChange if the change is no longer ``token``.
    """
    from content import history  # (history imports the models, which import this module)

    with transaction.atomic():
        change = _fresh(change, token)
        obj = change.target
        model = type(obj)
        obj = model._default_manager.select_for_update().get(pk=obj.pk)
        before = snapshots.take(obj)
        author = person_name(change.author) if change.author else ""
        fields = history.changed_names(before, change.data) if change.data is not None else []
        with history.recording(user, history.comment(history.APPROVED, author=author, fields=fields)):
            applied = snapshots.Applied()
            if change.data is not None:
                obj.last_edited_by = change.author
                applied = snapshots.apply(obj, change.data)
            if publish_at is not None:  # approve and schedule: the view offers it only for what is not public yet
                obj.status, obj.published_at = Status.PUBLISHED, publish_at
                obj.save(update_fields=["status", "published_at", "updated_at"])
            elif obj.status != Status.PUBLISHED:
                obj.status, obj.published_at = Status.PUBLISHED, max(obj.published_at, timezone.now())
                obj.save(update_fields=["status", "published_at", "updated_at"])
            history.add(obj)
        change.delete()
    return obj, applied


def send_back(change, user, token, comment):
    """Return ``change`` to its author with ``comment``; the public page stays as it is."""
    with transaction.atomic():
        change = _fresh(change, token)
        change.state = PendingChange.State.SENT_BACK
        change.reviewer = user
        change.reviewed_at = timezone.now()
        change.comment = comment
        change.save()
    return change


def discard(change, token):
    """Withdraw ``change``: the item stays as published."""
    with transaction.atomic():
        _fresh(change, token).delete()


def review_queue():
    """Submitted changes, oldest first, with their authors."""
    return (
        PendingChange.objects.filter(state=PendingChange.State.SUBMITTED)
        .select_related("content_type", "author", "submitted_by")
        .order_by("submitted_at", "pk")
    )
