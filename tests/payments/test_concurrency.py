"""VNPay may send the same IPN several times at once: it is settled once."""

import threading

import pytest
from django.db import connection, connections

from payments import operations
from payments.constants import IpnResult
from payments.providers.sandbox import SandboxProvider
from tests.conftest import require_service
from tests.payments.factories import newsletter_licence
from tests.tracking.factories import ApplicationFactory
from tracking.constants import Action


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_identical_ipns_settle_the_payment_once():
    require_service(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL")
    procedure = newsletter_licence()
    application = ApplicationFactory(procedure=procedure)
    provider = SandboxProvider.from_settings()
    payment, _url = operations.start_payment(
        application=application, client_ip="127.0.0.1", provider_name="sandbox"
    )
    reply = provider.reply_for(payment, paid=True)
    answers, barrier = [], threading.Barrier(8)

    def notify():
        try:
            barrier.wait()
            answers.append(operations.handle_notification(provider=provider, params=reply))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=notify) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [IpnResult.CONFIRMED] + [IpnResult.ALREADY_CONFIRMED] * 7
    assert application.events.filter(action=Action.PAY).count() == 1
    assert application.files.filter(field_name="payment_receipt").count() == 1
