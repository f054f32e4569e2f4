"""The inquiry inbox: what visitors wrote (read-only), and what staff do about it (status, who, notes).

Two actions: export the chosen inquiries as CSV, and retry the e-mail of
those the mail server refused. Nobody adds an inquiry by hand.
"""

import csv
from urllib.parse import quote, urlencode

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext_lazy as _

from content.admin import short_time
from inquiries import mail
from inquiries.models import Inquiry

CSV_COLUMNS = [
    "reference", "created_at", "status", "name", "organisation", "email", "phone", "country",
    "park", "project", "message", "assigned_to", "notes", "recipient", "mailed_at",
]  # fmt: skip


def _cell(value):
    """Plain text a spreadsheet will not run: a leading = + - @ would make the visitor's words a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# The e-mail address as a link that starts the reply, the reference in its subject.
VISITOR_FIELDS = ["reference", "created_at", "name", "organisation", "email_link", "phone", "country", "park",
                  "project", "message", "language_name"]  # fmt: skip


class MailedFilter(admin.SimpleListFilter):
    title = _("e-mail")
    parameter_name = "mailed"

    def lookups(self, request, model_admin):
        return [("yes", _("Sent")), ("no", _("Unsent"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(mailed_at__isnull=self.value() == "no")
        return queryset


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    # Five columns, two lines each, so that the list fits beside the navigation and the filters at 1280 px (eight
    # columns left the status one character a line and pushed the rest out of sight); a phone keeps the first,
    # the sender and the state (bureau/static/bureau/admin.css).
    list_display = ["reference_and_time", "sender", "about", "state", "mailed"]
    list_display_links = ["reference_and_time"]
    # Only the parks inquiries were sent from, and the colleagues inquiries are assigned to ("mine"), not every
    # park of the site and every account.
    list_filter = [
        "status",
        MailedFilter,
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
        ("park", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["park", "assigned_to"]
    search_fields = ["reference", "name", "organisation", "email", "phone"]
    date_hierarchy = "created_at"
    actions = ["export_csv", "retry_mail"]
    view_on_site = False  # an inquiry has no public page
    fieldsets = [
        (_("From the visitor"), {"fields": VISITOR_FIELDS}),
        (_("E-mail"), {"fields": ["mail_state"]}),
        (_("Follow-up"), {"fields": ["status", "assigned_to", "notes"]}),
    ]
    # What the visitor wrote is evidence: staff answer it, they do not edit it.
    readonly_fields = [*VISITOR_FIELDS, "mail_state"]

    @admin.display(description=_("reference, received"), ordering="created_at")
    def reference_and_time(self, inquiry):
        return format_html('<span class="reference">{}</span><br>{}', inquiry.reference, short_time(inquiry.created_at))

    @admin.display(description=_("from"), ordering="name")
    def sender(self, inquiry):
        if not inquiry.organisation:
            return inquiry.name
        return format_html('{}<br><span class="full-name">{}</span>', inquiry.name, inquiry.organisation)

    @admin.display(description=_("park or project"))
    def about(self, inquiry):
        return inquiry.park.name if inquiry.park_id else inquiry.project or "—"

    @admin.display(description=_("status and assignee"), ordering="status")
    def state(self, inquiry):
        who = inquiry.assigned_to.get_username() if inquiry.assigned_to_id else _("nobody yet")
        return format_html(
            '<span class="state">{}</span><br><span class="who">{}</span>', inquiry.get_status_display(), who
        )

    @admin.display(description=_("e-mail"))
    def email_link(self, inquiry):
        if not inquiry.email:
            return "—"
        subject = urlencode({"subject": f"Re: {inquiry.reference}"}, quote_via=quote)
        return format_html('<a href="mailto:{}?{}">{}</a>', quote(inquiry.email, safe="@"), subject, inquiry.email)

    @admin.display(description=_("language"))
    def language_name(self, inquiry):
        try:
            return get_language_info(inquiry.language)["name_translated"]
        except KeyError:
            return inquiry.language or "—"

    @admin.display(description=_("delivery"))
    def mail_state(self, inquiry):
        if inquiry.is_mailed:
            return format_html(
                _("Sent to {recipient} at {time}."),
                recipient=inquiry.recipient,
                time=timezone.localtime(inquiry.mailed_at).strftime("%Y-%m-%d %H:%M"),
            )
        return format_html(
            '<strong class="unsent">{}</strong> {}',
            _("Not sent."),
            _("To try again, tick it in the list and choose the action “Send the e-mail again”."),
        )

    @admin.display(boolean=True, description=_("e-mailed"), ordering="mailed_at")
    def mailed(self, inquiry):
        return inquiry.is_mailed

    def has_add_permission(self, request):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = get_user_model()._default_manager.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "assigned_to" and formfield is not None:
            # A colleague is chosen here, not added, changed or deleted: the user admin's pencil, plus, cross and
            # eye beside the list only confused.
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = widget.can_delete_related = False
            widget.can_view_related = False
        return formfield

    @admin.action(description=_("Export the selected inquiries (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="inquiries-{stamp}.csv"'
        response.write("\ufeff")  # so that Excel reads the Chinese as UTF-8
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for inquiry in queryset.select_related("park", "assigned_to"):
            row = [getattr(inquiry, column) for column in CSV_COLUMNS]
            writer.writerow([_cell(value) for value in row])
        return response

    @admin.action(description=_("Send the e-mail again (unsent inquiries)"), permissions=["change"])
    def retry_mail(self, request, queryset):
        unsent = list(queryset.filter(mailed_at__isnull=True).select_related("park"))
        sent = sum(1 for inquiry in unsent if mail.send(inquiry))
        if sent:
            self.message_user(request, ngettext("%d inquiry sent.", "%d inquiries sent.", sent) % sent)
        if sent < len(unsent):
            failed = len(unsent) - sent
            self.message_user(
                request,
                ngettext(
                    "%d inquiry could not be sent; it stays unsent.",
                    "%d inquiries could not be sent; they stay unsent.",
                    failed,
                )
                % failed,
                messages.ERROR,
            )
        if not unsent:
            self.message_user(request, _("All the selected inquiries were already sent."), messages.WARNING)
