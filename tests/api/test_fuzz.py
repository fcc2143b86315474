"""The API fuzzed from its own OpenAPI schema by schemathesis (its command-line runner,
as an integrator would run it) against the live server: no answer is a 5xx, and every
answer conforms to the schema (status code, content type, body). Integrator
endpoints are called with a key of both scopes, so the desk's actions run for real
on the applications made here."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from api import keys
from api.constants import Scope
from tests.factories import OFFICE, online_procedure, unit
from tests.tracking.factories import ApplicationFactory

pytestmark = pytest.mark.django_db(transaction=True)
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def schemathesis_command():
    found = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "schemathesis.cli"]


def fuzz(url, secret, tmp_path, *extra):
    run = subprocess.run(
        [
            *schemathesis_command(),
            "run",
            f"{url}/api/v1/openapi.json",
            "--checks",
            CHECKS,
            "--max-examples",
            "25",
            "--seed",
            "20261202",
            "--header",
            f"Authorization: Bearer {secret}",
            "--request-timeout",
            "20",
            "--no-color",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


def test_the_applicants_endpoints_with_a_personal_token(live_server, settings, tmp_path):
    settings.API_RATE_PER_ADDRESS = settings.API_RATE_PER_KEY = "100000/m"
    user = get_user_model().objects.create_user("hoa", "hoa@example.vn", "mat-khau-dai-du-12")
    ApplicationFactory(user=user, decided=True)
    _token, secret = keys.issue_personal_token(user=user, name="Điện thoại")
    fuzz(live_server.url, secret, tmp_path, "--include-path-regex", "^/api/v1/me/")


def test_the_api_never_fails_and_answers_as_its_schema_says(live_server, settings, tmp_path):
    # The fuzzer calls faster than any client may; the limits have their own tests.
    settings.API_RATE_PER_ADDRESS = settings.API_RATE_PER_KEY = "100000/m"
    settings.TRACKING_LOOKUP_RATE = "100000/m"
    online_procedure(level=4, fees=[("Lệ phí", 100_000)])
    for trait in ({}, {"accepted": True}, {"decided": True}):
        ApplicationFactory(**trait)
    _key, secret = keys.issue_api_key(
        name="Kiểm thử", units=[unit(OFFICE)], scopes=[Scope.READ, Scope.WRITE]
    )
    fuzz(live_server.url, secret, tmp_path)
