"""Generate synthetic content at benchmark scale (the logic lives in demo/scale/).

Why one transaction: the generated set only makes sense whole (figures cite
articles, links point at parks and enterprises), a failure half-way must not
leave a partial set that the next run refuses to overwrite, and on SQLite one
transaction is also by far the fastest way to insert. PostgreSQL holds a
transaction of this size (a few hundred MB of rows) without trouble; the rows
stay invisible to other connections until the end, which is what a benchmark
wants anyway. How long a full-size run takes: bench/README.md.
"""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from content.caching import content_changed
from demo.scale.cleanup import analyze, delete_generated, generated_counts
from demo.scale.generator import Generator
from demo.scale.plan import LIMITS, Plan
from demo.scale.sinks import DatabaseSink, DrySink
from news.models import Article
from parks.models import Enterprise, Park
from search import index as search_index

NAMES = {Article: "articles", Park: "parks", Enterprise: "enterprises"}
LABELS = [
    ("taggit.Tag", "new tags"),
    ("parks.Park", "parks"),
    ("parks with an operator", "parks with an operator"),
    ("parks.TaggedPark", "park tags"),
    ("parks.Enterprise", "enterprises"),
    ("parks.Enterprise_parks", "enterprise–park links"),
    ("parks.Enterprise_qualifications", "qualifications held"),
    ("parks.TaggedEnterprise", "enterprise tags"),
    ("news.Article", "articles"),
    ("news.TaggedArticle", "article tags"),
    ("news.Article_parks", "article–park links"),
    ("news.Article_enterprises", "article–enterprise links"),
    ("parks.ParkFigure", "park figures"),
    ("parks.EnterpriseFigure", "enterprise figures"),
]


class Command(BaseCommand):
    help = (
        "Fill the database with synthetic content for benchmarks (not the demo: see load_demo): "
        "articles, parks and enterprises with plausible Chinese text, a shared vocabulary of about "
        "50 tags, links, qualifications and figures, written with bulk inserts in one transaction. "
        "Generated objects have slugs like scale-article-000001 and nothing else is touched; "
        "--delete removes them again. Full benchmark size (the defaults): "
        "--articles 100000 --parks 500 --enterprises 20000."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000, help="Number of articles (default 100000).")
        parser.add_argument("--parks", type=int, default=500, help="Number of parks (default 500).")
        parser.add_argument("--enterprises", type=int, default=20_000, help="Number of enterprises (default 20000).")
        parser.add_argument(
            "--seed", type=int, help="Seed for the random choices: the same seed gives the same content."
        )
        parser.add_argument("--batch-size", type=int, default=1000, help="Objects per bulk insert (default 1000).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Generate everything in memory and report the counts; write nothing."
        )
        parser.add_argument(
            "--delete", action="store_true", help="Remove previously generated content (and only that), then stop."
        )

    def handle(self, articles, parks, enterprises, seed, batch_size, dry_run, delete, verbosity, **options):
        self.verbosity = verbosity
        if delete:
            return self.delete(dry_run)
        counts = {"articles": articles, "parks": parks, "enterprises": enterprises}
        for name, value in counts.items():
            if value < 0:
                raise CommandError(f"--{name} must be 0 or more, not {value}.")
            if value > LIMITS[name]:
                raise CommandError(f"--{name} can be at most {LIMITS[name]:,}, not {value:,}.")
        if not any(counts.values()):
            raise CommandError(
                "Nothing to generate: give at least one of --articles, --parks, --enterprises a positive count."
            )
        if batch_size < 1:
            raise CommandError(f"--batch-size must be 1 or more, not {batch_size}.")
        if seed is not None and seed < 0:
            raise CommandError(f"--seed must be 0 or more, not {seed}.")
        existing = {model: n for model, n in generated_counts().items() if n}
        if existing:
            listing = ", ".join(f"{n} {NAMES[model]}" for model, n in existing.items())
            raise CommandError(
                f"Generated content is already in the database ({listing}). "
                "Run `manage.py generate_demo_data --delete` first."
            )
        if seed is None:
            seed = random.SystemRandom().randrange(1_000_000)
        plan = Plan(seed=seed, batch_size=batch_size, **counts)
        self.say(
            f"{'Dry run: ' if dry_run else ''}generating {articles} articles, {parks} parks and "
            f"{enterprises} enterprises (seed {seed}; --seed {seed} gives the same content again)."
        )

        started = time.monotonic()
        sink = DrySink(batch_size) if dry_run else DatabaseSink(batch_size)
        generator = Generator(plan, sink, progress=self.progress)
        try:
            if dry_run:
                created = generator.run()
            else:
                with transaction.atomic():
                    created = generator.run()
                    # bulk_create sends no signals: index the new content in the same transaction.
                    self.index()
        except DatabaseError as error:
            raise CommandError(f"The database refused the generated data, nothing was written: {error}") from error
        elapsed = time.monotonic() - started

        verb = "Would create" if dry_run else "Created"
        self.stdout.write(f"{verb}:")
        for key, label in LABELS:
            if created.get(key):
                self.stdout.write(f"  {created[key]:>9,}  {label}")
        if dry_run:
            self.stdout.write(self.style.WARNING(f"Dry run: nothing was written ({elapsed:.1f} s)."))
            return
        # bulk_create sends no signals: tell the page cache once that content changed.
        content_changed()
        if analyze():
            self.say("Refreshed the query planner's statistics (ANALYZE) for the tables filled.")
        self.stdout.write(
            self.style.SUCCESS(f"Generated content written in {time.monotonic() - started:.1f} s (seed {seed}).")
        )
        if parks:
            flagship = Park.objects.get(slug="scale-park-0001")
            self.say(
                f"The park with {flagship.enterprises.count()} enterprises for the benchmark: /parks/{flagship.slug}/"
            )

    def delete(self, dry_run):
        counts = generated_counts()
        listing = ", ".join(f"{counts[model]} {name}" for model, name in NAMES.items())
        if dry_run:
            self.stdout.write(f"Would delete {listing}, with their tags, links and figures.")
            self.stdout.write(self.style.WARNING("Dry run: nothing was deleted."))
            return
        if not any(counts.values()):
            self.stdout.write("There is no generated content to delete.")
            return
        started = time.monotonic()
        with transaction.atomic():
            deleted = delete_generated(progress=self.progress)
            self.index()
        content_changed()  # the deletion sent no signals either
        tags = deleted.get("taggit.Tag", 0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {listing}, with their tags, links and figures, and {tags} unused "
                f"vocabulary tags ({time.monotonic() - started:.1f} s)."
            )
        )

    def index(self):
        started = time.monotonic()
        counts = search_index.rebuild(offline=True)
        self.say(f"  search index {sum(counts.values()):>9,} entries       {time.monotonic() - started:7.1f} s")

    def say(self, message):
        if self.verbosity:
            self.stdout.write(message)

    def progress(self, phase, done, total, elapsed):
        if self.verbosity:
            self.stdout.write(f"  {phase:<12} {done:>9,} / {total:<9,} {elapsed:7.1f} s")
            self.stdout.flush()
