"""Staff limited to some units see only those units' applications, on every back-office page."""

import pytest

from payments.constants import PaymentState
from payments.demo import pay_in_sandbox
from payments.models import Payment
from tests.factories import DIVISION, OFFICE, unit
from tests.payments.factories import newsletter_licence
from tests.tracking.factories import ApplicationFactory
from tests.tracking.test_desk import make_staff
from tracking.models import Application

RECONCILIATION = "/admin/thanh-toan/doi-soat/"


@pytest.fixture
def payments_of_both_units(db):
    """A paid application of each unit, each payment changed by hand (a mismatch)."""
    procedure = newsletter_licence()  # received by the press division
    division = ApplicationFactory(procedure=procedure)
    office = ApplicationFactory(procedure=procedure)
    Application.objects.filter(pk=office.pk).update(receiving_unit=unit(OFFICE))
    found = {}
    for code, application in ((DIVISION, division), (OFFICE, office)):
        payment = pay_in_sandbox(application, paid=False)
        Payment.objects.filter(pk=payment.pk).update(state=PaymentState.PAID)
        found[code] = (application, payment)
    return found


def test_reconciliation_shows_only_the_clerks_unit(client, payments_of_both_units):
    client.force_login(make_staff("mot-cua-van-phong", OFFICE))
    page = client.get(RECONCILIATION)
    assert page.status_code == 200
    mine, my_payment = payments_of_both_units[OFFICE]
    other, other_payment = payments_of_both_units[DIVISION]
    assert page.text.count(my_payment.order_ref) == 2  # a mismatch, and among the recent
    assert page.text.count(mine.dossier_code) == 2
    assert other_payment.order_ref not in page.text
    assert other.dossier_code not in page.text


def test_reconciliation_of_a_clerk_of_no_unit_lists_nothing(client, payments_of_both_units):
    client.force_login(make_staff("mot-cua-moi"))
    page = client.get(RECONCILIATION)
    assert page.status_code == 200
    assert "Không có giao dịch nào lệch." in page.text
    for application, payment in payments_of_both_units.values():
        assert payment.order_ref not in page.text
        assert application.dossier_code not in page.text


@pytest.mark.parametrize(
    "staff",
    [
        lambda: make_staff("van-phong-so", OFFICE, all_units=True),
        lambda: make_staff("hai-don-vi", OFFICE, DIVISION),
    ],
    ids=["head-office", "both-units"],
)
def test_reconciliation_shows_every_unit_the_staff_member_covers(
    client, payments_of_both_units, staff
):
    client.force_login(staff())
    page = client.get(RECONCILIATION)
    assert page.status_code == 200
    for application, payment in payments_of_both_units.values():
        assert page.text.count(payment.order_ref) == 2
        assert page.text.count(application.dossier_code) == 2
