"""The VNPay 2.1.0 payment URL, checked against a signature computed here independently."""

import hashlib
import hmac
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit
from zoneinfo import ZoneInfo

import pytest

from payments import operations
from payments.providers import get_provider

SECRET = "TESTSECRETTESTSECRETTESTSECRET12"


def independent_hash(params: dict, secret: str) -> str:
    # urlencode() quotes with quote_plus, as the protocol asks; sorted by name.
    query = urlencode(sorted(params.items()))
    return hmac.new(secret.encode("utf-8"), query.encode("utf-8"), hashlib.sha512).hexdigest()


@pytest.fixture
def payment_url(vnpay_settings, awaiting_payment):
    payment, url = operations.start_payment(
        application=awaiting_payment, client_ip="203.0.113.7", language="vi"
    )
    return payment, url


def test_payment_url_is_signed_with_hmac_sha512_over_the_sorted_query(payment_url):
    _payment, url = payment_url
    params = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    signature = params.pop("vnp_SecureHash")
    assert len(signature) == 128
    assert signature == independent_hash(params, SECRET)


def test_payment_url_query_is_sorted_and_quote_plus_encoded(payment_url):
    _payment, url = payment_url
    query = urlsplit(url).query
    names = [pair.split("=", 1)[0] for pair in query.split("&")]
    assert names[:-1] == sorted(names[:-1])
    assert names[-1] == "vnp_SecureHash"
    assert "vnp_OrderInfo=Thanh+toan+phi+ho+so+" in query
    assert "vnp_ReturnUrl=http%3A%2F%2Ftestserver%2Fthanh-toan%2Fvnpay%2Fket-qua%2F" in query


def test_payment_url_carries_the_protocol_parameters(payment_url, awaiting_payment):
    payment, url = payment_url
    assert url.startswith("https://pay.example.test/paymentv2/vpcpay.html?")
    params = dict(parse_qsl(urlsplit(url).query))
    assert params["vnp_Version"] == "2.1.0"
    assert params["vnp_Command"] == "pay"
    assert params["vnp_TmnCode"] == "TESTTMN1"
    assert params["vnp_CurrCode"] == "VND"
    assert params["vnp_Amount"] == "10000000"  # 100 000 đ × 100
    assert payment.amount == 100_000
    assert params["vnp_TxnRef"] == payment.order_ref
    assert params["vnp_IpAddr"] == "203.0.113.7"
    assert params["vnp_Locale"] == "vn"
    assert awaiting_payment.dossier_code in params["vnp_OrderInfo"]
    created = datetime.strptime(params["vnp_CreateDate"], "%Y%m%d%H%M%S")
    expires = datetime.strptime(params["vnp_ExpireDate"], "%Y%m%d%H%M%S")
    assert expires - created == timedelta(minutes=15)
    now_gmt7 = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).replace(tzinfo=None)
    assert abs(now_gmt7 - created) < timedelta(minutes=2)


def test_hash_of_a_fixed_request_matches_an_independent_computation():
    from payments.providers.vnpay import secure_hash

    params = {
        "vnp_Amount": "1806000",
        "vnp_Command": "pay",
        "vnp_CreateDate": "20210801153333",
        "vnp_CurrCode": "VND",
        "vnp_IpAddr": "127.0.0.1",
        "vnp_Locale": "vn",
        "vnp_OrderInfo": "Thanh toan don hang :5",
        "vnp_OrderType": "other",
        "vnp_ReturnUrl": "https://domainmerchant.vn/ReturnUrl",
        "vnp_TmnCode": "DEMOV210",
        "vnp_TxnRef": "5",
        "vnp_Version": "2.1.0",
    }
    assert secure_hash(params, SECRET) == independent_hash(params, SECRET)


def test_reply_with_a_changed_value_is_not_authentic(vnpay_settings):
    provider = get_provider("vnpay")
    reply = {"vnp_TxnRef": "X1", "vnp_Amount": "10000000", "vnp_ResponseCode": "00"}
    reply["vnp_SecureHash"] = independent_hash(reply, SECRET)
    assert provider.is_authentic(reply)
    assert provider.is_authentic({**reply, "vnp_SecureHashType": "HmacSHA512"})
    assert not provider.is_authentic({**reply, "vnp_Amount": "100"})
    assert not provider.is_authentic({k: v for k, v in reply.items() if k != "vnp_SecureHash"})


def test_secret_comes_from_settings_not_code(settings):
    settings.VNPAY_HASH_SECRET = ""
    provider = get_provider("vnpay")
    assert not provider.is_authentic({"vnp_TxnRef": "1", "vnp_SecureHash": "00"})
