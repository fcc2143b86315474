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


def loaded_data():
    """Which starting data the test database holds: "demo", "agency" or None."""
    from portal.models import HomePage
    from services.models import Procedure

    if Procedure.objects.exists():  # the agency of the factories has no procedure of its own
        return "demo"
    return "agency" if HomePage.objects.exists() else None


def load(wanted):
    """Put the starting data a test asks for in the database, outside its transaction."""
    from django.core.management import call_command

    current = loaded_data()
    if current == wanted:
        return
    if current is not None:
        call_command("flush", interactive=False, verbosity=0)
    if wanted == "demo":
        call_command("load_demo", verbosity=0)
    else:
        from tests.factories import build_agency

        build_agency()


DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def uses_database(item):
    return item.get_closest_marker("django_db") is not None or bool(
        DB_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def wants_demo(node):
    return node.get_closest_marker("demo") is not None


def pytest_collection_modifyitems(items):
    """The tests about the demo content run last in each process, so that the demo is
    loaded once, after every test that builds its own data has run without it."""
    items.sort(key=wants_demo)


@pytest.fixture(scope="module", autouse=True)
def starting_data(request, django_db_blocker):
    """Every database test starts from the small agency of `tests.factories`, or, in a
    module marked `demo`, from the demo content `make run` loads. A run without
    database tests never touches a database (not even the developer's own file)."""
    items = [item for item in request.session.items if item.module is request.module]
    if not any(uses_database(item) for item in items):
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        load("demo" if any(wants_demo(item) for item in items) else "agency")


@pytest.fixture(autouse=True)
def starting_data_again(request, starting_data, django_db_blocker):
    """A transactional test flushes the database when it ends; pytest-django runs
    those tests last, and each of them loads its starting data again if it is gone."""
    if is_transactional(request):
        with django_db_blocker.unblock():
            load("demo" if wants_demo(request.node) else "agency")


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
def default_language():
    """Each test starts in the site's language: a request to /en/… leaves English
    active in the thread after it (Django's LocaleMiddleware does not reset it)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


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
def site(db):
    """The agency's site: the default one, rooted at the home page."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def uncached(settings):
    """The page cache off: for tests that pin what a page costs when it is rendered."""
    settings.PAGE_CACHE_ENABLED = False
