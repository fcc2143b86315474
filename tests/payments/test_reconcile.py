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


def test_reconciliation_report_in_the_admin(client, admin_user, awaiting_payment):
    payment = pay_in_sandbox(awaiting_payment, paid=False)
    Payment.objects.filter(pk=payment.pk).update(state=PaymentState.PAID)
    client.force_login(admin_user)
    page = client.get("/admin/thanh-toan/doi-soat/")
    assert page.status_code == 200
    assert page.text.count(payment.order_ref) == 2  # listed as a mismatch and as recent


def test_reconciliation_report_needs_desk_permission(client, db, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("bientap", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/thanh-toan/doi-soat/").status_code in (302, 403)
