"""The audit log in the Wagtail admin: the access log panel on the desk's application
page, and the log itself for those who may read it (`audit.view_auditentry`)."""

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from audit import selectors
from audit.constants import AuditAction
from core.admin_views import TitleHeaderMixin
from tracking.desk import CappedPaginator

PERMISSION = "audit.view_auditentry"


def application_panel(request, application) -> str:
    """The desk's panel (`tracking_desk_application_panels`): who read this
    application's personal data and when; only for staff who may read the log."""
    if not request.user.has_perm(PERMISSION):
        return ""
    return render_to_string(
        "audit/desk_panel.html",
        {"entries": selectors.access_log(application), "application": application},
        request=request,
    )


class AuditLogView(TitleHeaderMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "audit/log.html"
    page_title = _("Nhật ký kiểm tra")
    header_icon = "history"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")[:100]
        action = self.request.GET.get("action", "")
        if action not in AuditAction.values:
            action = ""
        found = selectors.entries(query=query, action=action)
        context.update(
            entries=CappedPaginator(found, 50).get_page(self.request.GET.get("p")),
            query=query,
            action=action,
            actions=AuditAction.choices,
        )
        return context
