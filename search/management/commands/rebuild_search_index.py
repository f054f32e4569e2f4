"""Rebuild the site search index from the articles, parks, enterprises and projects in the database.

Saves and deletes keep the index up to date on their own; this is for
content written without signals (bulk_create: ``generate_demo_data``, a
restore) and for a repair. One transaction: visitors keep searching the old
index until the new one is complete.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from search import index as search_index

LABELS = {"article": "articles", "park": "parks", "enterprise": "enterprises", "project": "projects", "page": "pages"}


class Command(BaseCommand):
    help = (
        "Rebuild the search index: every article, park, enterprise, project and bureau page (drafts too: the search itself "
        "shows published ones only) is cut into index tokens again, and entries of deleted objects are "
        "dropped. Needed after bulk loads that skip signals, such as generate_demo_data. "
        "All or nothing, in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=search_index.REBUILD_BATCH,
            help=f"Objects read and entries written at a time (default {search_index.REBUILD_BATCH}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Cut everything and count it; write nothing.")

    def handle(self, batch_size, dry_run, verbosity, **options):
        if batch_size < 1:
            raise CommandError(f"--batch-size must be 1 or more, not {batch_size}.")
        started = time.monotonic()

        def progress(kind, done):
            if verbosity > 1:
                self.stdout.write(f"  {LABELS[kind]:<12} {done:>9,}  {time.monotonic() - started:7.1f} s")

        try:
            counts = search_index.rebuild(batch_size=batch_size, dry_run=dry_run, progress=progress)
        except DatabaseError as error:
            raise CommandError(f"The database refused the index, which was left as it was: {error}") from error
        listing = ", ".join(f"{counts[kind]:,} {label}" for kind, label in LABELS.items())
        elapsed = time.monotonic() - started
        if dry_run:
            self.stdout.write(f"Would index {listing}.")
            self.stdout.write(self.style.WARNING(f"Dry run: the index was not changed ({elapsed:.1f} s)."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Indexed {listing} ({elapsed:.1f} s)."))
