"""HTML is sanitized on every save of any kind of content, loaddata's raw saves included."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from content.models import Publishable


@receiver(pre_save, dispatch_uid="content.sanitize_publishable_html")
def sanitize_publishable_html(sender, instance, raw, **kwargs):
    if isinstance(instance, Publishable):
        instance.sanitize_html()
