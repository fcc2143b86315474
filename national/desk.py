"""The national sync on the back-office desk: a panel per application, a dashboard of
what is pending or failed, a request as it was sent, and the re-send button.

Staff see the requests of the applications they may see on the desk
(`tracking.selectors.applications_for_staff`); the requests of no application
(daily statistics, answers) and refused inbound records only superusers see.
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core import outbox
from core.admin_views import TitleHeaderMixin
from core.outbox import NotRetryable
from national import operations, selectors
from national.models import NationalMessage
from national.transports import enabled
from tracking import signals
from tracking.constants import ACT_ON_APPLICATIONS, VIEW_APPLICATIONS
from tracking.desk import DeskPermissionMixin


def application_panel(request, application) -> str:
    """The desk's panel of one application: whether and when it was synchronised."""
    return render_to_string(
        "national/desk/_panel.html",
        {
            "application": application,
            "national_messages": selectors.messages_for_application(application),
            "received": getattr(application, "national_record", None),
            "last_sent": selectors.last_sent(application),
            "can_retry": request.user.has_perm(ACT_ON_APPLICATIONS),
            "enabled": enabled(),
        },
        request=request,
    )


class OverviewView(DeskPermissionMixin, TitleHeaderMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "national/desk/overview.html"
    page_title = _("Đồng bộ Cổng Dịch vụ công quốc gia")
    header_icon = "globe"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        visible = selectors.visible_messages(user)
        context.update(
            enabled=enabled(),
            health=outbox.health(visible),
            attention=selectors.needing_attention(visible)[:200],
            refused=selectors.refused_applications()[:100] if user.is_superuser else None,
            can_retry=user.has_perm(ACT_ON_APPLICATIONS),
        )
        return context


def _visible(user, pk):
    if not user.has_perm(VIEW_APPLICATIONS):
        raise PermissionDenied
    return get_object_or_404(selectors.visible_messages(user), pk=pk)


class MessageView(View):
    """A request as it was (or will be) sent, as plain text (it holds what others typed)."""

    def get(self, request, pk):
        message = _visible(request.user, pk)
        if message.application_id:
            # The request carries the applicant's personal data: the reading is logged.
            signals.personal_data_viewed.send(
                sender=NationalMessage,
                application=message.application,
                actor=request.user,
                resource="national_message",
                data={"message_id": message.pk, "service": message.service},
            )
        body = json.dumps(
            {"service": message.service, "key": message.key, **message.payload},
            ensure_ascii=False,
            indent=2,
        )
        response = HttpResponse(body, content_type="text/plain; charset=utf-8")
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
        response["Cache-Control"] = "no-store, private"
        return response


class ResendView(View):
    def post(self, request, pk):
        if not request.user.has_perm(ACT_ON_APPLICATIONS):
            raise PermissionDenied
        message = _visible(request.user, pk)
        try:
            operations.resend(message)
        except NotRetryable as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Đã đưa yêu cầu %(key)s vào hàng đợi gửi lại Cổng quốc gia.")
                % {"key": message.key},
            )
        if message.application_id and request.POST.get("next") == "application":
            return redirect("tracking_desk:detail", pk=message.application_id)
        return redirect("national_desk:overview")
