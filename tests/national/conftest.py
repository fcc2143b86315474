"""The national sync's tests: a fake national portal and the settings that reach it."""

import pytest

from national.sync import OUTBOX
from tests.national.fake_portal import FakeNationalPortal


@pytest.fixture(scope="session")
def national_portal():
    portal = FakeNationalPortal()
    yield portal
    portal.close()


@pytest.fixture
def fake_portal(national_portal, settings):
    """The http transport pointed at a fresh fake national portal; quick timeouts."""
    national_portal.reset()
    for name, value in national_portal.settings().items():
        setattr(settings, name, value)
    settings.NATIONAL_TIMEOUT = 1.0
    settings.NATIONAL_CONNECT_TIMEOUT = 1.0
    yield national_portal
    national_portal.reset()


@pytest.fixture
def sent_later(monkeypatch):
    """What was handed to Celery, instead of sending it: the test sends it itself."""
    handed = []
    monkeypatch.setattr(OUTBOX, "enqueue", lambda pk: handed.append(pk) or True)
    return handed


def send_all(handed):
    """Send what was handed to Celery, and what each send hands on, until nothing is left."""
    outcomes = []
    while handed:
        outcomes.append(OUTBOX.send(handed.pop(0)))
    return outcomes
