"""`manage.py import_procedures FILE [--format json|csv]`."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from services import interchange
from services.operations import ProcedureImportRejected, import_procedures


class Command(BaseCommand):
    help = (
        "Nhập thủ tục hành chính từ tệp JSON hoặc CSV theo tên trường của Cơ sở dữ liệu quốc gia "
        "về thủ tục hành chính. Thủ tục trùng mã (MaTTHC) được cập nhật, thủ tục mới được tạo và "
        "xuất bản. Nếu có dòng sai, không ghi gì và liệt kê lỗi theo dòng, trường. Các trường:\n"
        + interchange.__doc__.split("\n\n", 1)[1]
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        from argparse import RawDescriptionHelpFormatter

        kwargs["formatter_class"] = RawDescriptionHelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .json hoặc .csv")
        parser.add_argument("--format", choices=interchange.FORMATS, default=None)

    def handle(self, *args, **options):
        fmt = options["format"] or interchange.format_for(options["file"])
        if fmt is None:
            raise CommandError(
                _("Không nhận ra định dạng tệp; dùng --format json hoặc --format csv.")
            )
        with open(options["file"], "rb") as source:
            data = source.read()
        try:
            rows = interchange.loads(data, fmt)
            result = import_procedures(rows=rows)
        except interchange.UnreadableFile as error:
            raise CommandError(
                _("Không đọc được tệp %(format)s.") % {"format": fmt.upper()}
            ) from error
        except ProcedureImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("Không nhập: %(count)s lỗi. Chưa có thay đổi nào được ghi.")
                % {"count": len(rejected.errors)}
            ) from rejected
        for procedure in result.created:
            self.stdout.write(_("Tạo mới: %s") % f"{procedure.code} {procedure.title}")
        for procedure in result.updated:
            self.stdout.write(_("Cập nhật: %s") % f"{procedure.code} {procedure.title}")
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã nhập %(created)s thủ tục mới, cập nhật %(updated)s thủ tục.")
                % {"created": len(result.created), "updated": len(result.updated)}
            )
        )
