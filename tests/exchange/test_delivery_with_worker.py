"""End to end with a real Celery worker (a subprocess) on Redis and PostgreSQL, and a
real HTTP peer in this process: delivery, faults, and the statuses that come back.

These tests commit for real (the worker is another process), so they run outside
pytest-django's per-test transaction and remove what they created at the end: the
module's `db` fixture stands for that committed database (one demo load for the
module instead of one per test, as a transactional test would need).
"""

import json
import threading
import time

import pytest

from tests.exchange.conftest import TestPeer, peers_config, post_status, status_package
from tests.exchange.signature_check import canonical_check, xmlsec1_verify
from tests.tracking.factories import ApplicationFactory
from tests.worker import (
    BROKER_URL,
    UNREACHABLE_BROKER,
    committed_db,
    own_queue,
    point_app_at,
    running_worker,
    wait_for,
)
from tracking.constants import State
from tracking.exchange import operations
from tracking.exchange.constants import MessageState
from tracking.exchange.models import ExchangeMessage
from tracking.signing import load_agency_credentials

# Short timings so that faults heal within seconds.
WORKER_TIMINGS = {
    "EXCHANGE_RETRY_BASE_SECONDS": "0.4",
    "EXCHANGE_RETRY_MAX_SECONDS": "1.5",
    "EXCHANGE_MAX_ATTEMPTS": "15",
    "EXCHANGE_SENDING_LEASE_SECONDS": "4",
}


@pytest.fixture(scope="module")
def peer():
    peer = TestPeer().start()
    yield peer
    peer.stop()


@pytest.fixture(scope="module")
def peers(peer, peer_credentials):
    return peers_config(
        peer_credentials, transport="http", url=peer.url, timeout=3, connect_timeout=1
    )


@pytest.fixture(scope="module")
def queue(committed_db):
    with own_queue("exchange-test") as name:
        yield name


@pytest.fixture(scope="module")
def worker(queue, peers, tmp_path_factory):
    load_agency_credentials()  # the worker signs with the same certificate file
    settings = {"EXCHANGE_PEERS": json.dumps(peers), **WORKER_TIMINGS}
    with running_worker(queue, tmp_path_factory.mktemp("worker"), **settings) as process:
        yield process


__all__ = ["committed_db"]


@pytest.fixture
def db(committed_db):
    """The committed test database (see the module docstring), not a rolled-back transaction."""


@pytest.fixture(autouse=True)
def same_settings(db, settings, peers):
    """This process routes and verifies with the configuration the worker has."""
    settings.EXCHANGE_PEERS = peers
    settings.EXCHANGE_STUCK_AFTER_SECONDS = 0
    for name, value in WORKER_TIMINGS.items():
        setattr(settings, name, float(value))


@pytest.fixture(autouse=True)
def fresh_peer(peer):
    peer.plan.clear()
    peer.hang = None
    peer.hanging.clear()
    if peer.server is None:
        peer.start()


def message_of(application):
    return ExchangeMessage.objects.get(application=application)


def wait_until_sent(message, timeout=30):
    def sent():
        message.refresh_from_db()
        return message.state == MessageState.SENT

    wait_for(sent, timeout, f"{message.document_id} to be sent")


def test_an_accepted_application_reaches_the_peer_signed_and_its_statuses_drive_it(
    worker, peer, peer_credentials, client, tmp_path
):
    application = ApplicationFactory(accepted=True)
    message = message_of(application)
    wait_until_sent(message)
    assert peer.posts_of(message.document_id) == [message.document_id]
    package = peer.documents[message.document_id]
    assert package == bytes(message.package)
    _, certificate, _ = load_agency_credentials()
    verdict = xmlsec1_verify(package, certificate, tmp_path)
    assert verdict.returncode == 0, verdict.stderr
    canonical_check(package, certificate)

    def reply(code):
        raw = status_package(message.document_id, code, credentials=peer_credentials)
        assert post_status(client, raw).status_code == 200
        application.refresh_from_db()
        return application.state

    assert reply("01") == State.ACCEPTED
    assert reply("03") == State.IN_PROGRESS
    assert reply("05") == State.IN_PROGRESS
    assert reply("06") == State.DECIDED


def test_a_peer_down_then_up_gets_the_package_once_later(worker, peer):
    peer.stop()
    message = message_of(ApplicationFactory(accepted=True))

    def retried():
        message.refresh_from_db()
        return message.attempts >= 2 and message.state == MessageState.QUEUED

    wait_for(retried, 30, "failed attempts while the peer is down")
    assert "ConnectionError" in message.last_error
    peer.start()
    wait_until_sent(message)
    assert peer.posts_of(message.document_id) == [message.document_id]
    assert message.response_status == 200


def test_a_peer_answering_500_then_200_gets_it_on_the_retry(worker, peer):
    peer.plan.append(500)
    message = message_of(ApplicationFactory(accepted=True))
    wait_until_sent(message)
    assert message.attempts == 2
    assert len(peer.posts_of(message.document_id)) == 2
    assert message.document_id in peer.documents
    assert (message.response_status, message.response_body) == (200, "received")


def test_acceptance_succeeds_with_the_broker_down_and_the_sweeper_delivers_later(
    worker, peer, queue
):
    point_app_at(UNREACHABLE_BROKER, queue)
    try:
        application = ApplicationFactory(accepted=True)
    finally:
        point_app_at(BROKER_URL, queue)
    application.refresh_from_db()
    assert application.state == State.ACCEPTED
    message = message_of(application)
    assert (message.state, message.attempts) == (MessageState.QUEUED, 0)
    time.sleep(1)
    assert not peer.posts_of(message.document_id)

    assert message.pk in operations.sweep_outbox()
    wait_until_sent(message)
    assert peer.posts_of(message.document_id) == [message.document_id]


def test_a_worker_killed_mid_send_is_redone_without_a_duplicate_at_the_peer(worker, peer):
    release = threading.Event()
    peer.hang = release
    message = message_of(ApplicationFactory(accepted=True))
    assert peer.hanging.wait(30), "the package never reached the peer"
    worker.kill()
    release.set()
    message.refresh_from_db()
    assert message.state == MessageState.SENDING
    worker.start()

    def swept_and_sent():
        operations.sweep_outbox()  # what beat runs every few minutes
        message.refresh_from_db()
        return message.state == MessageState.SENT

    wait_for(swept_and_sent, 40, "the sweeper to re-send after the lease")
    assert message.attempts == 2
    assert len(peer.posts_of(message.document_id)) == 2  # at least once …
    assert list(peer.documents).count(message.document_id) == 1  # … and kept once
    assert message.response_body == "duplicate"


def test_the_same_status_posted_at_once_from_several_connections_applies_once(
    peer_credentials, queue
):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections
    from django.test import Client

    application = ApplicationFactory(accepted=True)
    message = message_of(application)
    raw = status_package(message.document_id, "06", credentials=peer_credentials)
    barrier = threading.Barrier(4)

    def post():
        try:
            barrier.wait(10)
            return post_status(Client(), raw).json()["code"]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(4) as pool:
        codes = sorted(pool.map(lambda _: post(), range(4)))
    assert codes == ["applied", "duplicate", "duplicate", "duplicate"]
    application.refresh_from_db()
    assert application.state == State.DECIDED
    assert application.events.filter(action="decide").count() == 1
