"""One reliable outbox for everything the portal sends to the outside world.

The pattern (first built for the document exchange, now shared by the e-mail
notices and every integration): the row that says "send this" is written in
the same transaction as the change it announces; after commit a Celery task
sends it (`acks_late`, retries with exponential backoff and jitter); a sweeper
run by beat re-drives what got stuck (broker down at commit time, a worker
killed mid-send); what used all its attempts is marked failed and shown to
staff, who can send it again. Delivery is at least once: the receiving side
deduplicates by the message's own key.

An outbox is an `Outbox` over a concrete subclass of `OutboxMessage`, with a
`deliver` function that does the sending and raises `TransientError` (try
again later) or `PermanentError` (give up now). Its timings come from
settings named by a prefix: `<PREFIX>_MAX_ATTEMPTS`,
`<PREFIX>_RETRY_BASE_SECONDS`, `<PREFIX>_RETRY_MAX_SECONDS`,
`<PREFIX>_SENDING_LEASE_SECONDS`, `<PREFIX>_STUCK_AFTER_SECONDS` and
`<PREFIX>_SWEEP_BATCH`.

An outbox built with `in_order_of="application"` keeps the messages of one
application in order: a message waits while an earlier one of the same
application is not sent (a failed one holds the rest until staff send it
again), and each message sent hands the next one to Celery.
"""

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)


class OutboxState(models.TextChoices):
    """Where one outbound message is (internal: never shown to applicants)."""

    QUEUED = "queued", gettext_lazy("Chờ gửi")
    SENDING = "sending", gettext_lazy("Đang gửi")
    SENT = "sent", gettext_lazy("Đã gửi")
    FAILED = "failed", gettext_lazy("Gửi thất bại")
    # Never to be sent: what it carried was erased with the application's personal
    # data at the end of its retention (`Outbox.withdraw`).
    WITHDRAWN = "withdrawn", gettext_lazy("Đã hủy, không gửi")


# A message stays in one of these only while in flight.
PENDING_STATES = (OutboxState.QUEUED, OutboxState.SENDING)


