from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from content.admin import MissingEnglishFilter, PendingChangeFilter, PublicStateFilter, PublishableAdmin
from news.models import Article


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    image_field = "cover"
    public_links = ("parks", "enterprises")
    # Featured articles are marked in the publication column (and filtered on the right). Draft or published is
    # the visibility filter's (which also tells scheduled from public): a second "status" filter said 草稿 twice.
    list_display = ["title", "thumbnail", "publication", "source_outlet", "last_change"]
    list_display_links = ["title"]
    list_filter = [
        PublicStateFilter,
        PendingChangeFilter,
        MissingEnglishFilter,
        "featured",
        "source_outlet",
        "tags",
    ]
    list_select_related = ["last_edited_by"]
    search_fields = ["title", "title_en", "original_title", "summary", "source_outlet", "author", "slug"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["parks", "enterprises"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (_("English version"), {"fields": ["title_en", "summary_en", "body_en"], "classes": ["english-version"]}),
        (_("Cover image"), {"fields": ["cover", "cover_alt"]}),
        (_("Links and tags"), {"fields": ["tags", "parks", "enterprises", "featured"]}),
        (
            _("Source"),
            {"fields": ["source_outlet", "original_outlet", "source_url", "source_date", "original_title", "author"]},
        ),
        PublishableAdmin.publication_fieldset,
    ]
