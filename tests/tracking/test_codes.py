"""Dossier codes: <unit identifier>-YYMMDD-NNNN, unique under concurrency."""

import datetime
import re
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from tests.conftest import require_service
from tests.factories import AgencyUnitFactory
from tests.tracking.factories import ApplicationFactory
from tracking.codes import SequenceExhausted, format_dossier_code, next_dossier_code
from tracking.models import Application

pytestmark = pytest.mark.django_db


def test_code_has_unit_date_and_four_digit_sequence():
    application = ApplicationFactory()
    day = timezone.localdate(application.submitted_at).strftime("%y%m%d")
    assert re.fullmatch(rf"000\.01\.12\.H34-{day}-\d{{4}}", application.dossier_code)


def test_sequence_counts_per_unit_and_per_day():
    day = datetime.date(2025, 3, 4)
    assert next_dossier_code("000.02.12.H34", day) == "000.02.12.H34-250304-0001"
    assert next_dossier_code("000.02.12.H34", day) == "000.02.12.H34-250304-0002"
    assert next_dossier_code("000.03.12.H34", day) == "000.03.12.H34-250304-0001"
    assert next_dossier_code("000.02.12.H34", day.replace(day=5)) == "000.02.12.H34-250305-0001"


def test_a_day_beyond_9999_applications_is_refused_rather_than_reusing_a_code():
    with pytest.raises(SequenceExhausted):
        format_dossier_code("000.01.12.H34", datetime.date(2026, 1, 1), 10000)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submissions_get_twenty_distinct_codes():
    require_service(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL")
    AgencyUnitFactory(identifier_code="000.02.12.H34", name="Thanh tra Sở", name_en="Inspectorate")
    codes, errors = [], []
    barrier = threading.Barrier(20)

    def submit():
        try:
            barrier.wait()
            codes.append(ApplicationFactory(unit_code="000.02.12.H34").dossier_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    day = timezone.localdate().strftime("%y%m%d")
    assert sorted(codes) == [f"000.02.12.H34-{day}-{n:04d}" for n in range(1, 21)]
    assert Application.objects.filter(dossier_code__in=codes).count() == 20
