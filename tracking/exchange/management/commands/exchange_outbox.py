"""Outbox health of the document exchange, and re-driving what failed or got stuck."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from tracking.exchange import operations, selectors
from tracking.exchange.constants import MessageState


class Command(BaseCommand):
    help = (
        "Show the exchange outbox: messages by state and the oldest still pending. "
        "--retry-failed queues failed messages again; --sweep re-sends stuck ones now."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed", action="store_true", help="Queue every failed message again."
        )
        parser.add_argument(
            "--sweep", action="store_true", help="Re-send messages stuck in queued or sending."
        )

    def handle(self, *args, retry_failed=False, sweep=False, **options):
        if retry_failed:
            count = operations.retry_failed_messages()
            self.stdout.write(self.style.SUCCESS(f"Queued again: {count} failed message(s)."))
        if sweep:
            count = len(operations.sweep_outbox())
            self.stdout.write(self.style.SUCCESS(f"Re-sent: {count} stuck message(s)."))
        health = selectors.outbox_health()
        for state in MessageState:
            self.stdout.write(f"{state.value:<8} {health['counts'][state.value]:>6}  {state.label}")
        oldest = health["oldest_pending"]
        if oldest is None:
            self.stdout.write("oldest pending: none")
        else:
            age = timezone.now() - oldest.created_at
            self.stdout.write(
                f"oldest pending: {oldest.document_id} ({oldest.get_state_display()}), "
                f"created {oldest.created_at:%Y-%m-%d %H:%M:%S}, {int(age.total_seconds())} s ago, "
                f"{oldest.attempts} attempt(s)"
            )
        if health["counts"][MessageState.FAILED]:
            self.stdout.write(
                self.style.WARNING("Failed messages exist: re-drive them with --retry-failed.")
            )
