"""A real Celery worker for tests: a subprocess on a real broker and the real
PostgreSQL, with the committed database it needs (the worker is another process,
so these tests run outside pytest-django's per-test transaction)."""

import contextlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection

from portal.celery import app as celery_app
from tests.conftest import load, require_service
from tracking.exchange.models import ExchangeMessage, InboundPackage
from tracking.models import (
    Application,
    ApplicationEvent,
    ApplicationFile,
    DossierSequence,
    NoticeEmail,
)

BROKER_URL = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/13")
UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"
PROJECT_DIR = Path(__file__).resolve().parents[1]


def wait_for(predicate, timeout=30.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def broker_is_up(url):
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def point_app_at(broker_url, queue, *, eager=False):
    """Send this process's tasks to `broker_url`/`queue` (or run them eagerly)."""
    celery_app.conf.update(broker_url=broker_url, task_always_eager=eager, task_default_queue=queue)
    # Drop this app's handles only: kombu keeps one pool per broker, shared.
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)


class WorkerProcess:
    """`celery -A portal worker` in a subprocess, with the settings of a deployed worker."""

    def __init__(self, env, queue, log_path):
        self.env = env
        self.queue = queue
        self.log_path = log_path
        self.process = None

    def start(self, timeout=60):
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "portal",
                    "worker",
                    "-P",
                    "solo",
                    "-Q",
                    self.queue,
                    "-n",
                    f"{self.queue}-{uuid.uuid4().hex[:4]}@%h",
                    "--without-heartbeat",
                    "--without-mingle",
                    "--without-gossip",
                    "-l",
                    "INFO",
                ],  # fmt: skip
                cwd=PROJECT_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

        def ready():
            assert self.process.poll() is None, self.log_path.read_text()[-3000:]
            return b" ready." in self.log_path.read_bytes()[offset:]

        wait_for(ready, timeout, "the Celery worker to start")

    def kill(self):
        self.process.kill()
        self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


def database_url():
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def committed_db(django_db_setup, django_db_blocker):
    """Database access without the per-test transaction; what the tests add is removed after."""
    with django_db_blocker.unblock():
        require_service(
            connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL=postgres://…"
        )
        load("agency")
        last_application = Application.objects.order_by("-pk").values_list("pk", flat=True).first()
        last_inbound = InboundPackage.objects.order_by("-pk").values_list("pk", flat=True).first()
        sequences = {(s.unit_code, s.day): s.last for s in DossierSequence.objects.all()}
        yield
        created = Application.objects.filter(pk__gt=last_application or 0)
        InboundPackage.objects.filter(pk__gt=last_inbound or 0).delete()
        ExchangeMessage.objects.filter(application__in=created).delete()
        NoticeEmail.objects.filter(event__application__in=created).delete()
        ApplicationFile.objects.filter(application__in=created).delete()
        ApplicationEvent.objects.filter(application__in=created).delete()
        created.delete()
        for sequence in DossierSequence.objects.all():
            key = (sequence.unit_code, sequence.day)
            if key not in sequences:
                sequence.delete()
            elif sequences[key] != sequence.last:
                DossierSequence.objects.filter(pk=sequence.pk).update(last=sequences[key])


def worker_environment(queue, broker_url, **extra):
    """The environment of a deployed worker on this test run's database and files."""
    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": database_url(),
        "DB_CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "AGENCY_CERTIFICATE_PATH": str(settings.AGENCY_CERTIFICATE_PATH),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    env.pop("REDIS_URL", None)
    return env


@contextlib.contextmanager
def own_queue(prefix):
    """A queue of this test module's own on the test broker, this process's tasks sent to
    it for the duration, and removed after."""
    require_service(broker_is_up(BROKER_URL), f"needs Redis at {BROKER_URL}")
    name = f"{prefix}-{uuid.uuid4().hex[:8]}"
    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    point_app_at(BROKER_URL, name)
    try:
        yield name
    finally:
        point_app_at(saved[0], "celery", eager=saved[1])
        redis.Redis.from_url(BROKER_URL).delete(name)


@contextlib.contextmanager
def running_worker(queue, log_dir, **settings):
    """A deployed worker on `queue`, with these settings in its environment."""
    env = worker_environment(
        queue,
        BROKER_URL,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        **settings,
    )
    process = WorkerProcess(env, queue, Path(log_dir) / "worker.log")
    process.start()
    try:
        yield process
    finally:
        process.stop()
