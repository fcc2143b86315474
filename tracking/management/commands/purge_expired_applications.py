"""`manage.py purge_expired_applications`: purge closed applications past their retention."""

from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from tracking import retention
from tracking.models import Application


class Command(BaseCommand):
    help = (
        "Xóa dữ liệu cá nhân và tệp của các hồ sơ đã kết thúc quá thời hạn lưu trữ của thủ "
        "tục (APPLICATION_RETENTION_MONTHS nếu thủ tục không đặt); giữ mã số hồ sơ và số "
        "liệu thống kê. --dry-run chỉ liệt kê."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ liệt kê các hồ sơ sẽ bị xóa dữ liệu."
        )
        parser.add_argument("--limit", type=int, default=None, help="Xóa tối đa chừng này hồ sơ.")

    def handle(self, *args, dry_run=False, limit=None, **options):
        if dry_run:
            due = retention.applications_past_retention()[:limit]
            codes = Application.objects.filter(pk__in=due).values_list("dossier_code", flat=True)
            for code in codes:
                self.stdout.write(code)
            self.stdout.write(f"{len(due)} hồ sơ đã quá thời hạn lưu trữ.")
            return
        report = retention.purge_expired_applications(limit=limit)
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã xóa dữ liệu cá nhân của {report.applications} hồ sơ "
                    f"({report.files} tệp, {filesizeformat(report.bytes)})."
                )
            )
