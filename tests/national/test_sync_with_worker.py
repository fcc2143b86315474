"""The national sync end to end: a real Celery worker (a subprocess) on Redis and
PostgreSQL sends to the fake national portal in this process, which fails, hangs
and forgets sessions. Whatever happens, every request arrives, once, in the order
of its application's events; a worker killed mid-send is replaced and the
sweeper finishes its work.

Like the other worker tests, these commit for real and remove what they made."""

import pytest
from django.utils import timezone

from core.outbox import OutboxState
from national.constants import Service
from national.models import NationalMessage
from national.sync import OUTBOX
from tests.tracking.factories import STEPS, ApplicationFactory
from tests.worker import committed_db, own_queue, running_worker, wait_for

__all__ = ["committed_db"]

WORKER_TIMINGS = {
    "NATIONAL_RETRY_BASE_SECONDS": "0.3",
    "NATIONAL_RETRY_MAX_SECONDS": "1.0",
    "NATIONAL_MAX_ATTEMPTS": "20",
    "NATIONAL_TIMEOUT": "1.5",
    "NATIONAL_CONNECT_TIMEOUT": "1",
    "NATIONAL_SENDING_LEASE_SECONDS": "3",
    "NATIONAL_STUCK_AFTER_SECONDS": "1",
}


@pytest.fixture(scope="module")
def queue(committed_db):
    with own_queue("national-test") as name:
        yield name


@pytest.fixture
def db(committed_db):
    """The committed test database, not a rolled-back transaction."""


@pytest.fixture
def portal(db, national_portal, settings):
    national_portal.reset()
    for name, value in national_portal.settings().items():
        setattr(settings, name, value)
    for name, value in WORKER_TIMINGS.items():
        setattr(settings, name, float(value) if "." in value else int(value))
    before = set(NationalMessage.objects.values_list("pk", flat=True))
    yield national_portal
    NationalMessage.objects.exclude(pk__in=before).delete()
    national_portal.reset()


def worker_settings(portal):
    return {**portal.settings(), **WORKER_TIMINGS}


def all_sent(applications):
    def check():
        messages = NationalMessage.objects.filter(application__in=applications)
        return messages.exists() and not messages.exclude(state=OutboxState.SENT).exists()

    return check


def assert_each_once_in_order(portal, applications):
    for application in applications:
        keys = list(
            NationalMessage.objects.filter(application=application)
            .order_by("pk")
            .values_list("key", flat=True)
        )
        arrived = [key for key in portal.order if key.startswith(application.dossier_code + "/")]
        assert arrived == keys  # each request once, in the order it was written
    assert portal.refused == []


def test_outages_and_a_lost_session_lose_nothing_and_duplicate_nothing(queue, portal, tmp_path):
    portal.fail_next(3, status=503)
    portal.hang_next(1, seconds=2.5)
    with running_worker(queue, tmp_path, **worker_settings(portal)):
        applications = [ApplicationFactory(with_file=False) for _ in range(3)]
        for application in applications:
            for step in ("accept", "start", "decide"):
                STEPS[step](application)
        portal.forget_sessions()
        wait_for(all_sent(applications), 90, "every request to reach the national portal")
    assert not portal.faults  # the outages and the hang did happen
    messages = NationalMessage.objects.filter(application__in=applications)
    retries = sum(messages.values_list("attempts", flat=True)) - messages.count()
    assert retries >= 4  # each outage and the hang cost one attempt
    assert_each_once_in_order(portal, applications)
    for application in applications:
        states = [
            body["data"][0]["TrangThaiHoSo"]
            for body in portal.received(Service.APPLICATION, application.dossier_code)
        ]
        assert states == ["1", "2", "4", "9"]


def test_a_worker_killed_mid_send_is_replaced_and_the_sweeper_finishes(queue, portal, tmp_path):
    portal.hang_next(1, seconds=1.2)
    with running_worker(queue, tmp_path, **worker_settings(portal)) as worker:
        application = ApplicationFactory(with_file=False)
        STEPS["accept"](application)
        first = NationalMessage.objects.filter(application=application).order_by("pk").first()
        wait_for(
            lambda: NationalMessage.objects.get(pk=first.pk).state == OutboxState.SENDING,
            30,
            "the first request to be in flight",
        )
        worker.kill()
    # The request may or may not have reached the portal before the kill: either way it
    # is sent again after its lease, with the same key, and counted once.
    with running_worker(queue, tmp_path, **worker_settings(portal)):

        def swept():
            OUTBOX.sweep(now=timezone.now())
            return all_sent([application])()

        wait_for(swept, 60, "the sweeper to finish the killed worker's requests")
    assert_each_once_in_order(portal, [application])
