from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from content.admin import MissingEnglishFilter, PendingChangeFilter, PublicStateFilter, PublishableAdmin
from pages.models import Page


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    list_display = ["title", "kind", "order", "publication", "last_change"]
    list_display_links = ["title"]
    list_filter = [PublicStateFilter, PendingChangeFilter, MissingEnglishFilter, "kind"]
    list_select_related = ["last_edited_by"]
    search_fields = ["title", "title_en", "summary", "slug"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "order", "summary", "body"]}),
        (_("English version"), {"fields": ["title_en", "summary_en", "body_en"], "classes": ["english-version"]}),
        PublishableAdmin.publication_fieldset,
    ]
