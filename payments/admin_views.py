"""Payments in the Wagtail admin: the reconciliation report ("đối soát thanh toán")."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.admin_views import TitleHeaderMixin
from payments.models import Payment
from payments.selectors import payment_mismatches
from tracking.desk import DeskPermissionMixin
from tracking.selectors import applications_for_staff

RECENT = 100


class ReconciliationView(
    DeskPermissionMixin, TitleHeaderMixin, WagtailAdminTemplateMixin, TemplateView
):
    """What `manage.py reconcile_payments` lists, and the latest payments, of the
    applications the staff member sees on the desk (their units', or all)."""

    template_name = "payments/admin/reconciliation.html"
    page_title = _("Đối soát thanh toán")
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = applications_for_staff(self.request.user)
        mismatches = payment_mismatches()
        shown = set(
            visible.filter(pk__in={m.payment.application_id for m in mismatches}).values_list(
                "pk", flat=True
            )
        )
        context["mismatches"] = [m for m in mismatches if m.payment.application_id in shown]
        context["payments"] = Payment.objects.select_related("application").filter(
            application__in=visible
        )[:RECENT]
        return context
