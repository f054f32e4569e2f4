"""Admin behaviour shared by articles, parks and enterprises.

Editors write; publishers also publish, unpublish and delete. The split is
enforced here through Django permissions (``<app>.publish_<model>`` and the
standard delete permission), so the admin never offers an editor a control
that the server would refuse. An editor's save of published content does not
go live: it becomes a pending change that a publisher approves
(content/pending.py; the change form's part of it is ``changeform_view``). The tags' admin (renaming, merging) is in
content/tag_admin.py.
"""

import contextlib
import functools
import operator

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.db import models, router, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, override
from taggit.managers import TaggableManager

from content import (  # noqa: F401 (tag_admin: the tags' admin, renaming and merging)
    caching,
    edit_conflicts,
    images,
    kept_uploads,
    pending,
    snapshots,
    tag_admin,
)
from content.editor import RichTextAdminMixin
from content.history_admin import HistoryAdminMixin
from content.models import SlugRedirect, Status
from content.people import person_name
from content.tagging import TAG_HELP, CheckedTagField


@contextlib.contextmanager
def _nothing():
    yield


def short_time(value):
    """A time in a list, Beijing time: the date over the hour ("2024-09-27", "08:47"), narrow in both languages."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return format_html(
        '<time class="when" datetime="{}">{}<br>{}</time>',
        local.isoformat(),
        local.strftime("%Y-%m-%d"),
        local.strftime("%H:%M"),
    )


class PublicStateFilter(admin.SimpleListFilter):
    title = _("visibility")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [("public", _("Public now")), ("scheduled", _("Scheduled")), ("draft", _("Draft"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "public":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, published_at__gt=now)
        if self.value() == "draft":
            return queryset.filter(status=Status.DRAFT)
        return queryset


class PendingChangeFilter(admin.SimpleListFilter):
    """Items with a pending change (content/pending.py): what is waiting, or being edited, for review."""

    title = _("pending change")
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("yes", _("With a pending change")), ("no", _("Without"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_pending_change=True)
        if self.value() == "no":
            return queryset.filter(has_pending_change=False)
        return queryset


class MissingEnglishFilter(admin.SimpleListFilter):
    """Lets the translator find what still needs an English version: the English fields of ``english_fields``
    (the model's ``<field>_en`` columns that every item should have), any of them empty."""

    title = _("English version")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing some English")), ("complete", _("Complete"))]

    def queryset(self, request, queryset):
        names = [f"{name}_en" for name in getattr(queryset.model, "english_fields", ("name", "summary"))]
        missing = functools.reduce(operator.or_, (Q(**{name: ""}) for name in names))
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "complete":
            return queryset.exclude(missing)
        return queryset


class PublishableAdmin(HistoryAdminMixin, RichTextAdminMixin, admin.ModelAdmin):
    change_form_template = "admin/content/change_form.html"
    image_field = None
    actions = ["publish", "unpublish"]
    list_per_page = 50
    # Editors paste addresses without a scheme; https is the right guess (and Django 6's default).
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        # A tag that could have no page (no letters or digits, too long) is refused with its name.
        TaggableManager: {"form_class": CheckedTagField, "help_text": TAG_HELP},
    }
    readonly_fields = ["preview_link", "created_at", "updated_at", "last_editor"]
    publication_fieldset = (
        _("Publication"),
        {"fields": ["status", "published_at", "preview_link", ("created_at", "updated_at", "last_editor")]},
    )

    # --- permissions -----------------------------------------------------

    def has_publish_permission(self, request, obj=None):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request, obj):
            fields += ["status", "published_at"]
        return fields

    # --- list ------------------------------------------------------------

    # The columns of a list are few and narrow so that the title keeps a third of the table at 1280 px
    # (bureau/static/bureau/admin.css): state and time share a column, as do the last change and its author.

    @admin.display(description=_("visibility"), ordering="status")
    def visibility(self, obj):
        if obj.is_public:
            return format_html('<span class="state state-public">{}</span>', _("Public"))
        if obj.is_scheduled:
            return format_html('<span class="state state-scheduled">{}</span>', _("Scheduled for"))
        return format_html('<span class="state state-draft">{}</span>', _("Draft"))

    @admin.display(description=_("publication"), ordering="published_at")
    def publication(self, obj):
        featured = (
            format_html(' <span class="state state-featured">{}</span>', _("Featured"))
            if getattr(obj, "featured", False)
            else ""
        )
        waiting = (
            format_html(' <span class="state state-pending">{}</span>', _("Pending change"))
            if getattr(obj, "has_pending_change", False)
            else ""
        )
        return format_html("{}{}{}<br>{}", self.visibility(obj), featured, waiting, short_time(obj.published_at))

    def get_queryset(self, request):
        # Whether each item has a pending change, in the list's own query (the "Pending change" mark).
        changes = pending.PendingChange.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
        )
        return super().get_queryset(request).annotate(has_pending_change=Exists(changes))

    @admin.display(description=_("last change"), ordering="updated_at")
    def last_change(self, obj):
        return format_html('{}<br><span class="who">{}</span>', short_time(obj.updated_at), self.last_editor(obj))

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        fieldfile = getattr(obj, self.image_field) if self.image_field else None
        if not fieldfile:
            return "—"
        return format_html('<img src="{}" alt="" width="48" loading="lazy">', images.rendition_url(fieldfile, 160))

    @admin.display(description=_("last edited by"), ordering="last_edited_by__username")
    def last_editor(self, obj):
        # Plain text: the admin would link to the user's page, which editors may not open. Nothing yet (a
        # new item, or one loaded from fixtures) shows as nothing: a read-only field would print "None".
        user = obj.last_edited_by if obj else None
        return person_name(user) if user else ""

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj or not obj.pk:
            return _("Save first to preview.")
        return format_html(
            '<a href="{}" target="_blank">{}</a>', obj.get_preview_url(), _("Open the preview (visible to staff only)")
        )

    def get_view_on_site_url(self, obj=None):
        if obj is None or not obj.pk:
            return None
        # As saved: a form shown again with errors holds what was typed, perhaps an empty or invalid slug.
        saved = type(obj)._default_manager.filter(pk=obj.pk).first() or obj
        return saved.get_absolute_url() if saved.is_public else saved.get_preview_url()

    # --- saving ----------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form = kept_uploads.with_kept_uploads(form, request, self.model.image_fields)
        return edit_conflicts.guarded(form, request)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if request.method == "POST":  # shown again after a refused save: the chosen images stay chosen
            kept_uploads.keep_for_next_try(request, form, self.model.image_fields)
        # The version this form stands on (content/edit_conflicts.py), in a hidden field (the template).
        context["edit_base"] = edit_conflicts.base_for_next_try(request, form, obj)
        # Editors ask for a publisher's review of a draft or a pending change; publishers simply publish.
        context["may_submit"] = (
            change and not self.has_publish_permission(request, obj) and self.has_change_permission(request, obj)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The change form, showing the item's pending change if it has one; an editor's save of a published
        item kept as a pending change.

        Both are done the same way: inside a transaction, the pending change
        (if any) is applied and the admin does what it always does (builds
        the form, saves it); then, unless the save was a live one, the
        transaction is rolled back. What an editor's save would have made of
        the item is read back first (``save_related``) and kept as the
        pending change, after the rollback.
        """
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if obj is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        request.edit_token, *saved_by = pending.edit_state(self.model, obj.pk)
        request.edit_saved_by = tuple(saved_by)
        change = request.pending_change = pending.pending_for(self.model, obj.pk)
        review = request.needs_review = pending.needs_review(obj, request.user)
        extra_context = {**(extra_context or {}), "pending_change": change, "needs_review": review}
        if change is not None and change.data is not None:
            # The heading names the item as the public knows it, as the review queue does; the form below shows
            # the pending version (a renamed park is still found under its public name at the top).
            extra_context.setdefault("subtitle", str(obj))
        if change is None and not review:
            return super().changeform_view(request, object_id, form_url, extra_context)
        using = router.db_for_write(self.model)
        # An editor's save, and any showing of the form, is always undone here, so nothing of it is announced
        # to caches; a publisher's save may stay, so then only the applying of the pending change is quiet.
        quiet = review or request.method != "POST"
        with transaction.atomic(using=using), caching.quiet() if quiet else _nothing():
            if change is not None and change.data is not None:
                with caching.quiet():
                    applied = snapshots.apply(obj, change.data, draft_children=True)
                if request.method == "GET":
                    self.warn_missing(request, applied)
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # from the pending content, before it is rolled back
            if not getattr(request, "saved_live", False):
                transaction.set_rollback(True, using=using)
        snapshot = getattr(request, "pending_snapshot", None)
        if snapshot is not None:
            self.keep_pending(request, obj, snapshot)
        return response

    def keep_pending(self, request, obj, snapshot):
        change = pending.store(obj, snapshot, request.user)
        if "_submit" in request.POST:
            self.submit_for_review(request, obj)
        else:
            messages.info(
                request,
                format_html(
                    "{} {}",
                    _("When your version is ready, submit it for review."),
                    self.review_link(change),
                ),
            )
        return change

    def submit_for_review(self, request, obj):
        from content import notify  # the review queue's e-mails (content/notify.py)

        change = pending.submit(obj, request.user)
        messages.success(request, _("Submitted for review: publishers see it in their review queue."))
        if not notify.submitted(change, request=request):
            messages.warning(request, notify.UNSENT_TO_PUBLISHERS)
        return change

    def history_view(self, request, object_id, extra_context=None):
        # A pending change is no version until approved: the history says it is there, so nobody looks for it in vain.
        obj = self.get_object(request, unquote(object_id))
        change = pending.pending_for(self.model, obj.pk) if obj is not None else None
        if change is not None:
            extra_context = {
                **(extra_context or {}),
                "pending_change": change,
                "pending_review_url": reverse("admin:content_pendingchange_review", args=[change.pk]),
            }
        return super().history_view(request, object_id, extra_context)

    def review_link(self, change):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:content_pendingchange_review", args=[change.pk]),
            _("See the differences"),
        )

    def save_snapshot(self, request, obj, snapshot, comment):
        """A restored version (content/history_admin.py): live for publishers and drafts; for an editor's
        published item, a pending change, as a save of the form would be."""
        if not pending.needs_review(obj, request.user):
            return super().save_snapshot(request, obj, snapshot, comment)
        # Applied and read back (then rolled back), so that links deleted since are left out as on a live restore.
        with transaction.atomic(), caching.quiet():
            applied = snapshots.apply(obj, snapshot)
            kept = snapshots.take(obj)
            transaction.set_rollback(True)
        pending.store(obj, kept, request.user)
        applied.pending = True
        return applied

    def warn_missing(self, request, applied):
        for label, pk in applied.missing:
            messages.warning(
                request,
                _("The pending change links to %(field)s #%(id)s, which has been deleted since; it is left out.")
                % {"field": label, "id": pk},
            )

    def save_model(self, request, obj, form, change):
        obj.last_edited_by = request.user
        super().save_model(request, obj, form, change)
        kept_uploads.forget_kept(request, form)
        request.saved_content = obj  # for the success message's link (message_user)

    def message_user(self, request, message, level=messages.INFO, extra_tags="", fail_silently=False):
        """After a save, the success message ends with a link to the item as visitors see it, or its preview."""
        obj = getattr(request, "saved_content", None)
        if obj is not None and level == messages.SUCCESS and getattr(request, "needs_review", False):
            message = format_html(
                "{} {}",
                _(
                    "Your changes to “%(item)s” are saved as a pending change: the public page still shows the "
                    "published version until a publisher approves them."
                )
                % {"item": obj},
                format_html('<a href="{}">{}</a>', obj.get_preview_url(), _("Preview your version")),
            )
        elif obj is not None and level == messages.SUCCESS:
            message = format_html("{} {}", message, self.site_link(obj))
        super().message_user(request, message, level, extra_tags, fail_silently)

    def site_link(self, obj):
        if obj.is_public:
            return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("View it on the site"))
        if obj.is_scheduled:
            label = _("Scheduled for %(time)s, Beijing time: it goes public by itself then. Open the preview") % {
                "time": timezone.localtime(obj.published_at).strftime("%Y-%m-%d %H:%M")
            }
        else:
            label = _("Open the preview (visible to staff only)")
        return format_html('<a href="{}">{}</a>', obj.get_preview_url(), label)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if getattr(request, "needs_review", False):
            # Read back for the pending change; changeform_view rolls the save back.
            request.pending_snapshot = snapshots.take(obj)
            return
        request.saved_live = True
        if getattr(request, "pending_change", None) is not None:
            self.publish_pending(request, obj)
        self.warn_about_private_links(request, obj)
        if "_submit" in request.POST and not self.has_publish_permission(request, obj):
            self.submit_for_review(request, obj)

    def publish_pending(self, request, obj):
        """A publisher saved the form that showed a pending change: it is live now, and the change done with."""
        from content import notify

        change = request.pending_change
        if change.data is None and obj.status != Status.PUBLISHED:
            return  # a draft submitted as it is, saved but not published: it still waits for review
        # The form's new figures carried stand-in keys (snapshots.apply): they are stored anew, with real ones.
        with caching.quiet():
            snapshots.apply(obj, snapshots.take(obj))
        change.delete()
        if not notify.approved(obj, change.author, request.user, request=request):
            messages.warning(request, notify.UNSENT_TO_AUTHOR)

    def warn_about_private_links(self, request, obj):
        """Linking to something not yet public is allowed (both may be in the works), but said."""
        for relation in getattr(self, "public_links", ()):
            related = getattr(obj, relation)
            manager = related.all() if hasattr(related, "all") else None
            items = [r for r in (manager if manager is not None else [related]) if r is not None and not r.is_public]
            for item in items:
                messages.warning(
                    request,
                    _("“%(item)s” is not public yet, so visitors will not see the link to it until it is published.")
                    % {"item": item},
                )

    # --- actions ---------------------------------------------------------

    def log_bulk_change(self, request, obj, fields):
        # Worded as the change form's own entries (field labels, stored
        # untranslated), so the history page shows them in the reader's language.
        with override(None):
            names = [str(capfirst(obj._meta.get_field(name).verbose_name)) for name in fields]
        self.log_change(request, obj, [{"changed": {"fields": names}}])

    @admin.action(
        description=_("Publish the selected items now (future times stay scheduled)"), permissions=["publish"]
    )
    def publish(self, request, queryset):
        now = timezone.now()
        count = 0
        for obj in queryset.filter(status=Status.DRAFT):
            obj.status = Status.PUBLISHED
            if obj.published_at < now:
                obj.published_at = now
            obj.last_edited_by = request.user
            obj.save(update_fields=["status", "published_at", "last_edited_by", "updated_at"])
            self.log_bulk_change(request, obj, ["status", "published_at"])
            self.settle_submission(request, obj)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", count) % {"count": count},
            messages.SUCCESS,
        )

    def settle_submission(self, request, obj):
        """A draft submitted for review as it is, published from the list: the review is done, the author told."""
        from content import notify

        change = pending.pending_for(type(obj), obj.pk)
        if change is None or change.data is not None:
            return  # a pending change of the content still waits: publishing the draft did not apply it
        change.delete()
        if not notify.approved(obj, change.author, request.user, request=request):
            messages.warning(request, notify.UNSENT_TO_AUTHOR)

    @admin.action(description=_("Unpublish the selected items (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = 0
        for obj in queryset.filter(status=Status.PUBLISHED):
            obj.status = Status.DRAFT
            obj.last_edited_by = request.user
            obj.save(update_fields=["status", "last_edited_by", "updated_at"])
            self.log_bulk_change(request, obj, ["status"])
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d item unpublished.", "%(count)d items unpublished.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    """Old addresses are made by renaming a published item or a tag, and by merging tags; they are looked at
    and removed, never typed."""

    list_display = ["old_slug", "content_type", "object_id", "created_at"]
    # Only the kinds that have old addresses, not every content type of the project.
    list_filter = [("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["content_type"]
    search_fields = ["old_slug"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# The image library's admin (it uses short_time above): content/library_admin.py.
from content import library_admin  # noqa: E402, F401
