"""The benchmark's fill command at a small N: realistic, consistent, and the portal keeps
numbering after it."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from tests.tracking.factories import ApplicationFactory
from tracking.constants import Action, State
from tracking.models import Application, ApplicationEvent, ApplicationFile

pytestmark = pytest.mark.django_db


def test_it_fills_applications_with_their_events_and_files(client):
    out = io.StringIO()
    call_command("fill_applications", 400, days=20, batch=150, stdout=out)
    assert "Đã tạo 400 hồ sơ." in out.getvalue()
    assert Application.objects.count() == 400
    states = set(Application.objects.values_list("state", flat=True))
    assert {State.DELIVERED, State.IN_PROGRESS, State.SUBMITTED, State.REFUSED} <= states
    # Every application has its submission, and the events its state implies.
    assert ApplicationEvent.objects.filter(action=Action.SUBMIT).count() == 400
    delivered = Application.objects.filter(state=State.DELIVERED)
    assert set(delivered.annotate(n=Count("events")).values_list("n", flat=True)) == {
        5
    }  # submit, accept, start, decide, deliver
    for application in delivered[:20]:
        assert application.events.order_by("at", "pk").last().to_state == State.DELIVERED
        assert application.accepted_at <= application.decided_at <= application.delivered_at
    assert ApplicationFile.objects.count() == 400
    codes = list(Application.objects.values_list("dossier_code", flat=True))
    assert len(set(codes)) == 400


def test_the_portal_numbers_after_the_filled_codes():
    call_command("fill_applications", 50, days=1, stdout=io.StringIO())
    filled = set(Application.objects.values_list("dossier_code", flat=True))
    new = ApplicationFactory()
    assert new.dossier_code not in filled


def test_it_refuses_an_impossible_count():
    with pytest.raises(CommandError, match="Số hồ sơ phải lớn hơn 0."):
        call_command("fill_applications", 0, stdout=io.StringIO())
