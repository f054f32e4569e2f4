"""What visitors ask through the contact form, kept as the first thing done with it, before any mail.

An inquiry holds personal data (a name, an address, a telephone number), so
it is kept no longer than ``INQUIRY_RETENTION_DAYS`` (``purge_inquiries``)
and only publishers see it in the admin (bureau migration 0008).
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MESSAGE_MAX_LENGTH = 5000
# No 0/O or 1/I/L: a visitor reads the reference out on the telephone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_reference():
    """A random code rather than the row number: it tells nobody how many inquiries the bureau gets.

    31^6 codes a year make a clash unlikely; the unique constraint turns one into an error, never a mix-up.
    """
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for position in range(6))
    return f"INQ-{timezone.localdate().year}-{code}"


class Inquiry(models.Model):
    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("inquiry status", "New")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, editable=False, help_text=_("Given to the visitor as a receipt.")
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    country = models.CharField(_("country or region"), max_length=100, blank=True)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    park = models.ForeignKey(
        "parks.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
        help_text=_("The park page the visitor wrote from, if any."),
    )
    project = models.CharField(
        _("project"), max_length=100, blank=True, help_text=_("The investment project the visitor wrote about, if any.")
    )
    language = models.CharField(_("language"), max_length=10, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("internal notes"), blank=True, help_text=_("Seen by staff only, never by the visitor."))
    recipient = models.EmailField(_("sent to"), blank=True, editable=False)
    mailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        indexes = [
            # The purge command deletes by age; the inbox lists newest first.
            models.Index(fields=["created_at"], name="inquiry_created_idx"),
        ]

    def __str__(self):
        return f"{self.reference} {self.name}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # Inquiries are never public: their page is the admin's.
        return reverse("admin:inquiries_inquiry_change", args=[self.pk])

    @property
    def is_mailed(self):
        return self.mailed_at is not None
