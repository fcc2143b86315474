from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from national.catalogue_admin import CatalogueImportViewSet
from national.desk import application_panel
from tracking.constants import VIEW_APPLICATIONS


@hooks.register("register_admin_urls")
def register_national_desk_urls():
    return [path("dvcqg/", include("national.desk_urls", namespace="national_desk"))]


class NationalMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_APPLICATIONS)


@hooks.register("register_admin_menu_item")
def register_national_menu_item():
    return NationalMenuItem(
        _("Cổng DVC quốc gia"), reverse("national_desk:overview"), icon_name="globe", order=153
    )


hooks.register("tracking_desk_application_panels", application_panel)


@hooks.register("register_admin_viewset")
def register_catalogue_imports():
    return CatalogueImportViewSet("nhap-danh-muc-quoc-gia")
