from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from inquiries.models import Inquiry


class Command(BaseCommand):
    help = (
        "Delete inquiries received more than INQUIRY_RETENTION_DAYS days ago: they hold personal data, "
        "which the privacy notice promises to keep no longer. Run it daily from cron (docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Keep this many days instead of the setting.")
        parser.add_argument("--dry-run", action="store_true", help="Say how many would go; delete nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.INQUIRY_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least one day.")
        cutoff = timezone.now() - timedelta(days=days)
        with transaction.atomic():
            old = Inquiry.objects.filter(created_at__lt=cutoff)
            if dry_run:
                count = old.count()
                self.stdout.write(f"{count} inquiries older than {days} days would be deleted (dry run).")
                return
            count, _ = old.delete()
        self.stdout.write(f"Deleted {count} inquiries older than {days} days.")