class OutboxMessage(models.Model):
    """The delivery bookkeeping shared by every outbox; subclasses add what is sent."""

    state = models.CharField(
        gettext_lazy("trạng thái"),
        max_length=16,
        choices=OutboxState.choices,
        default=OutboxState.QUEUED,
    )
    attempts = models.PositiveIntegerField(gettext_lazy("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(gettext_lazy("lần gửi tiếp theo"), default=timezone.now)
    # While "sending", the send belongs to one worker until this time; after it
    # the sweeper takes it back (the worker may have died mid-send).
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(gettext_lazy("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(gettext_lazy("thời điểm tạo"), default=timezone.now)
    sent_at = models.DateTimeField(gettext_lazy("thời điểm gửi xong"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["state", "next_attempt_at"])]


class TransientError(Exception):
    """The other side could not take the message now; try again after a backoff."""


class PermanentError(Exception):
    """The message can never be delivered as it is; stop trying."""


class NotRetryable(Exception):
    """Staff asked to re-send a message that has not failed; `message` is for them."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class SendOutcome:
    state: str
    retry_in: float | None = None


class Outbox:
    """Sending, retrying and sweeping the messages of one `OutboxMessage` model."""

    def __init__(
        self,
        model: type[OutboxMessage],
        *,
        settings_prefix: str,
        deliver: Callable[[OutboxMessage], dict | None],
        task: Callable[[], object],
        select_related: tuple[str, ...] = (),
        in_order_of: str | None = None,
    ):
        self.model = model
        self.prefix = settings_prefix
        self.deliver = deliver
        # The Celery task that calls `send`; a callable returning it, so that the
        # tasks module may import the module that builds this outbox.
        self._task = task
        self.select_related = select_related
        self.in_order_of = in_order_of

    def setting(self, name: str):
        return getattr(settings, f"{self.prefix}_{name}")

    # Queueing

    def schedule(self, message: OutboxMessage) -> None:
        """Hand `message` (just written in the current transaction) to Celery after commit."""
        pk = message.pk
        transaction.on_commit(lambda: self.enqueue(pk))

    def enqueue(self, message_id: int) -> bool:
        """Hand the message to Celery. If the broker is down the message stays queued
        and the sweeper sends it later, so the caller never fails for it."""
        try:
            self._task().delay(message_id)
        except Exception:  # any broker error: the sweeper re-drives the message later
            logger.warning(
                "%s %s not queued (broker unavailable?)", self.model.__name__, message_id
            )
            return False
        return True

    # Sending

    def backoff_seconds(self, attempts: int) -> float:
        """Exponential backoff with equal jitter, capped: base·2^(n−1), between half and all."""
        ceiling = min(
            self.setting("RETRY_MAX_SECONDS"),
            self.setting("RETRY_BASE_SECONDS") * 2 ** max(attempts - 1, 0),
        )
        return secrets.SystemRandom().uniform(ceiling / 2, ceiling)

    def _claim(self, message_id: int, now) -> bool:
        """Take the message for one send: queued, or sending with an expired lease."""
        lease = now + timedelta(seconds=self.setting("SENDING_LEASE_SECONDS"))
        return bool(
            self.model.objects.filter(pk=message_id)
            .filter(Q(state=OutboxState.QUEUED) | Q(state=OutboxState.SENDING, lease_until__lt=now))
            .update(
                state=OutboxState.SENDING,
                lease_until=lease,
                attempts=F("attempts") + 1,
                updated_at=now,
            )
        )

    def fail(self, message_id: int, error) -> SendOutcome:
        # A message withdrawn meanwhile stays so: a failed one could be sent again.
        self.model.objects.filter(pk=message_id).exclude(state=OutboxState.WITHDRAWN).update(
            state=OutboxState.FAILED,
            lease_until=None,
            last_error=str(error),
            updated_at=timezone.now(),
        )
        logger.error("%s %s failed: %s", self.model.__name__, message_id, error)
        return SendOutcome(OutboxState.FAILED)

    # Order within a group (`in_order_of`)

    def _earlier_unsent(self):
        """Messages of the same group, before the outer one, not sent yet."""
        return self.model.objects.filter(
            **{self.in_order_of: OuterRef(self.in_order_of)}, pk__lt=OuterRef("pk")
        ).exclude(state__in=(OutboxState.SENT, OutboxState.WITHDRAWN))

    def _waits_behind_another(self, message_id: int) -> bool:
        if self.in_order_of is None:
            return False
        return (
            self.model.objects.filter(pk=message_id).filter(Exists(self._earlier_unsent())).exists()
        )

    def _hand_on(self, message_id: int) -> None:
        """After a send, queue the next message of the same group, if one waits."""
        if self.in_order_of is None:
            return
        group = (
            self.model.objects.filter(pk=message_id)
            .values_list(self.in_order_of, flat=True)
            .first()
        )
        if group is None:
            return
        following = (
            self.model.objects.filter(
                **{self.in_order_of: group}, pk__gt=message_id, state=OutboxState.QUEUED
            )
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if following is not None:
            self.enqueue(following)

    def send(self, message_id: int) -> SendOutcome:
        """Deliver one message once; say whether and when to try again."""
        now = timezone.now()
        if self._waits_behind_another(message_id):
            # Not a failure: the earlier message hands this one on once it is sent.
            return SendOutcome(OutboxState.QUEUED)
        if not self._claim(message_id, now):
            current = self.model.objects.filter(pk=message_id).values_list("state", flat=True)
            return SendOutcome(current.first() or "missing")
        message = self.model.objects.select_related(*self.select_related).get(pk=message_id)
        try:
            recorded = self.deliver(message) or {}
        except PermanentError as error:
            return self.fail(message_id, error)
        except Exception as error:  # a bug or an outage: kept, retried and shown to staff
            if not isinstance(error, TransientError):
                logger.exception("%s %s: unexpected error", self.model.__name__, message_id)
                error = TransientError(f"{type(error).__name__}: {error}")
            if message.attempts >= self.setting("MAX_ATTEMPTS"):
                return self.fail(
                    message_id,
                    _("Đã thử %(n)s lần, lỗi gần nhất: %(error)s")
                    % {"n": message.attempts, "error": error},
                )
            delay = self.backoff_seconds(message.attempts)
            self.model.objects.filter(pk=message_id, state=OutboxState.SENDING).update(
                state=OutboxState.QUEUED,
                lease_until=None,
                next_attempt_at=timezone.now() + timedelta(seconds=delay),
                last_error=str(error),
                updated_at=timezone.now(),
            )
            logger.warning(
                "%s %s: %s; retry in %.1fs", self.model.__name__, message_id, error, delay
            )
            return SendOutcome(OutboxState.QUEUED, retry_in=delay)
        self.model.objects.filter(pk=message_id).update(
            state=OutboxState.SENT,
            lease_until=None,
            sent_at=timezone.now(),
            last_error="",
            updated_at=timezone.now(),
            **recorded,
        )
        self._hand_on(message_id)
        return SendOutcome(OutboxState.SENT)

    def run_task(self, task, message_id: int) -> str:
        """The body of the outbox's Celery task: send, and on a transient failure let
        Celery try again after the backoff. The attempts are counted on the message
        (so the sweeper and the retries share one cap), hence no Celery `max_retries`."""
        outcome = self.send(message_id)
        if outcome.retry_in is not None and not task.request.is_eager:
            # In-process (eager) mode has no timer: the message waits for the sweeper.
            raise task.retry(countdown=outcome.retry_in)
        return str(outcome.state)

    # Staff and beat

    def requeue(self, message: OutboxMessage) -> OutboxMessage:
        """Send a failed message again, as it was, with a fresh count of attempts."""
        with transaction.atomic():
            locked = self.model.objects.select_for_update().get(pk=message.pk)
            if locked.state != OutboxState.FAILED:
                raise NotRetryable(_("Chỉ gửi lại được thư hoặc gói tin đã gửi thất bại."))
            locked.state = OutboxState.QUEUED
            locked.attempts = 0
            locked.next_attempt_at = timezone.now()
            locked.save(update_fields=["state", "attempts", "next_attempt_at", "updated_at"])
            self.schedule(locked)
        return locked

    def withdraw(self, messages, *, reason, **erase) -> int:
        """Give up for good on the messages of `messages` not sent yet, setting the
        fields of `erase` (their bodies) as well: the sweeper and the workers never
        take them again, and staff cannot send them again (`requeue` takes only failed
        ones). A worker sending one at this moment read it already: if that send goes
        through, the message is recorded as sent (its body erased all the same)."""
        return messages.exclude(state=OutboxState.SENT).update(
            state=OutboxState.WITHDRAWN,
            lease_until=None,
            last_error=str(reason),
            updated_at=timezone.now(),
            **erase,
        )

    def erase(self, messages, *, reason, **fields) -> tuple[int, int]:
        """The personal data of `messages` erased (`fields` set on every one of them) at
        the end of their application's retention; those not sent yet are withdrawn
        too. How many sent ones were erased, and how many were withdrawn."""
        erased = messages.filter(state=OutboxState.SENT).update(updated_at=timezone.now(), **fields)
        return erased, self.withdraw(messages, reason=reason, **fields)

    def sweep(self, *, now=None) -> list[int]:
        """Send again what is stuck: queued past its time (its task was lost, or never
        reached the broker) or sending past its lease (its worker died). Give up on
        messages that used all their attempts."""
        now = now or timezone.now()
        self.model.objects.filter(
            state=OutboxState.SENDING,
            lease_until__lt=now,
            attempts__gte=self.setting("MAX_ATTEMPTS"),
        ).update(
            state=OutboxState.FAILED,
            lease_until=None,
            last_error=_("Quá số lần gửi cho phép; lần gửi cuối không kết thúc."),
            updated_at=now,
        )
        overdue = now - timedelta(seconds=self.setting("STUCK_AFTER_SECONDS"))
        candidates = self.model.objects.filter(
            Q(state=OutboxState.QUEUED, next_attempt_at__lte=overdue)
            | Q(state=OutboxState.SENDING, lease_until__lt=now)
        )
        if self.in_order_of is not None:
            # Only the first unsent message of each group: the others wait for it.
            candidates = candidates.exclude(Exists(self._earlier_unsent()))
        stuck = list(
            candidates.order_by("next_attempt_at").values_list("pk", flat=True)[
                : self.setting("SWEEP_BATCH")
            ]
        )
        for message_id in stuck:
            self.enqueue(message_id)
        return stuck


def health(messages, *, states=OutboxState) -> dict:
    """What a dashboard shows of an outbox: counts by state (`states`, the model's
    choices) and the oldest message still waiting to go out."""
    counts = {state: 0 for state in states.values}
    for row in messages.order_by().values("state").annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    pending = messages.filter(state__in=PENDING_STATES)
    return {
        "counts": counts,
        "rows": [(state, counts[state.value]) for state in states],
        "oldest_pending": pending.order_by("created_at").first(),
        "oldest_pending_at": pending.aggregate(at=Min("created_at"))["at"],
    }


def needing_attention(messages, *, stuck_before, failed_states=(OutboxState.FAILED,)):
    """What staff must look at: failed messages, and pending ones created before
    `stuck_before`, oldest first."""
    return (
        messages.filter(
            Q(state__in=failed_states) | Q(state__in=PENDING_STATES, created_at__lt=stuck_before)
        )
        .select_related("application")
        .order_by("created_at", "pk")
    )
