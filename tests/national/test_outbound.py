"""Outbound sync: each change of an application reaches the national portal, in order,
in the guide's payloads (checked by the fake portal's schemas), once."""

import pytest

from core.outbox import OutboxState
from national.constants import Service
from national.models import NationalMessage
from tests.national.conftest import send_all
from tests.tracking.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_submission_and_each_change_are_synchronised_in_order(
    fake_portal, sent_later, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(decided=True)
    send_all(sent_later)
    code = application.dossier_code
    assert fake_portal.refused == []
    created, *updates = fake_portal.received(Service.APPLICATION, code)
    assert created["isUpdating"] == "False"
    assert created["data"][0]["TrangThaiHoSo"] == "1"
    assert [u["data"][0]["TrangThaiHoSo"] for u in updates] == ["2", "4", "9"]
    assert updates[-1]["data"][0]["DanhSachGiayToKetQua"][0]["TenGiayTo"] == "Giấy phép"
    progress = fake_portal.received(Service.PROGRESS, code)
    assert [p["data"][0]["TrangThai"] for p in progress] == ["2", "4", "9"]
    assert set(NationalMessage.objects.values_list("state", flat=True)) == {OutboxState.SENT}
