"""Sort keys follow the names on every save, loaddata's raw saves (load_demo) included.

A pre_save receiver rather than ``save()``: a raw save skips ``save()``, and
a key copied from a fixture could be older than the names beside it.
``bulk_create`` skips both: its callers set the keys themselves
(``set_sort_keys()``, as demo/scale does).
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from parks.models import Enterprise, Park


@receiver(pre_save, sender=Park, dispatch_uid="parks.park_sort_keys")
@receiver(pre_save, sender=Enterprise, dispatch_uid="parks.enterprise_sort_keys")
def set_sort_keys(sender, instance, **kwargs):
    instance.set_sort_keys()
