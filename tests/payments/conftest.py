import pytest

from tests.payments.factories import newsletter_licence, website_licence
from tests.tracking.factories import ApplicationFactory


@pytest.fixture
def fixed_fee_procedure(db):
    """Level 4, a fixed fee of 100 000 đ."""
    return newsletter_licence()


@pytest.fixture
def per_unit_procedure(db):
    """Level 4, 500 000 đ per domain name (`so_ten_mien`)."""
    return website_licence()


@pytest.fixture
def awaiting_payment(fixed_fee_procedure):
    """An application of a level-4 procedure, submitted, with its 100 000 đ fee due."""
    return ApplicationFactory(procedure=fixed_fee_procedure)


@pytest.fixture
def vnpay_settings(settings):
    settings.PAYMENT_PROVIDER = "vnpay"
    settings.VNPAY_TMN_CODE = "TESTTMN1"
    settings.VNPAY_HASH_SECRET = "TESTSECRETTESTSECRETTESTSECRET12"
    settings.VNPAY_PAYMENT_URL = "https://pay.example.test/paymentv2/vpcpay.html"
    return settings
