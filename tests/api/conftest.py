"""Keys, tokens and applications of two units for the API tests."""

import pytest
from django.contrib.auth import get_user_model

from api import keys
from api.constants import Scope
from tests.factories import DIVISION, OFFICE, unit
from tests.tracking.factories import ApplicationFactory


@pytest.fixture
def office_key(db):
    """The one-stop system's key: the office's applications, read and write."""
    key, secret = keys.issue_api_key(
        name="Hệ thống một cửa tỉnh", units=[unit(OFFICE)], scopes=[Scope.READ, Scope.WRITE]
    )
    return key, {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def reader_key(db):
    key, secret = keys.issue_api_key(
        name="Bảng điều khiển", units=[unit(OFFICE)], scopes=[Scope.READ]
    )
    return key, {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def office_application(db):
    return ApplicationFactory(unit_code=OFFICE)


@pytest.fixture
def division_application(db):
    return ApplicationFactory(unit_code=DIVISION)


@pytest.fixture
def applicant(db):
    return get_user_model().objects.create_user(
        "hoa", "hoa.nguyen@example.vn", "mat-khau-dai-du-12", first_name="Hoa"
    )


def problem(response):
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    return response.json()
