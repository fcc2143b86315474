"""`manage.py export_form <slug> [-o file]`: a form definition as JSON."""

import json

from django.core.management.base import BaseCommand, CommandError

from forms import operations
from forms.models import FormDefinition


class Command(BaseCommand):
    help = "Xuất một biểu mẫu trực tuyến ra JSON."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("-o", "--output", help="tệp đích (mặc định: stdout)")

    def handle(self, *args, slug, output=None, **options):
        definition = FormDefinition.objects.filter(slug=slug).first()
        if definition is None:
            raise CommandError(f"Không có biểu mẫu “{slug}”.")
        text = json.dumps(operations.export_definition(definition), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        else:
            self.stdout.write(text)
