"""The demo shows a level-4 application waiting for its fee, payable in the sandbox."""

import pytest

from payments.demo import DEMO_KEY
from tracking.constants import State
from tracking.models import Application

pytestmark = pytest.mark.demo


def test_demo_has_an_application_awaiting_payment(db):
    application = Application.objects.get(idempotency_key=DEMO_KEY)
    assert application.state == State.AWAITING_PAYMENT
    assert application.procedure.service_level == 4


def test_demo_applications_further_along_were_paid_in_the_sandbox(db):
    delivered = Application.objects.get(idempotency_key="demo-5")
    if delivered.procedure.service_level == 4 and delivered.procedure.fee_rules.exists():
        assert delivered.payments.get().is_paid


def test_demo_payment_page_works(client, db):
    from tracking.links import detail_token

    application = Application.objects.get(idempotency_key=DEMO_KEY)
    page = client.get(f"/ho-so/{detail_token(application)}/")
    assert "Thanh toán trực tuyến" in page.text
    response = client.post(f"/thanh-toan/ho-so/{detail_token(application)}/")
    assert "/thanh-toan-thu-nghiem/?" in response["Location"]
