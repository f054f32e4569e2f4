"""Keep the search index in step with every save and delete, raw saves included.

bulk_create and QuerySet.update() send no signals: bulk loaders call
``search_index.rebuild()`` (generate_demo_data does).
"""

from django.db.models.signals import post_delete, post_save

from search import index as search_index


def index_saved(sender, instance, update_fields=None, **kwargs):
    search_index.index_object(instance, update_fields=update_fields)


def index_deleted(sender, instance, **kwargs):
    search_index.forget_object(instance)


# Every kind the index holds (search.index.SOURCES), so that a new kind is followed as soon as it is indexed.
for _model in search_index.SOURCES:
    _label = _model._meta.label
    post_save.connect(index_saved, sender=_model, dispatch_uid=f"search.index.saved.{_label}")
    post_delete.connect(index_deleted, sender=_model, dispatch_uid=f"search.index.deleted.{_label}")
