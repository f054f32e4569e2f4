"""What the demo loader remembers of what it loaded (demo/management/commands/load_demo.py)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoItem(models.Model):
    """One fixture row that ``load_demo`` loaded (or found already there), and the object that stands for it.

    ``key`` is the row's natural key as the fixtures wrote it when it was loaded. It does not follow
    staff's edits, the object does: a park whose slug an editor changed is still this row's park, so the
    next load neither fails on its name nor adds a second copy; a record whose object is gone means staff
    deleted it, and the next load leaves it out (``--restore-deleted`` brings it back).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of object"))
    key = models.CharField(_("fixture key"), max_length=400, help_text=_("The natural key in the fixtures, as JSON."))
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    loaded_at = models.DateTimeField(_("loaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo item")
        verbose_name_plural = _("demo items")
        constraints = [
            # load_demo looks every fixture row up by its key: one record per row.
            models.UniqueConstraint(fields=["content_type", "key"], name="demoitem_unique_key"),
        ]

    def __str__(self):
        return f"{self.content_type.app_label}.{self.content_type.model} {self.key}"
