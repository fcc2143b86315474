"""Notices survive a broker outage: a real Celery worker, a Redis broker that is
stopped and started again, PostgreSQL, and the e-mails counted as the worker wrote
them (one file each)."""

import shutil
import socket
import subprocess
import time
import uuid
from email import message_from_bytes, policy

import pytest
import redis
from django.utils import timezone

from tests.conftest import require_service
from tests.tracking.factories import ApplicationFactory
from tests.tracking.test_desk import make_staff
from tests.worker import WorkerProcess, committed_db, point_app_at, wait_for, worker_environment
from tracking import notifications
from tracking.constants import Action, State
from tracking.models import NoticeEmail

__all__ = ["committed_db"]

WORKER_TIMINGS = {
    "NOTICE_RETRY_BASE_SECONDS": "0.4",
    "NOTICE_RETRY_MAX_SECONDS": "1.5",
    "NOTICE_SENDING_LEASE_SECONDS": "4",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A broker of this test's own, on a port of its own, so that it can be stopped."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def is_up(self):
        try:
            return redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.is_up, 15, "the test broker to start")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        wait_for(lambda: not self.is_up(), 10, "the test broker to stop")


@pytest.fixture(scope="module")
def broker(committed_db):
    require_service(shutil.which("redis-server"), "needs redis-server (apt install redis-server)")
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def queue(broker):
    from portal.celery import app as celery_app

    name = f"notice-test-{uuid.uuid4().hex[:8]}"
    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    point_app_at(broker.url, name)
    yield name
    point_app_at(saved[0], "celery", eager=saved[1])


@pytest.fixture(scope="module")
def mail_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("mail")


@pytest.fixture(scope="module")
def worker(broker, queue, mail_dir, tmp_path_factory):
    env = worker_environment(
        queue,
        broker.url,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
        **WORKER_TIMINGS,
    )
    process = WorkerProcess(env, queue, tmp_path_factory.mktemp("worker") / "worker.log")
    process.start()
    yield process
    process.stop()


@pytest.fixture
def db(committed_db):
    """The committed test database, not a rolled-back transaction."""


@pytest.fixture(autouse=True)
def same_settings(db, settings):
    settings.NOTICE_STUCK_AFTER_SECONDS = 0
    for name, value in WORKER_TIMINGS.items():
        setattr(settings, name, float(value))


def emails_in(folder):
    """Every e-mail the worker's file backend wrote, parsed."""
    found = []
    for path in sorted(folder.iterdir()):
        for chunk in path.read_bytes().split(b"-" * 79 + b"\n"):
            if chunk.strip():
                found.append(message_from_bytes(chunk, policy=policy.default))
    return found


def test_acceptance_notices_sent_while_the_broker_is_down_arrive_once_it_is_back(
    worker, broker, mail_dir, client
):
    broker.stop()
    started = time.monotonic()
    applications = [ApplicationFactory(accepted=True) for _ in range(5)]
    assert time.monotonic() - started < 120
    for application in applications:
        application.refresh_from_db()
        assert application.state == State.ACCEPTED
    notices = NoticeEmail.objects.filter(event__application__in=applications)
    assert notices.count() == 10  # submitted and accepted, for each application
    assert set(notices.values_list("state", flat=True)) == {"queued"}
    assert emails_in(mail_dir) == []

    broker.start()
    wait_for(lambda: b"Connected to redis" in worker.log_path.read_bytes(), 60, "reconnection")

    def all_sent():
        notifications.sweep_notices()  # what beat runs every two minutes
        return set(notices.values_list("state", flat=True)) == {"sent"}

    wait_for(all_sent, 60, "the notices to be sent")
    emails = emails_in(mail_dir)
    assert len(emails) == 10
    codes = [a.dossier_code for a in applications]
    receipts = [e for e in emails if "Tiếp nhận hồ sơ" in e["Subject"]]
    assert len(receipts) == 5, [e["Subject"] for e in emails]
    assert sorted(c for c in codes for e in receipts if c in e["Subject"]) == sorted(codes)
    assert all(e["To"] == "hoa.nguyen@example.vn" for e in emails)

    staff = make_staff("mot-cua-thu", "000.01.12.H34")
    client.force_login(staff)
    html = client.get(f"/admin/ho-so/{applications[0].pk}/").content.decode()
    staff.delete()
    accepted = notices.get(event__application=applications[0], event__action=Action.ACCEPT)
    sent_at = timezone.localtime(accepted.sent_at)  # the desk shows the agency's time
    assert f"Đã gửi tới hoa.nguyen@example.vn lúc {sent_at:%d/%m/%Y}" in html
