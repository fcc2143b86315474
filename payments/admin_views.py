"""Payments in the Wagtail admin: the reconciliation report ("đối soát thanh toán")."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from payments.models import Payment
from payments.selectors import payment_mismatches
from tracking.desk import DeskPermissionMixin

RECENT = 100


class ReconciliationView(DeskPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """What `manage.py reconcile_payments` lists, and the latest payments."""

    template_name = "payments/admin/reconciliation.html"
    page_title = _("Đối soát thanh toán")
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mismatches"] = payment_mismatches()
        context["payments"] = Payment.objects.select_related("application")[:RECENT]
        return context
