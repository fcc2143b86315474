"""Shared fixtures.

Tests that need a real service (PostgreSQL, Redis, Chromium) skip with a reason
on a machine without it, and fail instead when REQUIRE_SERVICES=1 (CI).
"""

import os
import shutil

import pytest
from django.db import connection

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def require_service(available, reason):
    """Skip (or, in CI, fail) when a service the test is about is missing."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def postgres(db):
    """The test database is the real PostgreSQL server."""
    require_service(
        connection.vendor == "postgresql",
        "needs PostgreSQL: set DATABASE_URL=postgres://…",
    )
    return connection


@pytest.fixture
def chromium_path():
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    require_service(bool(path) and os.path.exists(path), "needs Chromium (apt install chromium)")
    return path


@pytest.fixture
def demo_site(db):
    """The whole demo agency, as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)
