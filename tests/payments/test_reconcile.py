"""`manage.py reconcile_payments` lists payments whose IPN records and applications disagree."""

from io import StringIO

from django.core.management import call_command

from payments.constants import PaymentState
from payments.demo import pay_in_sandbox
from payments.models import Payment
from tracking import operations


def reconcile():
    out, err = StringIO(), StringIO()
    call_command("reconcile_payments", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_consistent_payments_are_not_listed(awaiting_payment):
    payment = pay_in_sandbox(awaiting_payment)
    out, _err = reconcile()
    assert payment.order_ref not in out


def test_payment_changed_outside_the_ipn_is_listed(awaiting_payment):
    payment = pay_in_sandbox(awaiting_payment, paid=False)
    Payment.objects.filter(pk=payment.pk).update(state=PaymentState.PAID)
    out, err = reconcile()
    assert f"{payment.order_ref}\t{awaiting_payment.dossier_code}\tpayment=paid\tipn=failed" in out
    assert "to reconcile" in err


def test_money_received_for_a_withdrawn_application_is_listed(awaiting_payment):
    from payments import operations as payment_operations
    from payments.providers.sandbox import SandboxProvider

    provider = SandboxProvider.from_settings()
    payment, _url = payment_operations.start_payment(
        application=awaiting_payment, client_ip="127.0.0.1", provider_name="sandbox"
    )
    operations.withdraw_application(application=awaiting_payment, reason="Nộp nhầm thủ tục.")
    payment_operations.handle_notification(
        provider=provider, params=provider.reply_for(payment, paid=True)
    )
    out, _err = reconcile()
    assert payment.order_ref in out
    assert "application=withdrawn" in out
    assert "no payment event" in out
