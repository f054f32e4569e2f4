"""The admin's rich-text editor (django-prose-editor) and the save policy around it.

Editors of article bodies and park and enterprise descriptions never write
HTML: the editor offers exactly what content/sanitizer.py keeps (paragraphs,
h2 to h4, bold, italic, lists, quotes, links, tables, line breaks, and images of
the site's image library, content/library.py, chosen or uploaded in the picker
behind the toolbar's "Insert image" button; and the captions of photos an
imported page had, kept as captions), and what it
stores still goes through that one sanitizer on save. Text pasted from Word,
WPS or WeChat is reduced to the editor's schema in the browser (styling
dropped, structure kept); HTML that reaches the server with presentation in
it anyway is saved without it and the editor is told, while anything that
would change what the page says or does is refused by name.

Content-Security-Policy: django-prose-editor loads its modules through an
import map, which it renders inline (``<script type="importmap">``). Our
policy has no 'unsafe-inline', so the change form allows exactly that import
map by its sha256 hash, computed from the import map the page renders: the
hash follows the static files' names (hashed by the manifest storage in
production) without anyone updating a setting, and no other inline script
runs. A nonce would have done too, but would put a nonce on every admin page
for one script whose text is known in advance. Likewise Tiptap (inside the
editor) adds one small ``<style>`` element of base rules the editor needs
(white-space, selection); it is allowed by its hash, which belongs to the
pinned library version: after an upgrade, tests/test_editor_browser.py fails
with the browser's message naming the new hash.
"""

import base64
import hashlib
import re

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.widgets import Script
from django.urls import reverse
from django.utils.translation import gettext as _
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media

from content.library import marker_prefix
from content.sanitizer import report

# What the toolbar offers. Each produces only what the sanitizer allows, unchanged
# (tests/test_editor_browser.py pushes every construct through the real editor):
# links without target (the sanitizer sets rel itself); images only from the site's
# image library, through our own node (SiteImage, content/static/content/site_image.js,
# declared in settings.DJANGO_PROSE_EDITOR_EXTENSIONS) and the "Insert image" picker
# (content/static/content/editor.js): django-prose-editor's own image node takes any address.
EXTENSIONS = {
    "Paragraph": True,
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "HardBreak": True,
    "History": True,
    "SiteImage": True,  # configured per widget with the library's address (library.marker_prefix)
    # The caption of a photo that is gone, as the importer keeps it (content/static/content/photo_caption.js).
    "PhotoCaption": True,
}


class RichTextWidget(AdminProseEditorWidget):
    """The editor, plus our module that translates its toolbar and explains what a paste lost."""

    def __init__(self, attrs=None):
        extensions = {**EXTENSIONS, "SiteImage": {"prefix": marker_prefix()}}
        super().__init__(attrs=attrs, config={"extensions": extensions}, preset="configurable")

    def get_context(self, name, value, attrs):
        # Where the "Insert image" picker finds and uploads library images (content/library_admin.py).
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-image-picker": reverse("admin:content_bodyimage_picker"),
                "data-image-upload": reverse("admin:content_bodyimage_upload"),
                "data-image-library": reverse("admin:content_bodyimage_changelist"),
                "data-image-prefix": marker_prefix(),
            }
        )
        return context

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["content/editor.css"]}, js=[Script("content/editor.js", type="module")]
        )


# sha256 of the stylesheet Tiptap injects (``a4`` in django-prose-editor 0.28.0's editor.js).
TIPTAP_STYLE = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"

_IMPORT_MAP = re.compile(r'<script type="importmap"[^>]*>(.*)</script>', re.S)


def import_map_hash(media):
    """The CSP source that allows exactly the import map ``media`` renders inline, or None."""
    if not isinstance(media, Media):  # a form without the editor
        return None
    match = _IMPORT_MAP.search(str(media["importmap"]))
    if not match:
        return None
    digest = hashlib.sha256(match.group(1).encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


class RichTextForm(forms.ModelForm):
    """Clean each rich-text field with the sanitizer's report.

    HTML that would change meaning is refused with a message naming it, and
    the editor's text is redisplayed as typed, so nothing is lost. Pure
    presentation is dropped, and the fields it was dropped from are kept in
    ``formatting_removed`` so that the admin can say so after saving.
    """

    def clean(self):
        cleaned = super().clean()
        self.formatting_removed = []
        for name in getattr(self._meta.model, "html_fields", ()):
            if name not in cleaned:
                continue
            result = report(cleaned[name])
            if result.changed_meaning:
                self.add_error(name, ValidationError(result.message(), code="unsafe_html"))
                continue
            cleaned[name] = result.clean
            if result.formatting_removed:
                self.formatting_removed.append(name)
        return cleaned


class RichTextAdminMixin:
    """Puts the editor on the model's ``html_fields`` and tells the editor what a save dropped."""

    form = RichTextForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in getattr(self.model, "html_fields", ()):
            kwargs["widget"] = RichTextWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def render_change_form(self, request, context, *args, **kwargs):
        response = super().render_change_form(request, context, *args, **kwargs)
        source = import_map_hash(context["media"])
        if source:
            # django-csp adds these to this response's policy only.
            response._csp_update = {"script-src": [source], "style-src": [TIPTAP_STYLE]}
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for name in getattr(form, "formatting_removed", ()):
            label = form.fields[name].label
            messages.info(
                request,
                _(
                    "Formatting removed from “%(field)s”: fonts, colours, sizes and other styling of pasted text "
                    "are left to the site's own style. The text, headings, lists, links and tables were kept."
                )
                % {"field": label},
            )
