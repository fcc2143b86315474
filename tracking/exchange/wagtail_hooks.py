from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from tracking.desk import DeskMenuItem


@hooks.register("register_admin_urls")
def register_exchange_desk_urls():
    return [path("lien-thong/", include("tracking.exchange.desk_urls", namespace="exchange_desk"))]


@hooks.register("register_admin_menu_item")
def register_exchange_menu_item():
    return DeskMenuItem(
        _("Liên thông văn bản"), reverse("exchange_desk:overview"), icon_name="mail", order=152
    )
