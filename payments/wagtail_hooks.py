from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from payments.admin_views import ReconciliationView
from tracking.desk import DeskMenuItem


@hooks.register("register_admin_urls")
def register_payment_urls():
    return [
        path(
            "thanh-toan/doi-soat/",
            ReconciliationView.as_view(),
            name="payments_reconciliation",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_reconciliation_menu_item():
    return DeskMenuItem(
        _("Đối soát thanh toán"),
        reverse("payments_reconciliation"),
        icon_name="list-ul",
        order=152,
    )
