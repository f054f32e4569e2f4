"""Sanitize HTML on every save, including loaddata's raw saves that skip Model.save()."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from bureau.models import Publishable


@receiver(pre_save, dispatch_uid="bureau.sanitize_publishable_html")
def sanitize_publishable_html(sender, instance, raw, **kwargs):
    if isinstance(instance, Publishable):
        instance.sanitize_html()
