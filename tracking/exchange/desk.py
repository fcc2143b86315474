"""The exchange on the back-office desk: raw packages and the re-send button.

Staff see the messages of the applications they may see on the desk
(`tracking.selectors.applications_for_staff`), nothing else.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.admin_views import TitleHeaderMixin
from tracking import operations as tracking_operations
from tracking import selectors as tracking_selectors
from tracking import signals
from tracking.constants import ACT_ON_APPLICATIONS, VIEW_APPLICATIONS
from tracking.desk import DeskPermissionMixin
from tracking.exchange import operations, selectors
from tracking.exchange.models import ExchangeMessage, InboundPackage


def _visible_message(user, pk):
    if not user.has_perm(VIEW_APPLICATIONS):
        raise PermissionDenied
    return get_object_or_404(
        ExchangeMessage.objects.filter(
            application__in=tracking_selectors.applications_for_staff(user)
        ),
        pk=pk,
    )


def _xml_response(content: bytes, name: str):
    # As plain text: a package is untrusted input, and a browser rendering XML
    # would run the scripts of an XHTML payload in the admin's origin.
    response = HttpResponse(bytes(content), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


class OverviewView(DeskPermissionMixin, TitleHeaderMixin, WagtailAdminTemplateMixin, TemplateView):
    """Outbox health, the hand-offs that need attention and the refused inbound packages."""

    template_name = "exchange/desk/overview.html"
    page_title = _("Liên thông văn bản")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        visible = ExchangeMessage.objects.filter(
            application__in=tracking_selectors.applications_for_staff(user)
        )
        context.update(
            health=selectors.outbox_health(messages=visible),
            attention=selectors.messages_needing_attention(messages=visible)[:100],
            # Refused packages belong to no application: only superusers see them.
            refused=selectors.refused_inbound()[:100] if user.is_superuser else None,
        )
        return context


class PackageView(View):
    """The signed package as it was (or will be) sent."""

    def get(self, request, pk):
        message = _visible_message(request.user, pk)
        if not message.package:
            raise Http404
        # The package carries the applicant's answers and files: the reading is logged.
        signals.personal_data_viewed.send(
            sender=ExchangeMessage,
            application=message.application,
            actor=request.user,
            resource="exchange_package",
            data={"message_id": message.pk, "document_id": message.document_id},
        )
        return _xml_response(message.package, f"goi-tin-{message.pk}.xml")


class InboundView(View):
    """A status package as it arrived."""

    def get(self, request, pk):
        if not request.user.has_perm(VIEW_APPLICATIONS):
            raise PermissionDenied
        packages = InboundPackage.objects.filter(
            message__application__in=tracking_selectors.applications_for_staff(request.user)
        )
        if request.user.is_superuser:
            packages = InboundPackage.objects.all()
        package = get_object_or_404(packages.select_related("message__application"), pk=pk)
        if package.message is not None:
            # A status package may name the applicant in its description.
            signals.personal_data_viewed.send(
                sender=InboundPackage,
                application=package.message.application,
                actor=request.user,
                resource="exchange_status_package",
                data={"inbound_id": package.pk, "message_id": package.message_id},
            )
        return _xml_response(package.raw, f"trang-thai-{package.pk}.xml")


class RetryView(View):
    """Re-send a message that failed or was refused."""

    def post(self, request, pk):
        if not request.user.has_perm(ACT_ON_APPLICATIONS):
            raise PermissionDenied
        message = _visible_message(request.user, pk)
        try:
            operations.retry_message(message=message)
        except tracking_operations.TrackingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Đã đưa gói tin %(id)s vào hàng đợi gửi lại.") % {"id": message}
            )
        return redirect("tracking_desk:detail", pk=message.application_id)
