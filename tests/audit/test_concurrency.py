"""Appends at the same moment are numbered and chained one after the other (PostgreSQL:
the head row's lock; SQLite serialises writers by itself)."""

import threading

import pytest
from django.db import connection

from audit import chain
from audit.constants import ActorKind, AuditAction
from audit.models import AuditEntry

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS, EACH = 8, 10


def test_simultaneous_appends_make_one_unbroken_chain(postgres):
    barrier = threading.Barrier(THREADS)
    errors = []

    def append_some(worker):
        try:
            barrier.wait()
            for n in range(EACH):
                chain.append(
                    action=AuditAction.PERSONAL_DATA_VIEWED,
                    actor_kind=ActorKind.STAFF,
                    object_type="application",
                    object_id=f"{worker}-{n}",
                )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=append_some, args=(w,)) for w in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, THREADS * EACH + 1))
    result = chain.verify()
    assert result.broken is None and result.count == THREADS * EACH
