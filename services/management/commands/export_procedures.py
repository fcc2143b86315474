"""`manage.py export_procedures [--format json|csv] [--output FILE]`."""

from django.core.management.base import BaseCommand

from services import interchange
from services.selectors import procedure_records


class Command(BaseCommand):
    help = (
        "Xuất danh mục thủ tục hành chính ra tệp JSON hoặc CSV theo tên trường của Cơ sở dữ liệu "
        "quốc gia về thủ tục hành chính. Các trường:\n" + interchange.__doc__.split("\n\n", 1)[1]
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        from argparse import RawDescriptionHelpFormatter

        kwargs["formatter_class"] = RawDescriptionHelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=interchange.FORMATS, default=None)
        parser.add_argument("--output", "-o", help="Tệp kết quả (mặc định: đầu ra chuẩn).")
        parser.add_argument("--language", default="vi", help="Ngôn ngữ của các trang (vi, en).")

    def handle(self, *args, **options):
        fmt = options["format"] or interchange.format_for(options["output"] or "") or "json"
        data = interchange.dumps(procedure_records(language_code=options["language"]), fmt)
        if options["output"]:
            with open(options["output"], "wb") as output:
                output.write(data)
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
