"""`manage.py import_form <file> [--publish]`: create or update a definition from JSON."""

import json

from django.core.management.base import BaseCommand, CommandError

from forms import operations


class Command(BaseCommand):
    help = "Nhập (tạo hoặc cập nhật theo đường dẫn) một biểu mẫu trực tuyến từ JSON."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--publish", action="store_true", help="xuất bản phiên bản mới")

    def handle(self, *args, path, publish=False, **options):
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            definition = operations.import_definition(data, publish=publish)
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(str(error)) from error
        except operations.FormsError as error:
            raise CommandError(str(error.message)) from error
        if options["verbosity"]:
            self.stdout.write(f"Đã nhập biểu mẫu “{definition.title}” ({definition.slug}).")
