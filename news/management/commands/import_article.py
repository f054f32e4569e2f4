from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content import history
from news import importer


class Command(BaseCommand):
    help = (
        "Import saved news pages as draft articles. Reads HTML with a front-matter header, or plain text "
        "with source and date lines or a headline at the top; keeps the headline, outlet, original "
        "address and date, byline and the body as paragraphs and subheadings, drops the page's "
        "boilerplate and converts Traditional Chinese to Simplified. A page that is already an article "
        "(same original address, or same headline and date) is refused unless --update is given. "
        "All files are imported in one transaction: if one is refused, none is imported. Each article "
        "imported gets a version in its history, saying where it came from."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A saved news page (.html, .htm, .txt, .md).")
        parser.add_argument(
            "--update",
            action="store_true",
            help="Replace the text of an article the page already is (status, slug, tags and links are kept).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and check everything, write nothing.")

    def handle(self, paths, update, dry_run, **options):
        results = []
        try:
            with transaction.atomic():
                for path in paths:
                    doc = importer.read_document(path)
                    # A version of the article, "Imported from <the original address>" (else the file).
                    source = doc.source_url or str(path)
                    with history.recording(comment=history.comment(history.IMPORTED, source=source)):
                        article, created = importer.save_document(doc, update=update)
                    results.append((path, doc, article, created))
                if dry_run:
                    transaction.set_rollback(True)
        except importer.ImportRefused as refused:
            raise CommandError(f"{refused} Nothing was imported.") from None

        for path, doc, article, created in results:
            if dry_run:
                verb = "Would create draft" if created else "Would update"
            else:
                verb = "Created draft" if created else "Updated"
            self.stdout.write(
                f"{verb} article “{article.title}” (slug {article.slug}) from {path}: {importer.describe(doc)}."
            )
        summary = f"{len(results)} document{'s' if len(results) != 1 else ''} read"
        if dry_run:
            self.stdout.write(self.style.WARNING(f"{summary}; dry run: nothing was written."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{summary}; all imported as drafts or updates. Review and publish them in the admin."
                )
            )
