"""The inquiry, e-mailed to the desk that answers it: the project's or the park's contact e-mail, else the bureau's.

Plain text only, in Chinese and then in English (the desk may read either),
built the way content/notify.py builds review mail. The inquiry is already
stored when this runs, so a failure never raises: it is logged, the inquiry
stays unsent in the admin inbox, and a publisher can retry it from there.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from django.utils.translation import gettext as _

from content.notify import _both, absolute
from parks.models import Project

logger = logging.getLogger(__name__)


def desk_address(inquiry):
    """The desk an inquiry goes to: its project's contact e-mail, else its project's park's, else its park's,
    else "" (the bureau's)."""
    if inquiry.project:
        row = Project.objects.filter(slug=inquiry.project).values_list("contact_email", "park__contact_email").first()
        for address in row or ():
            if address:
                return address
    if inquiry.park is not None:
        return inquiry.park.contact_email
    return ""


def recipient_for(inquiry):
    return desk_address(inquiry) or settings.INQUIRY_DEFAULT_EMAIL


def _body(inquiry):
    def part():
        lines = [
            _("An inquiry from the website, reference %(reference)s.") % {"reference": inquiry.reference},
            "",
            _("Name: %(value)s") % {"value": inquiry.name},
            _("Organisation: %(value)s") % {"value": inquiry.organisation or "-"},
            _("E-mail: %(value)s") % {"value": inquiry.email or "-"},
            _("Telephone: %(value)s") % {"value": inquiry.phone or "-"},
            _("Country or region: %(value)s") % {"value": inquiry.country or "-"},
        ]
        if inquiry.park_id:
            lines.append(_("Park: %(value)s") % {"value": inquiry.park})
        if inquiry.project:
            lines.append(_("Project: %(value)s") % {"value": inquiry.project})
        lines += [
            "",
            _("Answer it, and mark it answered in the inbox: %(link)s")
            % {"link": absolute(inquiry.get_absolute_url())},
        ]
        return "\n".join(lines)

    # The visitor's words once, between the two languages' frames: they are neither language's text.
    message = "\n".join(["", "----------", inquiry.message, "----------"])
    return _both(part, body=True) + message + "\n"


def send(inquiry):
    """E-mail ``inquiry`` to its desk and record when; True when sent. Never raises."""
    try:
        recipient = recipient_for(inquiry)
        if not recipient:
            logger.error("No address to send inquiry %s to: set INQUIRY_DEFAULT_EMAIL", inquiry.reference)
            return False
        # Subjects are one line: the visitor's name is left out of it, so nothing they type becomes a header.
        subject = _both(lambda: _("Website inquiry %(reference)s") % {"reference": inquiry.reference})
        message = EmailMessage(
            subject,
            _body(inquiry),
            to=[recipient],
            reply_to=[inquiry.email] if inquiry.email else None,
        )
        get_connection().send_messages([message])
    except Exception:
        logger.exception("Could not e-mail inquiry %s", inquiry.reference)
        return False
    type(inquiry)._default_manager.filter(pk=inquiry.pk).update(recipient=recipient, mailed_at=timezone.now())
    inquiry.recipient, inquiry.mailed_at = recipient, timezone.now()
    return True
