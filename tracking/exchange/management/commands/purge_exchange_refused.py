"""`manage.py purge_exchange_refused`: delete old refused inbound status packages."""

from django.core.management.base import BaseCommand

from tracking.exchange import operations


class Command(BaseCommand):
    help = (
        "Delete refused inbound status packages older than EXCHANGE_REFUSED_RETENTION_DAYS "
        "(or --days). Packages that were recorded stay."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep refused packages this many days instead of the setting.",
        )

    def handle(self, *args, days=None, **options):
        if days is not None and days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        count = operations.purge_refused_inbound(days=days)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Deleted {count} refused status package(s)."))
