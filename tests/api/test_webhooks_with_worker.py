"""Webhooks end to end: a real Celery worker (a subprocess) on Redis and PostgreSQL
posts to a receiver in this process; a receiver that fails is retried by the worker
with backoff, with the same event id, until it answers.

Like the other worker tests, these commit for real and remove what they made."""

import json

import pytest
from django.utils import timezone
from standardwebhooks import Webhook

from api import keys, webhooks
from api.constants import Scope, WebhookEvent
from api.models import ApiKey, WebhookDelivery, WebhookEndpoint
from core.outbox import OutboxState
from tests.factories import OFFICE, unit
from tests.tracking.factories import ApplicationFactory
from tests.worker import committed_db, own_queue, running_worker, wait_for
from tracking import operations

from .receiver import Receiver

__all__ = ["committed_db"]

WORKER_SETTINGS = {
    "WEBHOOK_RETRY_BASE_SECONDS": "0.4",
    "WEBHOOK_RETRY_MAX_SECONDS": "1.5",
    "WEBHOOK_MAX_ATTEMPTS": "10",
    "WEBHOOK_TIMEOUT_SECONDS": "3",
    # The receiver listens on this machine over HTTP; a deployed worker checks each
    # delivery's address again and would refuse it.
    "WEBHOOK_ALLOW_HTTP": "true",
    "WEBHOOK_ALLOW_PRIVATE_HOSTS": "true",
}


@pytest.fixture(scope="module")
def worker(committed_db, tmp_path_factory):
    log_dir = tmp_path_factory.mktemp("worker")
    with (
        own_queue("webhook-test") as queue,
        running_worker(queue, log_dir, **WORKER_SETTINGS) as process,
    ):
        yield process


@pytest.fixture(scope="module")
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def db(committed_db):
    """The committed test database, not a rolled-back transaction."""


@pytest.fixture
def endpoint(db, receiver):
    key, _secret = keys.issue_api_key(name="Một cửa", units=[unit(OFFICE)], scopes=[Scope.READ])
    endpoint = WebhookEndpoint.objects.create(
        api_key=key,
        url=receiver.url,
        events=[WebhookEvent.ACCEPTED],
        secret=webhooks.new_secret(),
    )
    receiver.requests.clear()
    yield endpoint
    WebhookDelivery.objects.filter(endpoint=endpoint).delete()
    ApiKey.objects.filter(pk=key.pk).delete()


def accepted_application():
    application = ApplicationFactory(with_file=False)
    operations.accept_application(
        application=application, actor="Cán bộ một cửa", due_date=timezone.localdate()
    )
    return application


def delivered(receiver, count):
    def enough():
        return len(receiver.requests) >= count

    return enough


def test_the_worker_posts_the_signed_event(worker, receiver, endpoint):
    application = accepted_application()
    wait_for(delivered(receiver, 1), 30, "the webhook to arrive")
    request = receiver.requests[0]
    headers = {k.lower(): v for k, v in request["headers"].items()}
    event = Webhook(endpoint.secret).verify(request["body"], headers)
    assert event["type"] == "application.accepted"
    assert event["data"]["dossier_code"] == application.dossier_code
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    wait_for(lambda: WebhookDelivery.objects.get(pk=delivery.pk).state == OutboxState.SENT, 10)
    assert str(delivery.event_id) == headers["webhook-id"]


def test_a_failing_receiver_is_retried_by_the_worker_until_it_answers(worker, receiver, endpoint):
    receiver.answers = [500, 502, 503]
    accepted_application()
    wait_for(delivered(receiver, 4), 60, "the fourth attempt")
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    wait_for(lambda: WebhookDelivery.objects.get(pk=delivery.pk).state == OutboxState.SENT, 10)
    delivery.refresh_from_db()
    assert delivery.attempts == 4
    assert delivery.response_status == 200
    ids = {r["headers"]["webhook-id"] for r in receiver.requests}
    bodies = {r["body"] for r in receiver.requests}
    assert ids == {str(delivery.event_id)} and len(bodies) == 1
    assert json.loads(bodies.pop())["id"] == str(delivery.event_id)
