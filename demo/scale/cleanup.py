"""Finding and removing generated content, and the planner statistics after a bulk load."""

import time
from collections import Counter
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import Exists, OuterRef
from taggit.models import Tag, TaggedItem

from content.models import SlugRedirect
from demo.scale.plan import SLUG_PATTERNS
from demo.scale.vocabulary import VOCABULARY
from news.models import Article, TaggedArticle
from parks.models import Enterprise, EnterpriseFigure, Park, ParkFigure, TaggedEnterprise, TaggedPark


def generated(model):
    """The rows of ``model`` this module made: matched by slug pattern, nothing else."""
    return model._default_manager.filter(slug__regex=SLUG_PATTERNS[model])


def generated_counts():
    return {model: generated(model).count() for model in (Article, Enterprise, Park)}


def delete_generated(progress=None):
    """Delete generated articles, enterprises and parks with their tags, links and
    figures, then the vocabulary tags nothing uses any more. Returns a Counter."""
    progress = progress or (lambda *args: None)
    deleted = Counter()
    started = time.monotonic()
    for model, name in ((Article, "articles"), (Enterprise, "enterprises"), (Park, "parks")):
        count = generated(model).count()
        SlugRedirect.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=generated(model).values("pk")
        ).delete()
        _delete_with_dependents(generated(model), deleted)
        progress(name, count, count, time.monotonic() - started)
    used = [
        Exists(through.objects.filter(tag=OuterRef("pk")))
        for through in (TaggedArticle, TaggedPark, TaggedEnterprise, TaggedItem)
    ]
    unused = Tag.objects.filter(name__in=VOCABULARY).exclude(reduce(or_, used))
    _delete_with_dependents(Tag.objects.filter(pk__in=list(unused.values_list("pk", flat=True))), deleted)
    return deleted


def _delete_with_dependents(queryset, deleted):
    """Delete the rows of ``queryset`` and what depends on them, following each
    foreign key's ``on_delete`` as Django's deletion collector does, but with one
    statement per table: no row is loaded and no signal is sent.

    ``QuerySet.delete()`` loads every row it removes and, because the page cache
    listens to ``post_delete`` for every model, sends one signal per row: for a
    hundred thousand articles with their tags and links, about a million signals
    and as many cache calls. The command announces the change once instead.
    ``_raw_delete`` is the collector's own fast path for rows nothing depends on.
    """
    model = queryset.model
    keys = queryset.values("pk")
    for relation in model._meta.get_fields(include_hidden=True):
        # The same reverse relations the collector follows (hidden ones are the
        # many-to-many through tables).
        if not (relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)):
            continue
        fk = relation.field
        dependents = relation.related_model._base_manager.filter(**{f"{fk.name}__in": keys})
        if fk.remote_field.on_delete is models.CASCADE:
            _delete_with_dependents(dependents, deleted)
        elif fk.remote_field.on_delete is models.SET_NULL:
            dependents.update(**{fk.name: None})
        elif fk.remote_field.on_delete is not models.DO_NOTHING:
            raise RuntimeError(f"{relation.related_model._meta.label}.{fk.name}: this on_delete is not handled here")
    count = queryset._raw_delete(queryset.db)
    if count:
        deleted[model._meta.label] += count


def analyze():
    """Refresh the query planner's statistics after a bulk load.

    On PostgreSQL autovacuum would do it within minutes; a benchmark run
    straight after the load should not measure plans made for empty tables.
    SQLite keeps no statistics until ANALYZE runs, and without them it guesses
    that ``status = 'published'`` is selective: it then walks the whole list
    index in order to find an article's few related articles or enterprises.
    """
    if connection.vendor not in ("postgresql", "sqlite"):
        return False
    tables = [m._meta.db_table for m in (Article, TaggedArticle, Article.parks.through, Article.enterprises.through,
                                         Park, TaggedPark, ParkFigure, Enterprise, TaggedEnterprise, EnterpriseFigure,
                                         Enterprise.parks.through, Enterprise.qualifications.through, Tag)]  # fmt: skip
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return True
