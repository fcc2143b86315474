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


def demo_is_loaded():
    from portal.models import HomePage

    return HomePage.objects.exists()


def load_demo_if_missing():
    if not demo_is_loaded():
        from django.core.management import call_command

        call_command("load_demo", verbosity=0)


DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def uses_database(item):
    return item.get_closest_marker("django_db") is not None or bool(
        DB_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(scope="session", autouse=True)
def demo_content_once(request, django_db_blocker):
    """Every test database holds the demo agency, loaded once per test process,
    outside any test's transaction so that it stays. A run without database
    tests never touches a database (not even the developer's own file)."""
    if not any(uses_database(item) for item in request.session.items):
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        load_demo_if_missing()


@pytest.fixture(autouse=True)
def demo_content(request, demo_content_once, django_db_blocker):
    """A transactional test flushes the database when it ends; pytest-django runs
    those tests last, and each of them loads the demo again if it is gone."""
    if is_transactional(request):
        with django_db_blocker.unblock():
            load_demo_if_missing()


def is_transactional(request):
    """By fixture (`transactional_db`, `live_server`) or by marker
    (`@pytest.mark.django_db(transaction=True)`)."""
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        return True
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return False
    return bool(marker.kwargs.get("transaction") or (marker.args and marker.args[0]))


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
    """The demo agency's site, as `make run` loads it."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)
