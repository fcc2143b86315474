from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from accounts import second_factor_views


@hooks.register("register_admin_urls")
def register_second_factor_urls():
    return [
        path("xac-thuc-hai-lop/", second_factor_views.ManageView.as_view(), name="second_factor"),
        path("xac-thuc-hai-lop/nhap-ma/", second_factor_views.verify, name="second_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def second_factor_account_item(request):
    return {
        "url": reverse("second_factor"),
        "label": _("Xác thực hai lớp"),
        "help_text": _("Hỏi thêm mã trong ứng dụng xác thực trên điện thoại khi đăng nhập."),
    }
