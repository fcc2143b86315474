"""`manage.py purge_form_drafts`: delete expired drafts with their files."""

from django.core.management.base import BaseCommand

from forms import operations


class Command(BaseCommand):
    help = "Xóa các hồ sơ đang soạn đã hết hạn cùng tệp đính kèm."

    def handle(self, *args, **options):
        count = operations.purge_expired_drafts()
        if options["verbosity"]:
            self.stdout.write(f"Đã xóa {count} hồ sơ đang soạn hết hạn.")
