"""Dossier codes ("mã số hồ sơ")."""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F

from tracking.models import DossierSequence


class SequenceExhausted(Exception):
    """A unit received more than 9,999 applications in one day."""


def format_dossier_code(unit_code: str, day: date, number: int) -> str:
    """Dossier code per Thông tư 01/2018/TT-VPCP: <unit>-YYMMDD-NNNN."""
    if not 1 <= number <= 9999:
        raise SequenceExhausted(f"{unit_code} {day:%Y-%m-%d}: {number}")
    return f"{unit_code}-{day:%y%m%d}-{number:04d}"


def next_dossier_code(unit_code: str, day: date) -> str:
    """Take the next code of `unit_code` for `day`; unique under concurrency.

    The counter row is locked (PostgreSQL `SELECT … FOR UPDATE`; SQLite's
    immediate transactions serialise writers) until the caller's transaction
    ends, so two submissions never read the same number.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                DossierSequence.objects.get_or_create(unit_code=unit_code, day=day)
        except IntegrityError:
            pass  # another submission created the row first
        sequence = DossierSequence.objects.select_for_update().get(unit_code=unit_code, day=day)
        DossierSequence.objects.filter(pk=sequence.pk).update(last=F("last") + 1)
        sequence.refresh_from_db(fields=["last"])
        return format_dossier_code(unit_code, day, sequence.last)
