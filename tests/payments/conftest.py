import pytest

from services.models import Procedure
from tests.tracking.factories import ApplicationFactory

NEWSLETTER_LICENCE = "1.004227.000.00.00.H34"  # level 4, fixed fee 100 000 đ
WEBSITE_LICENCE = "1.004469.000.00.00.H34"  # level 4, 500 000 đ per domain name (so_ten_mien)


@pytest.fixture
def fixed_fee_procedure(db):
    return Procedure.objects.get(code=NEWSLETTER_LICENCE, locale__language_code="vi")


@pytest.fixture
def per_unit_procedure(db):
    return Procedure.objects.get(code=WEBSITE_LICENCE, locale__language_code="vi")


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
