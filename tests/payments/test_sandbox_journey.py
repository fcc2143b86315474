"""From submission through the sandbox gateway and the desk to a result downloaded online."""

from urllib.parse import urlsplit

from payments.constants import PaymentState
from payments.models import Payment
from tests.tracking.factories import STEPS, ApplicationFactory
from tracking.constants import Action, FileKind, State
from tracking.links import detail_token


def local(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def pay_in_sandbox(client, token, choice="pay"):
    """Press "pay" on the applicant's page, then the sandbox's button; return the last response."""
    to_gateway = client.post(f"/thanh-toan/ho-so/{token}/")
    assert to_gateway.status_code == 302
    assert to_gateway["Location"].startswith("/thanh-toan-thu-nghiem/?")
    gateway = client.get(local(to_gateway["Location"]))
    assert gateway.status_code == 200
    assert "100.000 đ" in gateway.text
    fields = dict(gateway.context["params"])
    back = client.post("/thanh-toan-thu-nghiem/", {**fields, "choice": choice})
    assert back.status_code == 302
    assert back["Location"].startswith("/thanh-toan/sandbox/ket-qua/?")
    return client.get(local(back["Location"]))


def test_full_online_journey(client, awaiting_payment):
    application = awaiting_payment
    token = detail_token(application)

    page = client.get(f"/ho-so/{token}/")
    assert "Thanh toán phí, lệ phí" in page.text
    assert "100.000 đ" in page.text

    returned = pay_in_sandbox(client, token)
    assert returned.status_code == 302
    assert returned["Location"] == f"/ho-so/{token}/"
    application.refresh_from_db()
    assert application.state == State.SUBMITTED
    payment = Payment.objects.get(application=application)
    assert payment.state == PaymentState.PAID
    assert payment.provider == "sandbox"

    page = client.get(f"/ho-so/{token}/")
    assert "Thanh toán thành công" in page.text
    assert "Biên lai thu phí, lệ phí điện tử" in page.text
    receipt = client.get(f"/ho-so/{token}/tep/{payment.receipt_id}/")
    assert receipt.status_code == 200
    assert b"".join(receipt.streaming_content).startswith(b"%PDF")

    STEPS["accept"](application)
    STEPS["decide"](application)
    application.refresh_from_db()
    assert application.state == State.DECIDED
    result = application.files.get(kind=FileKind.RESULT)

    download = client.get(f"/ho-so/{token}/tep/{result.pk}/")
    assert download.status_code == 200
    application.refresh_from_db()
    assert application.state == State.DELIVERED
    delivered = application.events.get(action=Action.DELIVER)
    assert delivered.actor is None
    assert delivered.actor_label == application.applicant_name

    # A second download changes nothing.
    assert client.get(f"/ho-so/{token}/tep/{result.pk}/").status_code == 200
    assert application.events.filter(action=Action.DELIVER).count() == 1


def test_cancelled_payment_leaves_the_application_waiting(client, awaiting_payment):
    token = detail_token(awaiting_payment)
    returned = pay_in_sandbox(client, token, choice="cancel")
    assert returned.status_code == 302
    awaiting_payment.refresh_from_db()
    assert awaiting_payment.state == State.AWAITING_PAYMENT
    assert Payment.objects.get(application=awaiting_payment).state == PaymentState.FAILED
    page = client.get(f"/ho-so/{token}/")
    assert "Thanh toán không thành công" in page.text
    assert "Thanh toán trực tuyến" in page.text


def test_result_and_receipt_cannot_be_downloaded_through_another_application(
    client, awaiting_payment
):
    pay_in_sandbox(client, detail_token(awaiting_payment))
    STEPS["accept"](awaiting_payment)
    STEPS["decide"](awaiting_payment)
    receipt = awaiting_payment.files.get(field_name="payment_receipt")
    result = awaiting_payment.files.get(kind=FileKind.RESULT)
    someone_else = ApplicationFactory()
    other_token = detail_token(someone_else)
    for file in (receipt, result):
        assert client.get(f"/ho-so/{other_token}/tep/{file.pk}/").status_code == 404
        assert client.get(f"/ho-so/not-a-token/tep/{file.pk}/").status_code == 404
    awaiting_payment.refresh_from_db()
    assert awaiting_payment.state == State.DECIDED


def test_return_without_the_session_shows_the_state_only(client, awaiting_payment):
    token = detail_token(awaiting_payment)
    pay_in_sandbox(client, token)
    payment = Payment.objects.get(application=awaiting_payment)
    from payments.providers.sandbox import SandboxProvider

    reply = SandboxProvider.from_settings().reply_for(payment, paid=True)
    stranger = client.__class__()
    response = stranger.get("/thanh-toan/sandbox/ket-qua/", reply)
    assert response.status_code == 200
    assert "Đã thanh toán" in response.text
    assert token not in response.text


def test_return_with_a_forged_signature_is_refused(client, awaiting_payment):
    pay_in_sandbox(client, detail_token(awaiting_payment))
    payment = Payment.objects.get(application=awaiting_payment)
    from payments.providers.sandbox import SandboxProvider

    reply = SandboxProvider.from_settings().reply_for(payment, paid=True)
    reply["vnp_Amount"] = "1"
    assert client.get("/thanh-toan/sandbox/ket-qua/", reply).status_code == 400


def test_sandbox_page_refuses_an_unsigned_request(client, db):
    assert client.get("/thanh-toan-thu-nghiem/?vnp_TxnRef=1&vnp_Amount=100").status_code == 403


def test_pay_button_refuses_an_application_not_awaiting_payment(client, db):
    application = ApplicationFactory(accepted=True)
    token = detail_token(application)
    response = client.post(f"/thanh-toan/ho-so/{token}/", follow=True)
    assert "không ở trạng thái chờ thanh toán" in response.text
    assert not Payment.objects.filter(application=application).exists()


def test_desk_shows_the_payments_of_an_application(client, awaiting_payment, admin_user):
    from django.urls import reverse

    pay_in_sandbox(client, detail_token(awaiting_payment))
    payment = Payment.objects.get(application=awaiting_payment)
    client.force_login(admin_user)
    page = client.get(reverse("tracking_desk:detail", args=[awaiting_payment.pk]))
    assert payment.order_ref in page.text
    assert "100.000 đ" in page.text
    assert "Đã thanh toán" in page.text


def test_sandbox_page_is_gone_when_a_real_gateway_is_configured(client, db, vnpay_settings):
    assert client.get("/thanh-toan-thu-nghiem/").status_code == 404
