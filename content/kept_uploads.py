"""An image chosen in an admin form survives the form being refused.

A browser never sends a file again: when a form comes back with an error
(a title taken, a missing alt text, a bad figure row), the file input is
empty and the editor has to find the image once more, or saves without it
unaware. So a refused form's good uploads are kept on the server: the file
goes to the default storage under ``kept/`` with a random name, the session
remembers it under a random token, and the form comes back with that token
in a hidden field and the file's name beside the file input. Sent again
without a new file, the form takes the kept one, which passes the same
checks as any upload. Only the session that chose a file can take it back.

A saved form removes its kept files; abandoned ones are removed after
``KEEP_SECONDS`` by the next keep of any editor.
"""

import copy
import secrets
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

SESSION_KEY = "kept_uploads"
FOLDER = "kept"
KEEP_SECONDS = 24 * 3600


def token_field(name):
    """The hidden field that carries a kept upload's token for the image field ``name``."""
    return f"{name}__kept"


def keep(request, upload):
    """Store ``upload`` for this session; return its token."""
    _remove_abandoned()
    token = secrets.token_urlsafe(24)
    upload.seek(0)
    path = default_storage.save(f"{FOLDER}/{token}", ContentFile(upload.read()))
    kept = request.session.get(SESSION_KEY, {})
    kept[token] = {"path": path, "name": upload.name, "type": upload.content_type, "at": time.time()}
    request.session[SESSION_KEY] = kept
    return token


def take(request, token):
    """The upload kept under ``token`` for this session, as a new upload, or None."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if entry is None or not default_storage.exists(entry["path"]):
        return None
    with default_storage.open(entry["path"]) as stored:
        return SimpleUploadedFile(entry["name"], stored.read(), content_type=entry["type"])


def discard(request, token):
    kept = request.session.get(SESSION_KEY, {})
    entry = kept.pop(token, None)
    if entry is not None:
        default_storage.delete(entry["path"])
        request.session[SESSION_KEY] = kept


def _remove_abandoned():
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - timedelta(seconds=KEEP_SECONDS)
    for name in files:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)


def with_kept_uploads(form_class, request, field_names):
    """``form_class`` taking back, for each image field, a file kept from the refused form before it."""

    class KeptUploadsForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.kept_tokens = {}
            if not self.is_bound:
                return
            for name in field_names:
                token = self.data.get(token_field(name))
                if name in self.files or not token:
                    continue
                upload = take(request, token)
                if upload is not None:
                    self.files = self.files.copy()
                    self.files[name] = upload
                    self.kept_tokens[name] = token

    return KeptUploadsForm


def keep_for_next_try(request, form, field_names):
    """After a refused save: keep each good new upload and show it as chosen in the form about to be shown."""
    for name in field_names:
        upload = form.files.get(name)
        if not isinstance(upload, UploadedFile) or name in form.errors or name not in form.fields:
            continue
        token = form.kept_tokens.get(name) or keep(request, upload)
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
