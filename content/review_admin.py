"""The review of a pending change in the admin: what it changes, and approving, scheduling, sending back or discarding it.

The page is open to staff who may see the item's kind; approving and sending
back need the kind's publish permission, discarding needs the author or a
publisher. Every action names the version of the change that was on the page
(its ``token``): one saved again in between is refused with a message and
the page shows the newer difference, what was typed (a comment, a time)
still in place. The list of pending changes is for publishers; the index
shows the queue (content/review.py, content/templatetags/review.py).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from content import diffs, notify, pending, review, snapshots
from content.admin import short_time
from content.pending import PendingChange, StaleChange
from content.people import person_name

ACTIONS = ("approve", "schedule", "send_back", "discard")


class ReviewForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)  # each label stands alone on its line


class ScheduleForm(ReviewForm):
    publish_at = forms.DateTimeField(
        label=gettext_lazy("Publication time (Beijing time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args, obj, **kwargs):
        self.obj = obj
        super().__init__(*args, **kwargs)

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if self.obj.is_public:
            raise forms.ValidationError(
                _("This item is already public: approving cannot take it offline until a later time.")
            )
        if value <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return value


class SendBackForm(ReviewForm):
    comment = forms.CharField(
        label=gettext_lazy("Comment for the author"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What should change before it can be published."),
        error_messages={"required": gettext_lazy("Say what should change: the author sees this comment.")},
    )


def local_time(value):
    return formats.localize(timezone.localtime(value)) if value else ""


def name_of(user):
    return person_name(user) if user else ""


def blank_snapshot(model):
    """A new item's empty form as a snapshot: comparing a draft with it lists what was written."""
    empty = model()
    return {
        "fields": {field.name: snapshots.to_plain(field, empty) for field in snapshots.content_fields(model)},
        "links": {field.name: [] for field in snapshots.link_fields(model)},
        "tags": [],
        "children": {name: [] for name, _model, _key in snapshots.children_of(model)},
    }


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    list_display = ["item", "kind", "state", "author_name", "submitted"]
    list_display_links = None
    list_filter = ["state", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["content_type", "author"]
    ordering = ["-submitted_at", "-updated_at"]
    review_template = "admin/content/pendingchange/review.html"

    # --- permissions: by the item's kind, not by permissions on the change itself -------------------------

    def has_module_permission(self, request):
        return bool(review.published_kinds(request.user))

    def has_view_permission(self, request, obj=None):
        if obj is not None and obj.target is not None:
            return review.can_publish(request.user, type(obj.target))
        return bool(review.published_kinds(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        types = ContentType.objects.get_for_models(*review.published_kinds(request.user)).values()
        return super().get_queryset(request).filter(content_type__in=types).prefetch_related("target")

    # --- list ---------------------------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("item"))
    def item(self, change):
        return format_html('<a href="{}">{}</a>', review_url(change), change)

    @admin.display(description=gettext_lazy("kind of page"), ordering="content_type")
    def kind(self, change):
        return capfirst(change.content_type.model_class()._meta.verbose_name)

    @admin.display(description=gettext_lazy("last saved by"), ordering="author__username")
    def author_name(self, change):
        return person_name(change.author) if change.author else ""

    @admin.display(description=gettext_lazy("submitted"), ordering="submitted_at")
    def submitted(self, change):
        return short_time(change.submitted_at) or "—"

    # --- the review page ------------------------------------------------------------------------------------

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_review"
        return [
            path("<int:object_id>/review/", self.admin_site.admin_view(self.review_view), name=name),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Links from the list and the history lead to the change form's address: the review page is the form.
        return redirect("admin:content_pendingchange_review", object_id)

    def review_view(self, request, object_id):
        change = (
            PendingChange.objects.select_related("content_type", "author", "submitted_by", "reviewer")
            .filter(pk=object_id)
            .first()
        )
        if change is None or change.target is None:
            messages.info(request, _("This change is no longer pending: it was approved or discarded."))
            return redirect("admin:index")
        obj = change.target
        model = type(obj)
        user = request.user
        if not review.can_view(user, model):
            raise PermissionDenied
        publisher = review.can_publish(user, model)
        may_discard = publisher or user.pk in (change.author_id, change.submitted_by_id)

        action = next((name for name in ACTIONS if f"_{name}" in request.POST), None)
        posted = request.method == "POST" and action is not None
        schedule_form = ScheduleForm(
            request.POST if posted and action == "schedule" else None,
            obj=obj,
            prefix="schedule",
            initial={"publish_at": timezone.localtime(obj.published_at) if obj.is_scheduled else None},
        )
        send_back_form = SendBackForm(request.POST if posted and action == "send_back" else None, prefix="send_back")
        if posted:
            if action in ("approve", "schedule", "send_back") and not publisher:
                raise PermissionDenied
            if action == "discard" and not may_discard:
                raise PermissionDenied
            token = request.POST.get("token", "")
            try:
                if action == "approve":
                    return self.approve(request, change, token)
                if action == "schedule" and schedule_form.is_valid():
                    return self.approve(request, change, token, schedule_form.cleaned_data["publish_at"])
                if action == "send_back" and send_back_form.is_valid():
                    return self.send_back(request, change, token, send_back_form.cleaned_data["comment"])
                if action == "discard":
                    pending.discard(change, token)
                    messages.success(request, _("The pending change of “%(item)s” is discarded.") % {"item": obj})
                    return redirect("admin:index")
            except StaleChange:
                change = pending.pending_for(model, obj.pk)
                if change is None:
                    messages.warning(request, _("This change is no longer pending: it was approved or discarded."))
                    return redirect("admin:index")
                messages.error(request, stale_message(change))
        return TemplateResponse(
            request,
            self.review_template,
            self.review_context(request, change, obj, publisher, may_discard, schedule_form, send_back_form),
        )

    def review_context(self, request, change, obj, publisher, may_discard, schedule_form, send_back_form):
        model = type(obj)
        if change.data is None:
            rows = diffs.differences(model, blank_snapshot(model), snapshots.take(obj))
        else:
            rows = diffs.differences(model, snapshots.take(obj), change.data)
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Review: %(item)s") % {"item": obj},
            "change": change,
            "item": obj,
            "kind": capfirst(model._meta.verbose_name),
            "change_form_url": review.change_form_path(obj),
            "rows": rows,
            "as_it_is": change.data is None,
            "publisher": publisher,
            "may_discard": may_discard,
            "offer_schedule": publisher and not obj.is_public,
            "schedule_form": schedule_form,
            "send_back_form": send_back_form,
            "author_name": name_of(change.author),
            "submitter_name": name_of(change.submitted_by),
            "reviewer_name": name_of(change.reviewer),
            "saved_at": local_time(change.updated_at),
            "submitted_at": local_time(change.submitted_at),
            "reviewed_at": local_time(change.reviewed_at),
            "published_at": local_time(obj.published_at),
            "has_view_permission": True,
            "show_list": self.has_view_permission(request),
        }

    def approve(self, request, change, token, publish_at=None):
        author = change.author
        labels = self.changed_labels(change)
        obj, applied = pending.approve(change, request.user, token, publish_at)
        self.log_approval(request, obj, labels, publish_at is not None or change.data is None)
        messages.success(request, format_html("{} {}", approved_message(obj), site_link(obj)))
        if applied.missing:
            missing = "、".join(f"{capfirst(label)} #{pk}" for label, pk in applied.missing)
            messages.warning(
                request,
                _("These links could not be kept, their items were deleted since: %(missing)s.") % {"missing": missing},
            )
        if not notify.approved(obj, author, request.user, request):
            messages.warning(request, notify.UNSENT_TO_AUTHOR)
        return redirect("admin:index")

    def send_back(self, request, change, token, comment):
        change = pending.send_back(change, request.user, token, comment)
        review.announce_sent_back(change)
        who = person_name(change.author) if change.author else _("the author")
        messages.success(request, _("“%(item)s” is sent back to %(who)s.") % {"item": change.target, "who": who})
        if not notify.sent_back(change, request):
            messages.warning(request, notify.UNSENT_TO_AUTHOR)
        return redirect("admin:index")

    # --- the item's history --------------------------------------------------------------------------------

    def changed_labels(self, change):
        """The names of the fields the change sets, untranslated as the admin's history keeps them."""
        if change.data is None:
            return []
        obj = change.target
        with override(None):
            return [row.label for row in diffs.differences(type(obj), snapshots.take(obj), change.data)]

    def log_approval(self, request, obj, labels, publication):
        if publication:
            with override(None):
                labels += [str(capfirst(obj._meta.get_field(name).verbose_name)) for name in ("status", "published_at")]
        self.log_change(request, obj, [{"changed": {"fields": labels}}])


def review_url(change):
    return reverse("admin:content_pendingchange_review", args=[change.pk])


def stale_message(change):
    who = person_name(change.author) if change.author else _("someone")
    return _(
        "%(who)s saved this change again at %(when)s, after you opened it. Nothing was done: the difference below "
        "is now the latest one; look at it and decide again."
    ) % {"who": who, "when": local_time(change.updated_at)}


def approved_message(obj):
    if obj.is_public:
        return _("“%(item)s” is approved and public.") % {"item": obj}
    return _("“%(item)s” is approved; it goes public at %(when)s (Beijing time).") % {
        "item": obj,
        "when": local_time(obj.published_at),
    }


def site_link(obj):
    if obj.is_public:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("View it on the site"))
    return format_html('<a href="{}">{}</a>', obj.get_preview_url(), _("Open the preview (visible to staff only)"))
