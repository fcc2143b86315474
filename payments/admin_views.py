"""Payments in the Wagtail admin: the reconciliation report ("đối soát thanh toán")."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from payments.models import Payment
from payments.selectors import payment_mismatches

RECENT = 100


class ReconciliationView(WagtailAdminTemplateMixin, TemplateView):
    """What `manage.py reconcile_payments` lists, and the latest payments."""

    template_name = "payments/admin/reconciliation.html"
    page_title = _("Đối soát thanh toán")
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("tracking.view_application"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mismatches"] = payment_mismatches()
        context["payments"] = Payment.objects.select_related("application")[:RECENT]
        return context
