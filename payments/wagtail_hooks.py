from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from payments.admin_views import ReconciliationView
from tracking.constants import VIEW_APPLICATIONS


@hooks.register("register_admin_urls")
def register_payment_urls():
    return [
        path(
            "thanh-toan/doi-soat/",
            ReconciliationView.as_view(),
            name="payments_reconciliation",
        )
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_APPLICATIONS)


@hooks.register("register_admin_menu_item")
def register_reconciliation_menu_item():
    return StaffMenuItem(
        _("Đối soát thanh toán"),
        reverse("payments_reconciliation"),
        icon_name="list-ul",
        order=152,
    )
