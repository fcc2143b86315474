"""Webhooks: written with the event, signed as Standard Webhooks specifies (checked with
that specification's own library), retried, swept, failed and re-sent from the admin."""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from standardwebhooks import Webhook, WebhookVerificationError

from api import keys, webhooks
from api.constants import Scope, WebhookEvent
from api.models import WebhookDelivery, WebhookEndpoint
from core.outbox import OutboxState
from tests.factories import DIVISION, OFFICE, unit
from tests.tracking.factories import ApplicationFactory
from tracking import operations

from .receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


def endpoint_for(units, url, events=tuple(WebhookEvent)):
    key, _secret = keys.issue_api_key(name="Một cửa", units=units, scopes=[Scope.READ])
    return WebhookEndpoint.objects.create(
        api_key=key, url=url, events=list(events), secret=webhooks.new_secret()
    )


@pytest.fixture
def endpoint(receiver):
    return endpoint_for([unit(OFFICE)], receiver.url)


def accept(application):
    operations.accept_application(
        application=application, actor="Cán bộ một cửa", due_date=timezone.localdate()
    )


def test_an_accepted_application_is_announced_signed_and_thin(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(with_file=False)
        accept(application)
    types = [json.loads(r["body"])["type"] for r in receiver.requests]
    # Filing is not a change of state; accepting is both "accepted" and a change.
    assert types == [
        "application.submitted",
        "application.accepted",
        "application.state_changed",
    ]
    request = receiver.requests[1]
    headers = {k.lower(): v for k, v in request["headers"].items()}
    verified = Webhook(endpoint.secret).verify(request["body"], headers)
    assert verified["data"]["dossier_code"] == application.dossier_code
    assert verified["data"]["state"] == "accepted"
    assert verified["data"]["previous_state"] == "submitted"
    assert headers["webhook-id"] == verified["id"]
    text = request["body"].decode()
    for private in ("Nguyễn Thị Hoa", "hoa.nguyen@example.vn", "056190000123"):
        assert private not in text
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {OutboxState.SENT}


def test_a_tampered_body_or_an_old_timestamp_fails_verification(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ApplicationFactory(with_file=False)
    request = receiver.requests[0]
    headers = {k.lower(): v for k, v in request["headers"].items()}
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint.secret).verify(request["body"].replace(b"submitted", b"accepted"), headers)
    old = dict(headers, **{"webhook-timestamp": str(int(headers["webhook-timestamp"]) - 600)})
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint.secret).verify(request["body"], old)
    with pytest.raises(WebhookVerificationError):
        Webhook(webhooks.new_secret()).verify(request["body"], headers)


def test_only_the_units_endpoints_and_the_subscribed_events_get_deliveries(receiver):
    office = endpoint_for([unit(OFFICE)], receiver.url, [WebhookEvent.ACCEPTED])
    division = endpoint_for([unit(DIVISION)], receiver.url)
    accept(ApplicationFactory(with_file=False))
    deliveries = WebhookDelivery.objects.all()
    assert [(d.endpoint_id, d.event_type) for d in deliveries] == [
        (office.pk, WebhookEvent.ACCEPTED)
    ]
    assert not division.deliveries.exists()


def test_an_event_rolled_back_sends_nothing(endpoint):
    application = ApplicationFactory(with_file=False)
    before = WebhookDelivery.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        accept(application)
        raise RuntimeError("the clerk's transaction failed")
    assert WebhookDelivery.objects.count() == before


def test_a_failing_receiver_is_retried_with_the_same_id_and_body_until_it_answers(
    receiver, endpoint, settings, django_capture_on_commit_callbacks
):
    receiver.answers = [500]
    with django_capture_on_commit_callbacks(execute=True):
        ApplicationFactory(with_file=False)
    delivery = WebhookDelivery.objects.get(event_type=WebhookEvent.SUBMITTED)
    assert delivery.state == OutboxState.QUEUED
    assert delivery.last_error == "HTTP 500"
    assert delivery.next_attempt_at > timezone.now()
    later = timezone.now() + timedelta(seconds=settings.WEBHOOK_RETRY_MAX_SECONDS * 2)
    webhooks.OUTBOX.sweep(now=later)
    delivery.refresh_from_db()
    assert delivery.state == OutboxState.SENT
    assert delivery.attempts == 2
    first, second = [
        r for r in receiver.requests if json.loads(r["body"])["type"] == "application.submitted"
    ]
    assert first["headers"]["webhook-id"] == second["headers"]["webhook-id"]
    assert first["body"] == second["body"]


