"""Payment pages: the applicant's "pay" button, the provider's return and IPN, the sandbox."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.http import client_ip, private_no_store
from payments import operations
from payments.constants import PaymentState
from payments.models import Payment
from payments.providers import SANDBOX, UnknownProvider, get_provider
from payments.providers.sandbox import SandboxProvider
from tracking.links import application_for_token

RETURN_SESSION_KEY = "payments.return_tokens"


def _provider_or_404(name):
    try:
        return get_provider(name)
    except UnknownProvider:
        raise Http404 from None


@require_POST
@private_no_store
def pay(request, token):
    """Start paying the fee of the application the signed link opens."""
    application = application_for_token(token)
    if application is None:
        raise Http404
    try:
        payment, url = operations.start_payment(
            application=application,
            client_ip=client_ip(request),
            language=translation.get_language(),
        )
    except operations.PaymentError as error:
        messages.error(request, error.message)
        return redirect("tracking:detail", token=token)
    # The return page may lead back to the applicant's page only in this browser.
    tokens = request.session.get(RETURN_SESSION_KEY, {})
    tokens[payment.order_ref] = token
    request.session[RETURN_SESSION_KEY] = tokens
    return HttpResponseRedirect(url)


@require_GET
@private_no_store
def payment_return(request, provider):
    """Where the provider sends the applicant back. It shows, it does not settle:
    only the IPN (or the sandbox's confirmation) changes a payment."""
    provider = _provider_or_404(provider)
    params = request.GET.dict()
    if not provider.is_authentic(params):
        return render(request, "payments/return.html", {"invalid": True}, status=400)
    reply = provider.read_reply(params)
    payment = Payment.objects.filter(order_ref=reply.order_ref, provider=provider.name).first()
    if payment is None:
        raise Http404
    token = request.session.get(RETURN_SESSION_KEY, {}).get(payment.order_ref)
    if token:
        if payment.state == PaymentState.PAID:
            messages.success(request, _("Thanh toán thành công. Biên lai điện tử đã được cấp."))
        elif reply.succeeded:
            messages.info(request, _("Cổng thanh toán báo thành công; hệ thống đang chờ xác nhận."))
        else:
            messages.error(request, _("Thanh toán không thành công hoặc đã bị hủy."))
        return redirect("tracking:detail", token=token)
    return render(request, "payments/return.html", {"payment": payment, "reply": reply})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def ipn(request, provider):
    """Instant payment notification, called by the provider's server (VNPay: GET)."""
    provider = _provider_or_404(provider)
    params = request.GET.dict() if request.method == "GET" else request.POST.dict()
    result = operations.handle_notification(provider=provider, params=params)
    return JsonResponse({"RspCode": result.value, "Message": result.label})


@private_no_store
def sandbox(request):
    """The sandbox gateway's page: check the signed request, then pay or cancel.

    It exists only while the sandbox is the configured provider.
    """
    if settings.PAYMENT_PROVIDER != SANDBOX:
        raise Http404
    provider = SandboxProvider.from_settings()
    params = (request.GET if request.method == "GET" else request.POST).dict()
    choice = params.pop("choice", "")
    params.pop("csrfmiddlewaretoken", None)
    if not provider.is_authentic(params):
        raise PermissionDenied
    payment = Payment.objects.filter(order_ref=params.get("vnp_TxnRef")).first()
    if payment is None:
        raise Http404
    if request.method != "POST":
        return render(
            request,
            "payments/sandbox.html",
            {"payment": payment, "params": params, "amount": int(params["vnp_Amount"]) // 100},
        )
    reply = provider.reply_for(payment, paid=choice == "pay")
    operations.handle_notification(provider=provider, params=reply)
    return HttpResponseRedirect(params["vnp_ReturnUrl"] + "?" + urlencode(reply))
