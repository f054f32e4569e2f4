"""Where generated rows go: the database, or nowhere (a dry run)."""

from collections import Counter

from django.db import reset_queries


class DatabaseSink:
    writes = True

    def __init__(self, batch_size):
        self.batch_size = batch_size
        self.created = Counter()

    def create(self, model, objects):
        if not objects:
            return objects
        model.objects.bulk_create(objects, batch_size=self.batch_size)
        if objects[0].pk is None and hasattr(objects[0], "slug"):
            # A backend that cannot return ids from a bulk insert: look them up.
            ids = dict(model.objects.filter(slug__in=[o.slug for o in objects]).values_list("slug", "pk"))
            for obj in objects:
                obj.pk = ids[obj.slug]
        self.created[model._meta.label] += len(objects)
        # With DEBUG on, Django keeps thousands of statements, each holding a batch's worth of bodies.
        reset_queries()
        return objects

    def update(self, model, objects, fields):
        model.objects.bulk_update(objects, fields, batch_size=self.batch_size)
        reset_queries()


class DrySink:
    """Counts what would be written and hands out made-up ids; touches no table."""

    writes = False

    def __init__(self, batch_size):
        self.batch_size = batch_size
        self.created = Counter()

    def create(self, model, objects):
        label = model._meta.label
        for obj in objects:
            self.created[label] += 1
            obj.pk = self.created[label]
        return objects

    def update(self, model, objects, fields):
        pass


class Buffer:
    """Rows of one model, written whenever a batch is full."""

    def __init__(self, sink, model, size):
        self.sink, self.model, self.size, self.rows = sink, model, size, []

    def add(self, row):
        self.rows.append(row)
        if len(self.rows) >= self.size:
            self.flush()

    def flush(self):
        self.sink.create(self.model, self.rows)
        self.rows = []
