"""Writes of the national sync besides the per-event requests: the daily pushes,
the pull of applications filed on the national portal, and staff's re-send."""

import datetime
import logging
from collections import Counter

from django.db import DatabaseError
from django.db.models import Count, Q
from django.utils import timezone

from national import intake, payloads, sync
from national.constants import ReceivedOutcome, Service
from national.models import NationalMessage
from national.transports import TransportError, enabled, transport
from portal.models import Question
from tracking.constants import Action
from tracking.models import Application, ApplicationEvent

logger = logging.getLogger(__name__)


def daily_figures(day: datetime.date) -> list[dict]:
    """Per procedure: what was received, resolved (on time, late), refused, withdrawn on `day`."""
    events = (
        ApplicationEvent.objects.filter(at__date=day)
        .values("application__procedure_code", "application__procedure_name")
        .annotate(
            received=Count("pk", filter=Q(action=Action.SUBMIT)),
            resolved=Count("pk", filter=Q(action=Action.DECIDE)),
            refused=Count("pk", filter=Q(action=Action.REFUSE)),
            withdrawn=Count("pk", filter=Q(action=Action.WITHDRAW)),
        )
    )
    timeliness = {
        row["procedure_code"]: row
        for row in Application.objects.filter(decided_at__date=day)
        .values("procedure_code")
        .annotate(
            on_time=Count("pk", filter=Q(resolved_late=False)),
            late=Count("pk", filter=Q(resolved_late=True)),
        )
    }
    rows = []
    for row in events.order_by("application__procedure_code"):
        code = row["application__procedure_code"]
        timely = timeliness.get(code, {})
        rows.append(
            {
                "procedure_code": code,
                "procedure_name": row["application__procedure_name"],
                "received": row["received"],
                "resolved": row["resolved"],
                "on_time": timely.get("on_time", 0),
                "late": timely.get("late", 0),
                "refused": row["refused"],
                "withdrawn": row["withdrawn"],
            }
        )
    return rows


def push_statistics(*, day: datetime.date | None = None) -> int:
    """Queue one day's figures (yesterday by default); once per day, whatever re-runs."""
    if not enabled():
        return 0
    day = day or timezone.localdate() - datetime.timedelta(days=1)
    message = sync.write_unordered(
        service=Service.STATISTICS,
        key=f"thong-ke/{day.isoformat()}",
        payload=payloads.statistics(day, daily_figures(day)),
    )
    return int(message is not None)


def push_answered_questions() -> int:
    """Queue each published answer not pushed yet (an answer edited later is pushed again)."""
    if not enabled():
        return 0
    queued = 0
    for question in Question.objects.published():
        stamp = timezone.localtime(question.answered_at).strftime("%Y%m%d%H%M%S")
        message = sync.write_unordered(
            service=Service.QUESTIONS,
            key=f"hoi-dap/{question.pk}/{stamp}",
            payload={"data": [payloads.answered_question(question)]},
        )
        queued += message is not None
    return queued


def pull_applications() -> int:
    """Take in the applications filed on the national portal for our procedures.

    Returns how many became new applications; a record taken before counts as a
    duplicate, a refused one is kept with its reason (and taken again on the next
    pull, once what refused it is fixed). A record that cannot be taken now (the
    database or the storage failing) is logged and left to the next pull: the
    others still go through.
    """
    if not enabled():
        return 0
    try:
        answer = transport().fetch(Service.NEW_APPLICATIONS, {})
    except TransportError as error:
        logger.warning("national applications not pulled: %s", error)
        return 0
    records = answer.get("result") if isinstance(answer, dict) else None
    if not isinstance(records, list):
        logger.warning("national applications not pulled: no list of records in %.200r", answer)
        return 0
    outcomes = Counter()
    for record in records:
        try:
            received = intake.receive(record, channel=intake.PULL)
        except (DatabaseError, OSError):
            logger.exception("a national application could not be taken now; next pull")
            outcomes["failed"] += 1
            continue
        outcomes[received.outcome] += 1
    if records:
        logger.info("national applications pulled: %s", dict(outcomes))
    return outcomes[ReceivedOutcome.CREATED]


def resend(message: NationalMessage) -> NationalMessage:
    """Staff send a failed request again (`core.outbox.NotRetryable` if it has not failed)."""
    return sync.OUTBOX.requeue(message)
