"""The contact form, with its two quiet checks against robots: a honeypot field and a signed start time.

A person never sees the honeypot ("website", hidden and skipped by the
keyboard); a robot filling every field fills it. A person also takes some
seconds to write: the form carries the time it was shown, signed so it
cannot be forged, and a submission faster than ``INQUIRY_MIN_FILL_SECONDS``
is refused. Neither kind is stored.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from inquiries.models import MESSAGE_MAX_LENGTH, Inquiry

SIGNING_SALT = "inquiries.form-started"
# A form left open longer than this is refused as stale, so a signed time cannot be reused for ever.
MAX_FORM_AGE_SECONDS = 24 * 3600


def started_token():
    return signing.dumps(time.time(), salt=SIGNING_SALT)


class InquiryForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that the bureau keeps and uses these details to answer me, as described above."),
        error_messages={"required": _("Please agree to the privacy notice, or we cannot answer you.")},
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Inquiry
        fields = ["name", "organisation", "email", "phone", "country", "message"]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 8, "maxlength": MESSAGE_MAX_LENGTH}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "country": forms.TextInput(attrs={"autocomplete": "country-name"}),
        }
        error_messages = {
            "message": {
                "max_length": _("Please keep your message under %(limit_value)s characters (it has %(show_value)s).")
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = started_token()
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=SIGNING_SALT, max_age=MAX_FORM_AGE_SECONDS)
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                _("This form is too old. Please check your message and send it again."), code="stale"
            ) from None
        if time.time() - float(started) < settings.INQUIRY_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("That was very fast. Please check your message, then send it again."), code="too_fast"
            )
        return started

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("Your message could not be accepted."), code="honeypot")
        if not cleaned.get("email") and not cleaned.get("phone") and "email" not in self.errors:
            raise forms.ValidationError(
                _("Please give an e-mail address or a telephone number, so that we can answer you."), code="no_contact"
            )
        return cleaned

    @property
    def refused_as_robot(self):
        return self.has_error(NON_FIELD_ERRORS, "honeypot")
