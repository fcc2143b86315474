from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import AgencyUnit

from .admin_views import ProcedureImportView, can_manage_catalogue, export_view
from .models import Procedure, Sector


class AgencyUnitViewSet(SnippetViewSet):
    model = AgencyUnit
    icon = "group"
    menu_label = _("Đơn vị")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "identifier_code", "email", "phone"]
    search_fields = ["name", "identifier_code"]


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "folder-open-inverse"
    menu_label = _("Lĩnh vực")
    menu_order = 211
    add_to_admin_menu = True
    list_display = ["name", "code", "name_en"]
    search_fields = ["name", "code"]


register_snippet(AgencyUnitViewSet)
register_snippet(SectorViewSet)


class ProcedureFilterSet(PageFilterSet):
    class Meta:
        model = Procedure
        fields = ["sector", "service_level", "receiving_unit", "locale"]


class ProcedureListingViewSet(PageListingViewSet):
    """Every procedure in one flat list, filtered by sector, level and receiving unit."""

    model = Procedure
    icon = "list-ul"
    menu_label = _("Thủ tục hành chính")
    menu_order = 205
    add_to_admin_menu = True
    filterset_class = ProcedureFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("code", label=_("Mã thủ tục"), sort_key="code"),
        Column("service_level", label=_("Mức độ"), sort_key="service_level"),
    ]


@hooks.register("register_admin_viewset")
def register_procedure_listing():
    return ProcedureListingViewSet("procedures")


@hooks.register("register_admin_urls")
def register_catalogue_urls():
    return [
        path(
            "thu-tuc/nhap-xuat/", ProcedureImportView.as_view(), name="services_import_procedures"
        ),
        path(
            "thu-tuc/xuat/<str:fmt>/",
            export_view,
            name="services_export_procedures",
        ),
    ]


class CatalogueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_catalogue(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return CatalogueMenuItem(
        _("Nhập, xuất thủ tục"),
        reverse("services_import_procedures"),
        icon_name="download",
        order=212,
    )
