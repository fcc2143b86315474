from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from tracking.desk import DeskMenuItem
from tracking.models import DeskMember, StatusWording, WorkingDayAdjustment


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [path("ho-so/", include("tracking.desk_urls", namespace="tracking_desk"))]


@hooks.register("register_admin_menu_item")
def register_desk_menu_item():
    return DeskMenuItem(
        _("Hồ sơ"), reverse("tracking_desk:queue"), icon_name="folder-open-inverse", order=150
    )


@hooks.register("register_admin_menu_item")
def register_desk_dashboard_menu_item():
    return DeskMenuItem(
        _("Tình hình xử lý hồ sơ"), reverse("tracking_desk:dashboard"), icon_name="table", order=151
    )


class StatusWordingViewSet(SnippetViewSet):
    model = StatusWording
    icon = "info-circle"
    menu_label = _("Lời mô tả trạng thái hồ sơ")
    add_to_settings_menu = True
    list_display = ["state", "description"]


class DeskMemberViewSet(SnippetViewSet):
    model = DeskMember
    icon = "user"
    menu_label = _("Cán bộ xử lý hồ sơ")
    add_to_settings_menu = True
    list_display = ["user", "all_units"]


register_snippet(StatusWordingViewSet)
register_snippet(DeskMemberViewSet)


class WorkingDayAdjustmentViewSet(SnippetViewSet):
    model = WorkingDayAdjustment
    icon = "date"
    menu_label = _("Ngày nghỉ, ngày làm bù")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    ordering = ["-date"]


register_snippet(WorkingDayAdjustmentViewSet)
