"""The image library in the admin, and the two small views the editor's image picker talks to.

The list is searchable (descriptions, captions, credit, file name), shows a
thumbnail and how many pages use each image, in a fixed number of queries
(the uses are counted in the list's own query). The change page lists the
pages whose bodies show the image. Deleting an image some page still shows
is refused, alone or in bulk, with the list of those pages: removing a
picture from a body is an editor's decision, not a side effect.

The picker (content/static/content/editor.js) asks ``picker/`` for images
(search included) and sends new ones to ``upload/``, which runs the same
form, so the same checks and messages, as this admin's own add page, and
answers in JSON; the editor shows the messages in place.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import JsonResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from content import images, kept_uploads
from content.admin import short_time
from content.library import BodyImage, pages_using
from content.people import person_name

PICKER_RESULTS = 30
IMAGE_FIELDS = ("file",)


class BodyImageForm(forms.ModelForm):
    class Meta:
        model = BodyImage
        fields = ["file", "alt", "alt_en", "caption", "caption_en", "credit"]


def thumbnail_url(image):
    return images.rendition_url(image.file, 320)


def page_links(page):
    """The page's title linking to its admin form, and a link to what visitors (or staff, in preview) see."""
    opts = page._meta
    try:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[page.pk])
    except NoReverseMatch:  # a kind of page without an admin
        change = None
    public = page.get_absolute_url() if page.is_public else page.get_preview_url()
    title = _("%(kind)s: %(title)s") % {"kind": capfirst(opts.verbose_name), "title": page}
    title = format_html("{}", title)
    if change:
        title = format_html('<a href="{}">{}</a>', change, title)
    label = _("on the site") if page.is_public else _("preview")
    return format_html('{} (<a href="{}">{}</a>)', title, public, label)


@admin.register(BodyImage)
class BodyImageAdmin(admin.ModelAdmin):
    form = BodyImageForm
    list_display = ["thumbnail", "alt", "caption", "credit", "uploaded", "use_count"]
    list_display_links = ["thumbnail", "alt"]
    list_select_related = ["uploaded_by"]
    list_per_page = 50
    search_fields = ["alt", "alt_en", "caption", "caption_en", "credit", "file"]
    readonly_fields = ["preview", "uploaded_at", "uploader", "where_used"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "alt", "alt_en"]}),
        (gettext_lazy("Caption"), {"fields": ["caption", "caption_en", "credit"]}),
        (gettext_lazy("Upload and use"), {"fields": [("uploaded_at", "uploader"), "where_used"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # The file of a saved image is never replaced: bodies name it, and a new file would get a new name
        # (and leave those bodies pointing at the old one). A new picture is a new library image.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "file"] if obj is not None else fields

    def get_queryset(self, request):
        # The number of pages using each image comes with the list's own query.
        return super().get_queryset(request).annotate(use_count=Count("uses"))

    # --- list and form ---------------------------------------------------

    @admin.display(description=gettext_lazy("image"))
    def thumbnail(self, obj):
        return format_html('<img src="{}" alt="" width="64" loading="lazy">', thumbnail_url(obj))

    @admin.display(description=gettext_lazy("preview"))
    def preview(self, obj):
        if not obj or not obj.pk:
            return "—"
        return format_html(
            '<img class="library-preview" src="{}" alt="" width="320"><br><code>{}</code>',
            thumbnail_url(obj),
            obj.marker,
        )

    @admin.display(description=gettext_lazy("uploaded"), ordering="uploaded_at")
    def uploaded(self, obj):
        return format_html('{}<br><span class="who">{}</span>', short_time(obj.uploaded_at), self.uploader(obj))

    @admin.display(description=gettext_lazy("uploaded by"))
    def uploader(self, obj):
        user = obj.uploaded_by if obj else None
        return person_name(user) if user else ""

    @admin.display(description=gettext_lazy("used in"), ordering="use_count")
    def use_count(self, obj):
        return obj.use_count or "—"

    @admin.display(description=gettext_lazy("used in"))
    def where_used(self, obj):
        pages = pages_using([obj]).get(obj.pk, []) if obj and obj.pk else []
        if not pages:
            return _("No page shows this image.")
        items = format_html_join("", "<li>{}</li>", ((page_links(page),) for page in pages))
        return format_html('<ul class="library-uses">{}</ul>', items)

    # --- saving: the upload survives a refused form ------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return kept_uploads.with_kept_uploads(form, request, IMAGE_FIELDS)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":
            kept_uploads.keep_for_next_try(request, context["adminform"].form, IMAGE_FIELDS)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        kept_uploads.forget_kept(request, form)

    # --- deleting: refused while a page shows the image --------------------

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        used = pages_using(objs)
        if used:
            protected = []
            for image in objs:
                if image.pk in used:
                    protected.append(format_html("“{}”", image))
                    protected.append([page_links(page) for page in used[image.pk]])
        return deleted, counts, perms_needed, protected

    # --- the editor's picker -------------------------------------------------

    def get_urls(self):
        app, model = self.opts.app_label, self.opts.model_name
        return [
            path("picker/", self.admin_site.admin_view(self.picker_view), name=f"{app}_{model}_picker"),
            path("upload/", self.admin_site.admin_view(self.upload_view), name=f"{app}_{model}_upload"),
            *super().get_urls(),
        ]

    @staticmethod
    def as_json(image):
        return {
            "id": image.pk,
            "src": image.marker,
            "alt": image.alt,
            "caption": image.caption,
            "thumbnail": thumbnail_url(image),
        }

    def picker_view(self, request):
        return require_GET(self._picker)(request)

    def _picker(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        found = BodyImage.objects.all()
        query = request.GET.get("q", "").strip()
        for word in query.split():
            found = found.filter(
                Q(alt__icontains=word)
                | Q(alt_en__icontains=word)
                | Q(caption__icontains=word)
                | Q(caption_en__icontains=word)
                | Q(credit__icontains=word)
                | Q(file__icontains=word)
            )
        return JsonResponse({"results": [self.as_json(image) for image in found[:PICKER_RESULTS]]})

    def upload_view(self, request):
        return require_POST(self._upload)(request)

    def _upload(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BodyImageForm(request.POST, request.FILES)
        if not form.is_valid():
            errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
            return JsonResponse({"errors": errors}, status=400)
        image = form.save(commit=False)
        image.uploaded_by = request.user
        image.save()
        self.log_addition(request, image, [{"added": {}}])
        return JsonResponse(self.as_json(image), status=201)
