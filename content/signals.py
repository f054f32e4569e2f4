"""What every save of content gets, loaddata's raw saves included.

- HTML is sanitized.
- A tag always has an address: one created by code that skipped the forms
  (which refuse such names) from punctuation alone gets one made of its
  characters' code points, so that no page fails to link it.
- A renamed tag keeps its old address, which redirects to the new one, as a
  renamed article, park or enterprise does (``Publishable.save``); a deleted
  tag takes its old addresses with it. Raw saves (loaddata) are left alone.
- A deleted article, park or enterprise takes its pending change with it.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from content.models import PendingChange, Publishable, SlugRedirect, keep_old_address
from content.tagging import fallback_slug


@receiver(pre_save, dispatch_uid="content.sanitize_publishable_html")
def sanitize_publishable_html(sender, instance, raw, **kwargs):
    if isinstance(instance, Publishable):
        instance.sanitize_html()


@receiver(pre_save, sender=Tag, dispatch_uid="content.tag_has_an_address")
def tag_has_an_address(sender, instance, raw, **kwargs):
    if not instance.slug.strip():
        instance.slug = fallback_slug(instance.name)


@receiver(pre_save, sender=Tag, dispatch_uid="content.tag_slug_before")
def read_old_tag_slug(sender, instance, raw, **kwargs):
    # A new tag has no old address (taggit saves new tags often: each one an editor types).
    if not raw and instance.pk is not None:
        instance._slug_before_save = Tag.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()


@receiver(post_save, sender=Tag, dispatch_uid="content.tag_old_address")
def keep_old_tag_address(sender, instance, created, raw, **kwargs):
    if not raw and not created and hasattr(instance, "_slug_before_save"):
        keep_old_address(instance, instance.__dict__.pop("_slug_before_save"))


@receiver(post_delete, sender=Tag, dispatch_uid="content.tag_old_addresses_deleted")
def forget_old_tag_addresses(sender, instance, **kwargs):
    SlugRedirect.objects.filter(content_type=ContentType.objects.get_for_model(Tag), object_id=instance.pk).delete()


@receiver(post_delete, dispatch_uid="content.pending_change_deleted_with_item")
def forget_pending_change(sender, instance, **kwargs):
    if isinstance(instance, Publishable):
        PendingChange.objects.filter(
            content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
        ).delete()
