"""What every save of content gets, loaddata's raw saves included.

- HTML is sanitized.
- A tag always has an address: one created by code that skipped the forms
  (which refuse such names) from punctuation alone gets one made of its
  characters' code points, so that no page fails to link it.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from taggit.models import Tag

from content.models import Publishable
from content.tagging import fallback_slug


@receiver(pre_save, dispatch_uid="content.sanitize_publishable_html")
def sanitize_publishable_html(sender, instance, raw, **kwargs):
    if isinstance(instance, Publishable):
        instance.sanitize_html()


@receiver(pre_save, sender=Tag, dispatch_uid="content.tag_has_an_address")
def tag_has_an_address(sender, instance, raw, **kwargs):
    if not instance.slug.strip():
        instance.slug = fallback_slug(instance.name)
