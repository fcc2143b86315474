"""Two submissions of the same draft at the same moment make one application (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from forms import operations
from forms.models import Draft, FormDefinition
from tracking.models import Application

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_submissions_of_one_draft_file_one_application(postgres, printing):
    version = FormDefinition.objects.get(slug="dang-ky-co-so-in").live_version
    draft = Draft.objects.create(version=version)
    answers = {"ten_co_so": "Cơ sở in Đồng Thời", "ho_ten": "Phạm Văn Đồng"}
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            results.append(
                operations.submit_draft(draft=Draft.objects.get(pk=draft.pk), answers=answers).code
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1
    assert Application.objects.filter(idempotency_key=draft.idempotency_key).count() == 1
