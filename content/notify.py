"""E-mail about reviews: a change submitted (to its publishers), approved or sent back (to its author).

One message per reader, in Chinese and then in English (we do not know each
reader's language), with absolute links to the admin in each language.

Mail is a courtesy: the review queue and the index say everything it says.
So a failure (no mail server, a refused connection, a rejected address) never
stops the action that caused it: it is logged, the function returns False,
and the caller tells the user with ``UNSENT_TO_PUBLISHERS`` or ``UNSENT_TO_AUTHOR``.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from content.people import person_name
from content.review import change_form_path, publish_permission

logger = logging.getLogger(__name__)

LANGUAGES = ["zh-hans", "en"]
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

UNSENT_TO_PUBLISHERS = gettext_lazy(
    "The e-mail to publishers could not be sent; they will still see the change in the review queue."
)
UNSENT_TO_AUTHOR = gettext_lazy("The e-mail to the author could not be sent; they will see it in the admin.")


def absolute(path, request=None):
    """``path`` as a whole address: the request's host, else ``SITE_URL`` (for mail sent outside a request)."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path if settings.SITE_URL else path


def review_path(change):
    return reverse("admin:content_pendingchange_review", args=[change.pk])


def publishers_of(model):
    """Active users who may publish ``model`` and have an e-mail address (superusers included)."""
    users = get_user_model()._default_manager.with_perm(
        publish_permission(model), is_active=True, include_superusers=True, backend=MODEL_BACKEND
    )
    return [user for user in users if user.email]


def submitted(change, request=None):
    """Tell the item's publishers that ``change`` waits for them. True when sent (or nobody to tell)."""
    try:
        obj = change.target
        who = person_name(change.submitted_by or change.author) if (change.submitted_by or change.author) else ""

        def part():
            return "\n".join(
                [
                    _("%(who)s asks for a review of %(kind)s “%(item)s”.")
                    % {"who": who, "kind": obj._meta.verbose_name, "item": obj},
                    "",
                    _("Review it: %(link)s") % {"link": absolute(review_path(change), request)},
                ]
            )

        subject = _both(lambda: _("Waiting for review: %(item)s") % {"item": obj})
        return _send(subject, _both(part, body=True), [user.email for user in publishers_of(type(obj))])
    except Exception:
        logger.exception("Could not send the review request for pending change %s", change.pk)
        return False


def approved(change_or_obj, author, reviewer, request=None):
    """Tell ``author`` that their change of the item was approved by ``reviewer``."""
    try:
        obj = getattr(change_or_obj, "target", change_or_obj)
        if author is None or not author.email or author == reviewer:
            return True

        def part():
            if obj.is_public:
                where = _("It is on the site: %(link)s") % {"link": absolute(obj.get_absolute_url(), request)}
            else:
                when = timezone.localtime(obj.published_at).strftime("%Y-%m-%d %H:%M")
                where = _("It goes public at %(when)s (Beijing time).") % {"when": when}
            return "\n".join(
                [
                    _("%(reviewer)s approved your change of %(kind)s “%(item)s”.")
                    % {"reviewer": person_name(reviewer), "kind": obj._meta.verbose_name, "item": obj},
                    where,
                ]
            )

        subject = _both(lambda: _("Approved: %(item)s") % {"item": obj})
        return _send(subject, _both(part, body=True), [author.email])
    except Exception:
        logger.exception("Could not send the approval of %r", change_or_obj)
        return False


def sent_back(change, request=None):
    """Tell the change's author that it was sent back, with the reviewer's comment."""
    try:
        obj, author = change.target, change.author
        if author is None or not author.email:
            return True

        def part():
            reviewer = person_name(change.reviewer) if change.reviewer else ""
            return "\n".join(
                [
                    _("%(reviewer)s sent your change of %(kind)s “%(item)s” back, with this comment:")
                    % {"reviewer": reviewer, "kind": obj._meta.verbose_name, "item": obj},
                    "",
                    change.comment,
                    "",
                    _("Continue editing: %(link)s") % {"link": absolute(change_form_path(obj), request)},
                ]
            )

        subject = _both(lambda: _("Sent back: %(item)s") % {"item": obj})
        return _send(subject, _both(part, body=True), [author.email])
    except Exception:
        logger.exception("Could not send the send-back of pending change %s", change.pk)
        return False


def _both(make, body=False):
    """``make()`` in Chinese, then in English: one after the other in a body, joined by " / " in a subject."""
    parts = []
    for language in LANGUAGES:
        with override(language):
            parts.append(make())
    return "\n\n----------\n\n".join(parts) + "\n" if body else " / ".join(parts)


def _send(subject, body, recipients):
    """One message per reader (no one sees the others' addresses), over one connection; False on failure."""
    if not recipients:
        return True
    try:
        connection = get_connection()
        connection.send_messages([EmailMessage(subject, body, to=[address]) for address in recipients])
    except Exception:
        logger.exception("Could not send “%s” to %d readers", subject, len(recipients))
        return False
    return True
