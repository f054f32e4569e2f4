"""The tag admin: one vocabulary for articles, parks and enterprises, renamed and merged here.

Editors add and rename tags (they may change tags, as the roles say): a
renamed tag's old address keeps answering, with a redirect to the new one
(content/signals.py). A rename onto another tag's name or address is refused
with a pointer to merging, which is a publisher's: it deletes tags and
re-tags items of every kind (``TagAdmin.has_merge_permission``).
"""

import taggit.admin  # noqa: F401 (registers taggit's TagAdmin now, so that it can be replaced below)
from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.encoding import uri_to_iri
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from content.links import tag_url
from content.localize import english_tag_name
from content.models import SlugRedirect, TagEnglish
from content.tagging import TagsChanged, merge_tags, tag_problem, tagged_models, usage_name, with_usage

# taggit's own TagAdmin offers a "merge tags" action that only knows taggit's
# generic TaggedItem (this site tags through its own models, so merging would
# report success and move nothing), and its merge view skips permission checks.
# This one merges through content.tagging.merge_tags.
admin.site.unregister(Tag)


def _names(names):
    return pgettext("between the names of a list in a sentence", ", ").join(f"“{name}”" for name in names)


class TagForm(forms.ModelForm):
    """A tag's name and address; on a rename the address follows the name unless the editor changed it too."""

    may_merge = False  # whether the person editing may merge tags (TagAdmin.get_form): said in the clash message

    name_en = forms.CharField(
        label=_("English name"),
        max_length=100,
        required=False,
        help_text=_("Shown on English pages; without one they show the Chinese name."),
    )

    class Meta:
        model = Tag
        fields = ["name", "name_en", "slug"]
        help_texts = {
            "slug": _(
                "The address of the tag's page. When the name changes and this is left as it was, it follows "
                "the new name; the old address keeps leading to the tag's page."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["name_en"].initial = english_tag_name(self.instance)

    def _save_m2m(self):
        super()._save_m2m()
        TagEnglish.objects.update_or_create(
            tag=self.instance, defaults={"name_en": self.cleaned_data.get("name_en", "").strip()}
        )

    def _clash(self, message):
        """``message``, and on a rename the way out: merging the two tags."""
        if self.instance.pk is None:
            return message
        if self.may_merge:
            hint = gettext(
                "To make one tag of the two, merge them: select both in the tag list and choose “Merge selected tags…”."
            )
        else:
            hint = gettext("To make one tag of the two, ask a publisher to merge them.")
        return pgettext("a problem, then what to do about it", "%(problem)s %(remedy)s") % {
            "problem": message,
            "remedy": hint,
        }

    def clean_name(self):
        name = self.cleaned_data["name"]
        problem = tag_problem(name)
        if problem is not None:
            raise problem
        # Tags are matched without regard to case (TAGGIT_CASE_INSENSITIVE): "ai" would be "AI" again.
        other = Tag.objects.exclude(pk=self.instance.pk).filter(name__iexact=name).first()
        if other is not None:
            message = gettext("The tag “%(tag)s” already exists.") % {"tag": other.name}
            raise ValidationError(self._clash(message), code="tag_exists")
        return name

    def clean(self):
        cleaned = super().clean()
        name, slug = cleaned.get("name"), cleaned.get("slug")
        if name is None or slug is None:
            return cleaned
        follows = self.instance.pk is not None and "name" in self.changed_data and slug == self.instance.slug
        if follows:
            slug = Tag().slugify(name)
        other = Tag.objects.exclude(pk=self.instance.pk).filter(slug=slug).first()
        if other is not None and follows:
            message = gettext("The name “%(name)s” would give the address “%(slug)s”, which the tag “%(tag)s” has.")
            self.add_error("name", self._clash(message % {"name": name, "slug": slug, "tag": other.name}))
        elif other is not None:
            message = gettext("The tag “%(tag)s” already has the address “%(slug)s”.")
            self.add_error("slug", self._clash(message % {"slug": slug, "tag": other.name}))
        elif follows and slug != self.instance.slug:
            cleaned["slug"] = slug
            self.changed_data.append("slug")  # so that the history says the address changed too
        return cleaned


class MergeTagsForm(forms.Form):
    """Which of the selected tags to keep: one of them, by id (no query: the tags are read already)."""

    keep = forms.TypedChoiceField(
        label=_("Tag to keep"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the tag to keep."),
            "invalid_choice": _("The tag to keep must be one of the tags being merged."),
        },
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [(tag.pk, tag.name) for tag in tags]


class TagEnglishFilter(admin.SimpleListFilter):
    """Lets the translator find the tags that still need an English name."""

    title = _("English version")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing some English")), ("complete", _("Complete"))]

    def queryset(self, request, queryset):
        missing = Q(english__isnull=True) | Q(english__name_en="")
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "complete":
            return queryset.exclude(missing)
        return queryset


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagForm
    list_display = ["name", "english_name", "slug"]
    list_select_related = ["english"]
    list_filter = [TagEnglishFilter]
    ordering = ["name"]
    search_fields = ["name", "english__name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["old_addresses"]
    actions = ["merge_selected"]

    def get_fields(self, request, obj=None):
        return ["name", "name_en", "slug", "old_addresses"] if obj is not None else ["name", "name_en", "slug"]

    @admin.display(description=_("English name"), ordering="english__name_en")
    def english_name(self, tag):
        return english_tag_name(tag) or "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.may_merge = self.has_merge_permission(request)
        return form

    @admin.display(description=_("old addresses"))
    def old_addresses(self, tag):
        slugs = SlugRedirect.objects.filter(content_type=ContentType.objects.get_for_model(Tag), object_id=tag.pk)
        urls = [uri_to_iri(tag_url(slug)) for slug in slugs.order_by("old_slug").values_list("old_slug", flat=True)]
        return pgettext("between the names of a list in a sentence", ", ").join(urls) or "—"

    # --- merging ---------------------------------------------------------

    def has_merge_permission(self, request):
        """Merging deletes tags and re-tags articles, parks and enterprises: a publisher's work.

        So it takes the permission to delete tags (publishers have it, editors
        do not) and to change every kind of content that carries tags.
        """
        kinds = [f"{model._meta.app_label}.change_{model._meta.model_name}" for model in tagged_models()]
        return request.user.has_perms(["taggit.change_tag", "taggit.delete_tag", *kinds])

    def changelist_view(self, request, extra_context=None):
        # Django would answer a crafted merge by someone not offered it with "no action selected": say no plainly.
        if request.method == "POST" and request.POST.get("action") == "merge_selected":
            if not self.has_merge_permission(request):
                raise PermissionDenied
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Merge selected tags…"), permissions=["merge"])
    def merge_selected(self, request, queryset):
        """Ask which tag to keep (showing what uses each), then merge; the changelist again afterwards."""
        tags = list(with_usage(queryset.order_by("name", "pk")))
        if len(tags) < 2:
            self.message_user(
                request,
                gettext("Select at least two different tags to merge: a tag cannot be merged into itself."),
                messages.ERROR,
            )
            return None
        form = MergeTagsForm(request.POST if "post" in request.POST else None, tags=tags)
        if form.is_valid():
            keep = next(tag for tag in tags if tag.pk == form.cleaned_data["keep"])
            try:
                with transaction.atomic():
                    self.log_deletions(request, queryset.exclude(pk=keep.pk))
                    merge = merge_tags(keep, tags)
                    self.log_change(
                        request, keep, gettext("Merged into this tag: %(tags)s.") % {"tags": _names(merge.merged)}
                    )
            except TagsChanged:
                self.message_user(
                    request,
                    gettext("The tags changed meanwhile: nothing was merged. Please try again."),
                    messages.ERROR,
                )
                return None
            self.message_user(request, self._merged_message(merge), messages.SUCCESS)
            return None
        if not form.is_bound:
            # The tag most in use is the likely one to keep.
            most_used = max(tags, key=lambda tag: sum(getattr(tag, usage_name(model)) for model in tagged_models()))
            form = MergeTagsForm(initial={"keep": most_used.pk}, tags=tags)
        return self._confirmation(request, tags, form)

    def _confirmation(self, request, tags, form):
        kinds = tagged_models()
        chosen = form["keep"].value()
        rows = [
            {
                "tag": tag,
                "url": uri_to_iri(tag_url(tag.slug)),
                "counts": [getattr(tag, usage_name(model)) for model in kinds],
                "checked": str(tag.pk) == str(chosen),
            }
            for tag in tags
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Merge tags"),
            "subtitle": None,
            "opts": self.opts,
            "kinds": [capfirst(model._meta.verbose_name_plural) for model in kinds],
            "rows": rows,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/taggit/tag/merge_confirmation.html", context)

    def _merged_message(self, merge):
        count = len(merge.merged)
        message = ngettext(
            "%(count)d tag merged into “%(tag)s”: %(merged)s. Re-tagged: %(items)s. "
            "Old addresses that now lead to its page: %(addresses)d.",
            "%(count)d tags merged into “%(tag)s”: %(merged)s. Re-tagged: %(items)s. "
            "Old addresses that now lead to its page: %(addresses)d.",
            count,
        )
        items = [
            gettext("%(kind)s %(count)d") % {"kind": model._meta.verbose_name_plural, "count": n}
            for model, n in merge.retagged.items()
        ]
        return message % {
            "count": count,
            "tag": merge.kept.name,
            "merged": _names(merge.merged),
            "items": pgettext("between the names of a list in a sentence", ", ").join(items),
            "addresses": merge.old_addresses,
        }
