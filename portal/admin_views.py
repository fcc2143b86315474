"""Custom admin views of the CMS site."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.admin_views import TitleHeaderMixin
from portal.selectors import mandated_information_status, stale_after_days


class MandatedInformationReportView(TitleHeaderMixin, WagtailAdminTemplateMixin, TemplateView):
    """Which mandated sections are missing or have not been updated for too long."""

    template_name = "portal/admin/mandated_information_report.html"
    page_title = _("Thông tin bắt buộc phải công khai")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = mandated_information_status()
        context["statuses"] = statuses
        context["stale_after_days"] = stale_after_days()
        context["problem_count"] = sum(1 for s in statuses if s.is_missing or s.is_stale)
        return context
