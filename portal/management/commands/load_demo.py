"""Load the demo agency: `manage.py load_demo`. Idempotent."""

import importlib

from django.core.management.base import BaseCommand

from core.links import absolute
from portal import demo

# Each app adds its own demo content in `<app>/demo.py` with a `load(home)` function.
APPS_WITH_DEMO = ("forms", "services", "tracking", "payments")


class Command(BaseCommand):
    help = "Load the demo agency, its content and a demo admin account (idempotent)."

    def handle(self, *args, **options):
        home = demo.load()
        hints = []
        for app in APPS_WITH_DEMO:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.demo":
                    raise
                continue
            module.load(home=home)
            if getattr(module, "LOGIN_HINT", ""):
                hints.append(module.LOGIN_HINT)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu minh họa."))
            self.stdout.write(
                f"Trang quản trị: {absolute('/admin/')}  "
                f"tài khoản: admin  mật khẩu: {demo.DEMO_ADMIN_PASSWORD}"
            )
            for hint in hints:
                self.stdout.write(hint)
