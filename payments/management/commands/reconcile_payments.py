"""List payments whose state differs between the provider's IPN records and the applications."""

from django.core.management.base import BaseCommand

from payments.selectors import payment_mismatches


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        mismatches = payment_mismatches()
        for item in mismatches:
            payment = item.payment
            self.stdout.write(
                "\t".join(
                    [
                        payment.order_ref,
                        payment.application.dossier_code,
                        f"payment={payment.state}",
                        f"ipn={item.notified_state}",
                        f"application={payment.application.state}",
                        item.reason,
                    ]
                )
            )
        self.stderr.write(f"{len(mismatches)} payment(s) to reconcile.")
