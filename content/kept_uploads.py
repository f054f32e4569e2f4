"""An image chosen in an admin form survives the form being refused.

A browser never sends a file again: when a form comes back with an error
(a title taken, a missing alt text, a bad figure row), the file input is
empty and the editor has to find the image once more, or saves without it
unaware. So a refused form's good uploads are kept on the server, in the
cache under a random token, for ``KEEP_SECONDS``; the session lists the
tokens it owns, and the form comes back with the token in a hidden field
and the file's name beside the file input. Sent again without a new file,
the form takes the kept one, which passes the same checks as any upload.
Only the session that chose a file can take it back.

The cache rather than the media storage: media is served to anyone who has
an address, and a kept file is the upload as it came, before its metadata is
stripped on save. The cache also forgets abandoned files by itself. When the
cache is out (bureau/cache.py answers a miss), nothing is kept and the form
comes back as it did before this module: the file has to be chosen again.
A saved form removes its kept files.
"""

import copy
import secrets

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext as _

SESSION_KEY = "kept_uploads"
KEEP_SECONDS = 24 * 3600


def token_field(name):
    """The hidden field that carries a kept upload's token for the image field ``name``."""
    return f"{name}__kept"


def _key(token):
    return f"kept-upload:{token}"


def keep(request, upload):
    """Keep ``upload`` for this session; return its token, or None if the cache could not take it."""
    token = secrets.token_urlsafe(24)
    upload.seek(0)
    kept = {"name": upload.name, "type": upload.content_type, "content": upload.read()}
    if not cache.add(_key(token), kept, timeout=KEEP_SECONDS):  # the cache is out: nothing is promised
        return None
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), token]
    return token


def take(request, token):
    """The upload kept under ``token`` for this session, as a new upload, or None."""
    if token not in request.session.get(SESSION_KEY, []):
        return None
    kept = cache.get(_key(token))
    if kept is None:
        return None
    return SimpleUploadedFile(kept["name"], kept["content"], content_type=kept["type"])


def discard(request, token):
    tokens = request.session.get(SESSION_KEY, [])
    if token in tokens:
        cache.delete(_key(token))
        request.session[SESSION_KEY] = [other for other in tokens if other != token]


def with_kept_uploads(form_class, request, field_names):
    """``form_class`` taking back, for each image field, a file kept from the refused form before it."""

    class KeptUploadsForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.kept_tokens, self.kept_lost = {}, []
            if not self.is_bound:
                return
            for name in field_names:
                token = self.data.get(token_field(name))
                if name in self.files or not token:
                    continue
                upload = take(request, token)
                if upload is None:
                    self.kept_lost.append(name)
                    continue
                self.files = self.files.copy()
                self.files[name] = upload
                self.kept_tokens[name] = token

        def clean(self):
            cleaned = super().clean()
            # The form said a file was chosen: saving without it would drop it silently.
            for name in self.kept_lost:
                self.add_error(
                    name,
                    _(
                        "The image chosen before is no longer kept (a day has passed, or the cache was emptied). Choose it again."
                    ),
                )
            return cleaned

    return KeptUploadsForm


def keep_for_next_try(request, form, field_names):
    """After a refused save: keep each good new upload and show it as chosen in the form about to be shown."""
    for name in field_names:
        upload = form.files.get(name)
        if not isinstance(upload, UploadedFile) or name in form.errors or name not in form.fields:
            continue
        token = form.kept_tokens.get(name) or keep(request, upload)
        if token is None:
            continue
        form.fields[name].widget = _kept_widget(form.fields[name].widget, token_field(name), token, upload.name)


def forget_kept(request, form):
    for token in getattr(form, "kept_tokens", {}).values():
        discard(request, token)


def _kept_widget(widget, field, token, filename):
    """A copy of the file widget ``widget`` that also renders the kept file's token and says it is still chosen."""

    class KeptFileWidget(type(widget)):
        def render(self, name, value, attrs=None, renderer=None):
            return format_html(
                '{}<input type="hidden" name="{}" value="{}"><p class="help kept-upload">{}</p>',
                super().render(name, value, attrs, renderer),
                field,
                token,
                _("Chosen: “%(name)s”. It will be saved with the form; choose another file to replace it.")
                % {"name": filename},
            )

    kept = copy.copy(widget)
    kept.__class__ = KeptFileWidget
    return kept
