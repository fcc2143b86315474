from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from audit.views import PERMISSION, AuditLogView, application_panel

hooks.register("tracking_desk_application_panels", application_panel)


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [path("nhat-ky-kiem-tra/", AuditLogView.as_view(), name="audit_log")]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(
        _("Nhật ký kiểm tra"), reverse("audit_log"), icon_name="history", order=155
    )


@hooks.register("register_permissions")
def register_audit_permissions():
    """Administrators give the right to read the log to a group in Wagtail's group editor."""
    return Permission.objects.filter(content_type__app_label="audit", codename="view_auditentry")
