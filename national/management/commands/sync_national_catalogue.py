"""`manage.py sync_national_catalogue [--code MATTHC ...] [--file PATH] [--unit CODE]`."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from national import catalogue


class Command(BaseCommand):
    help = (
        "Cập nhật thủ tục hành chính của cổng từ Cơ sở dữ liệu quốc gia về thủ tục hành chính "
        "(dịch vụ LayDanhSachTTHC, LayThuTuc của Cổng Dịch vụ công quốc gia), hoặc từ một tệp "
        "bản ghi của CSDL quốc gia (JSON, CSV). Chỉ lấy các thủ tục đã có trên cổng và các mã "
        "ghi bằng --code. Chỉ ghi đè phần CSDL quốc gia quản lý (tên, lĩnh vực, trình tự, thành "
        "phần hồ sơ, phí, lệ phí, thời hạn, cách thức, điều kiện, kết quả, căn cứ pháp lý); giữ "
        "biểu mẫu trực tuyến, mức độ, các ghi chú và giấy tờ, bước biên tập viên thêm tại cổng. "
        "In báo cáo các thay đổi."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--code",
            action="append",
            default=[],
            metavar="MATTHC",
            help="Lấy thêm thủ tục có mã này (chưa có trên cổng); dùng nhiều lần được.",
        )
        parser.add_argument(
            "--file",
            metavar="PATH",
            help="Nhập từ tệp JSON hoặc CSV bản ghi của CSDL quốc gia thay vì kết nối.",
        )
        parser.add_argument(
            "--unit",
            default="",
            metavar="MA_DINH_DANH",
            help=(
                "Đơn vị tiếp nhận cho thủ tục mới khi cơ quan thực hiện trên CSDL quốc gia "
                "không phải đơn vị của cơ quan (mặc định: NATIONAL_CATALOGUE_UNIT)."
            ),
        )

    def handle(self, *args, **options):
        if options["file"] and options["code"]:
            raise CommandError(_("Dùng --file hoặc --code, không dùng cả hai."))
        try:
            if options["file"]:
                run = catalogue.import_file(options["file"], default_unit=options["unit"])
            else:
                run = catalogue.sync_catalogue(codes=options["code"], default_unit=options["unit"])
        except catalogue.CatalogueSyncError as error:
            raise CommandError(str(error)) from error
        *lines, summary = catalogue.report_lines(run)
        for line in lines:
            self.stdout.write(line)
        if run.error:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
