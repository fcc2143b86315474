from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from national.catalogue_admin import CatalogueImportViewSet
from national.desk import application_panel
from tracking.desk import DeskMenuItem


@hooks.register("register_admin_urls")
def register_national_desk_urls():
    return [path("dvcqg/", include("national.desk_urls", namespace="national_desk"))]


@hooks.register("register_admin_menu_item")
def register_national_menu_item():
    return DeskMenuItem(
        _("Cổng DVC quốc gia"), reverse("national_desk:overview"), icon_name="globe", order=153
    )


hooks.register("tracking_desk_application_panels", application_panel)


@hooks.register("register_admin_viewset")
def register_catalogue_imports():
    return CatalogueImportViewSet("nhap-danh-muc-quoc-gia")