def test_a_receiver_down_for_good_fails_and_the_admin_sends_again(
    receiver, endpoint, settings, admin_client, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    receiver.answers = [503]
    with django_capture_on_commit_callbacks(execute=True):
        ApplicationFactory(with_file=False)
    delivery = WebhookDelivery.objects.get(event_type=WebhookEvent.SUBMITTED)
    assert delivery.state == OutboxState.FAILED
    listing = admin_client.get("/admin/luot-gui-webhook/?state=failed")
    assert listing.status_code == 200
    assert f"/admin/api/webhook/{delivery.pk}/gui-lai/" in listing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/api/webhook/{delivery.pk}/gui-lai/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.state == OutboxState.SENT


def test_gone_disables_the_endpoint(receiver, endpoint, django_capture_on_commit_callbacks):
    receiver.answers = [410]
    with django_capture_on_commit_callbacks(execute=True):
        ApplicationFactory(with_file=False)
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert WebhookDelivery.objects.get(event_type=WebhookEvent.SUBMITTED).state == "failed"


def test_a_revoked_keys_endpoint_gets_no_more_events(endpoint):
    keys.revoke(endpoint.api_key)
    ApplicationFactory(with_file=False)
    assert not WebhookDelivery.objects.exists()


def test_the_admin_shows_a_new_keys_secret_once(admin_client):
    response = admin_client.post(
        "/admin/khoa-api/new/",
        {"name": "Bảng điều khiển", "units": [unit(OFFICE).pk], "scopes": ["read"]},
        follow=True,
    )
    assert response.status_code == 200
    text = response.content.decode()
    start = text.index("dvc_key_")
    secret = text[start : start + 51].split("<")[0].split('"')[0].strip()
    assert keys.find(secret) is not None
    assert secret not in admin_client.get("/admin/khoa-api/").content.decode()


def test_an_address_typed_in_the_admin_without_its_scheme_is_taken_as_https(
    admin_client, settings, monkeypatch
):
    settings.WEBHOOK_ALLOW_HTTP = settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    monkeypatch.setattr(webhooks, "public_address", lambda host, port: "203.0.113.7")
    key, _secret = keys.issue_api_key(name="Một cửa", units=[unit(OFFICE)], scopes=["read"])
    response = admin_client.post(
        "/admin/webhook/new/",
        {
            "api_key": key.pk,
            "url": "hooks.example.vn/portal",
            "events": ["application.accepted"],
            "is_active": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.url == "https://hooks.example.vn/portal"
    assert "Đã thêm webhook https://hooks.example.vn/portal" in response.content.decode()


def test_an_integrator_registers_lists_and_removes_its_webhooks(client, receiver):
    key, secret = keys.issue_api_key(name="Một cửa", units=[unit(OFFICE)], scopes=[Scope.READ])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    created = client.post(
        "/api/v1/webhooks",
        {"url": receiver.url, "events": ["application.accepted"]},
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["secret"].startswith("whsec_")
    listed = client.get("/api/v1/webhooks", **headers).json()
    assert [w["url"] for w in listed] == [receiver.url]
    assert "secret" not in listed[0]
    accept(ApplicationFactory(with_file=False))
    assert WebhookDelivery.objects.filter(endpoint_id=body["id"]).count() == 1
    other, other_secret = keys.issue_api_key(name="Khác", units=[unit(OFFICE)], scopes=["read"])
    foreign = client.delete(
        f"/api/v1/webhooks/{body['id']}", HTTP_AUTHORIZATION=f"Bearer {other_secret}"
    )
    assert foreign.status_code == 404
    assert client.delete(f"/api/v1/webhooks/{body['id']}", **headers).status_code == 204
    assert not WebhookEndpoint.objects.filter(pk=body["id"]).exists()


@pytest.mark.parametrize(
    "url,message",
    [
        ("http://hooks.example.vn/x", "Địa chỉ nhận phải dùng HTTPS."),
        ("https://127.0.0.1:6379/", "Địa chỉ nhận không được trỏ vào mạng nội bộ (127.0.0.1)."),
        ("https://10.0.0.5/hook", "Địa chỉ nhận không được trỏ vào mạng nội bộ (10.0.0.5)."),
        ("ftp://example.vn/", "Nhập một URL hợp lệ."),
        ("https://example.vn:99999/", "Nhập một URL hợp lệ."),
    ],
)
def test_a_webhook_cannot_aim_at_plain_http_or_internal_hosts(client, settings, url, message):
    settings.WEBHOOK_ALLOW_HTTP = settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    _key, secret = keys.issue_api_key(name="Một cửa", units=[unit(OFFICE)], scopes=["read"])
    response = client.post(
        "/api/v1/webhooks",
        {"url": url, "events": ["application.accepted"]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"loc": ["body", "url"], "message": message}]
    assert not WebhookEndpoint.objects.exists()


def resolving(monkeypatch, address):
    """The agency's resolver, answering `address` for every name."""

    def getaddrinfo(host, port, *args, **kwargs):
        return [(2, 1, 6, "", (address, port))]

    monkeypatch.setattr(webhooks.socket, "getaddrinfo", getaddrinfo)


def test_a_name_re_pointed_inside_the_network_after_registration_is_not_reached(
    receiver, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_ALLOW_HTTP = True
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    resolving(monkeypatch, "203.0.114.7")  # public when the integrator registered it
    port = receiver.url.split(":")[2].split("/")[0]
    url = webhooks.checked_url(f"http://hooks.example.vn:{port}/hook")
    endpoint_for([unit(OFFICE)], url)
    resolving(monkeypatch, "127.0.0.1")  # then pointed at this machine
    with django_capture_on_commit_callbacks(execute=True):
        ApplicationFactory(with_file=False)
    delivery = WebhookDelivery.objects.get(event_type=WebhookEvent.SUBMITTED)
    assert delivery.state == OutboxState.QUEUED
    assert "mạng nội bộ (127.0.0.1)" in delivery.last_error
    assert receiver.requests == []


def test_a_delivery_goes_to_the_address_that_was_checked(
    receiver, settings, monkeypatch, django_capture_on_commit_callbacks
):
    # The name resolves once, to what the check saw; the connection does not ask the
    # resolver again (which could answer otherwise: DNS rebinding).
    settings.WEBHOOK_ALLOW_HTTP = True
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    asked = []

    def checked(host, port):
        asked.append(host)
        return "127.0.0.1"  # this test's receiver, standing for the public address

    monkeypatch.setattr(webhooks, "public_address", checked)
    port = receiver.url.split(":")[2].split("/")[0]
    endpoint_for([unit(OFFICE)], f"http://hooks.example.vn:{port}/hook?ma=1")
    with django_capture_on_commit_callbacks(execute=True):
        ApplicationFactory(with_file=False)
    assert WebhookDelivery.objects.get().state == OutboxState.SENT
    [request] = receiver.requests
    assert request["headers"]["Host"] == f"hooks.example.vn:{port}"
    assert asked == ["hooks.example.vn"]


def test_result_ready_waits_for_the_result_file_of_a_decision_recorded_without_it(endpoint):
    from tests.tracking.factories import stored_file
    from tests.tracking.pdf_signers import result_pdf

    application = ApplicationFactory(in_progress=True)
    before = set(WebhookDelivery.objects.values_list("pk", flat=True))
    # Status 06 of the document exchange: decided, the file still to come.
    operations.record_result(application=application, actor="exchange", files=[])
    decided = WebhookDelivery.objects.exclude(pk__in=before)
    assert [d.event_type for d in decided] == [WebhookEvent.STATE_CHANGED]
    before |= set(decided.values_list("pk", flat=True))
    operations.attach_result(
        application=application,
        actor="Phòng chuyên môn",
        files=[stored_file("giay-phep.pdf", content=result_pdf(), label="Giấy phép")],
    )
    attached = WebhookDelivery.objects.exclude(pk__in=before)
    assert [d.event_type for d in attached] == [WebhookEvent.RESULT_READY]
    assert attached.get().payload["data"]["action"] == "attach_result"
