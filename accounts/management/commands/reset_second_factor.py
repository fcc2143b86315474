"""Turn off a member of staff's second factor: a lost phone with no backup code left.

They sign in with their password alone and set up a new authenticator (at once, when
STAFF_SECOND_FACTOR_REQUIRED). Recorded in the audit log.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import second_factor


class Command(BaseCommand):
    help = "Đặt lại (tắt) xác thực hai lớp của một tài khoản cán bộ bị mất điện thoại."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        if not second_factor.remove(user, change="reset"):
            self.stdout.write(
                f"Tài khoản “{username}” chưa bật xác thực hai lớp; không có gì để đặt lại."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã đặt lại xác thực hai lớp của “{username}”: lần đăng nhập tới chỉ cần mật khẩu,"
                " rồi cài lại ứng dụng xác thực."
            )
        )
