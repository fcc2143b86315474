"""The IPN endpoint: VNPay's server tells the portal how a payment went."""

import hashlib
import hmac
import io
from urllib.parse import urlencode

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pypdf import PdfReader

from payments import operations
from payments.constants import PaymentState
from payments.models import PaymentNotification
from tests.tracking.factories import ApplicationFactory
from tracking.constants import Action, State

SECRET = "TESTSECRETTESTSECRETTESTSECRET12"
IPN_URL = "/thanh-toan/vnpay/ipn/"


def signed_reply(payment, *, secret=SECRET, **changes):
    """What VNPay sends to the IPN URL, signed here without the portal's code."""
    params = {
        "vnp_Amount": str(payment.amount * 100),
        "vnp_BankCode": "NCB",
        "vnp_BankTranNo": "VNP14226112",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": f"Thanh toan phi ho so {payment.application.dossier_code}",
        "vnp_PayDate": "20261123153000",
        "vnp_ResponseCode": "00",
        "vnp_TmnCode": "TESTTMN1",
        "vnp_TransactionNo": "14226112",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": payment.order_ref,
    }
    params.update(changes)
    query = urlencode(sorted(params.items()))
    params["vnp_SecureHash"] = hmac.new(secret.encode(), query.encode(), hashlib.sha512).hexdigest()
    return params


@pytest.fixture
def payment(vnpay_settings, awaiting_payment):
    payment, _url = operations.start_payment(application=awaiting_payment, client_ip="127.0.0.1")
    return payment


def call_ipn(client, params):
    response = client.get(IPN_URL, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_good_ipn_confirms_payment_moves_application_and_issues_receipt(client, payment):
    answer = call_ipn(client, signed_reply(payment))
    assert answer == {"RspCode": "00", "Message": "Confirm Success"}
    payment.refresh_from_db()
    application = payment.application
    application.refresh_from_db()
    assert payment.state == PaymentState.PAID
    assert payment.provider_transaction_no == "14226112"
    assert application.state == State.SUBMITTED
    event = application.events.get(action=Action.PAY)
    assert event.from_state == State.AWAITING_PAYMENT
    assert event.data["amount"] == 100_000
    receipt = payment.receipt
    assert receipt.event == event
    data = receipt.file.open("rb").read()
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "BIÊN LAI" in text
    assert application.dossier_code in text
    assert "100.000" in text
    assert "Một trăm nghìn đồng" in text
    signatures = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert signatures[0].field_name == "AgencySignature"


def test_bad_signature_is_refused_and_changes_nothing(client, payment):
    params = signed_reply(payment, secret="not-the-secret")
    assert call_ipn(client, params) == {"RspCode": "97", "Message": "Invalid signature"}
    payment.refresh_from_db()
    assert payment.state == PaymentState.PENDING
    assert payment.application.state == State.AWAITING_PAYMENT
    record = PaymentNotification.objects.latest("pk")
    assert not record.signature_valid
    assert record.params["vnp_TxnRef"] == payment.order_ref


def test_tampered_amount_fails_the_signature(client, payment):
    params = signed_reply(payment)
    params["vnp_Amount"] = "100"
    assert call_ipn(client, params)["RspCode"] == "97"


def test_wrong_amount_is_refused(client, payment):
    answer = call_ipn(client, signed_reply(payment, vnp_Amount="5000000"))
    assert answer == {"RspCode": "04", "Message": "Invalid amount"}
    payment.refresh_from_db()
    assert payment.state == PaymentState.PENDING


def test_unknown_order_is_reported(client, payment):
    answer = call_ipn(client, signed_reply(payment, vnp_TxnRef="NOSUCHORDER"))
    assert answer == {"RspCode": "01", "Message": "Order not found"}


def test_duplicate_ipn_is_recorded_once(client, payment):
    params = signed_reply(payment)
    assert call_ipn(client, params)["RspCode"] == "00"
    assert call_ipn(client, params) == {"RspCode": "02", "Message": "Order already confirmed"}
    application = payment.application
    assert application.events.filter(action=Action.PAY).count() == 1
    assert application.files.filter(field_name="payment_receipt").count() == 1
    assert PaymentNotification.objects.filter(payment=payment).count() == 2


def test_failed_payment_is_confirmed_and_leaves_the_application_waiting(client, payment):
    answer = call_ipn(
        client, signed_reply(payment, vnp_ResponseCode="24", vnp_TransactionStatus="02")
    )
    assert answer["RspCode"] == "00"
    payment.refresh_from_db()
    assert payment.state == PaymentState.FAILED
    payment.application.refresh_from_db()
    assert payment.application.state == State.AWAITING_PAYMENT


def test_unexpected_error_answers_99(client, payment, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(operations, "_settle", broken)
    assert call_ipn(client, signed_reply(payment)) == {"RspCode": "99", "Message": "Unknown error"}


def test_procedure_rule_accepts_the_application_when_paid(client, payment, fixed_fee_procedure):
    fixed_fee_procedure.accept_on_payment = True
    fixed_fee_procedure.save(update_fields=["accept_on_payment"])
    assert call_ipn(client, signed_reply(payment))["RspCode"] == "00"
    application = payment.application
    application.refresh_from_db()
    assert application.state == State.ACCEPTED
    assert application.due_date is not None
    assert list(application.events.values_list("action", flat=True)) == [
        Action.SUBMIT,
        Action.PAY,
        Action.ACCEPT,
    ]


def test_ipn_of_an_unknown_provider_is_not_found(client, db):
    assert client.get("/thanh-toan/paypal/ipn/").status_code == 404


def test_applicant_is_asked_to_pay_then_gets_the_receipt_by_e_mail(
    client, vnpay_settings, fixed_fee_procedure, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(procedure=fixed_fee_procedure)
    assert "Vui lòng thanh toán phí, lệ phí trực tuyến" in mailoutbox[-1].body
    payment, _url = operations.start_payment(application=application, client_ip="127.0.0.1")
    with django_capture_on_commit_callbacks(execute=True):
        call_ipn(client, signed_reply(payment))
    message = mailoutbox[-1]
    assert "Biên lai điện tử được gửi kèm thư này" in message.body
    receipt = application.files.get(field_name="payment_receipt")
    assert [name for name, _content, _type in message.attachments] == [receipt.original_name]
