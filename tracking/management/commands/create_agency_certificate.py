"""Create the agency's self-signed development signing certificate."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tracking.signing import CertificateExists, create_agency_certificate, development_subject


class Command(BaseCommand):
    help = (
        "Create a self-signed development certificate for the agency at "
        "AGENCY_CERTIFICATE_PATH (does nothing if it exists, unless --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Replace an existing file.")
        parser.add_argument("--path", help="Where to write it (default AGENCY_CERTIFICATE_PATH).")

    def handle(self, *args, force=False, path=None, **options):
        path = Path(path or settings.AGENCY_CERTIFICATE_PATH)
        if not settings.AGENCY_CERTIFICATE_AUTOCREATE and not force:
            raise CommandError(
                "Development certificates are not for production: install the agency's "
                "certificate, or pass --force if you really mean it."
            )
        common_name, organization = development_subject()
        try:
            create_agency_certificate(
                path,
                common_name=common_name,
                organization=organization,
                password=settings.AGENCY_CERTIFICATE_PASSWORD,
                force=force,
            )
        except CertificateExists:
            self.stdout.write(f"{path} exists; nothing to do (--force replaces it).")
            return
        self.stdout.write(
            self.style.SUCCESS(f"Created a development certificate for {common_name} at {path}.")
        )
