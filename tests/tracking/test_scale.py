"""What keeps the desk and the statistics fast with many applications: counts and
statistics kept a short while, search by code prefix and by name, overdue found in SQL."""

import datetime
import re

import pytest
from django.core.cache import cache

from tests.factories import OFFICE
from tests.tracking.factories import ApplicationFactory
from tests.tracking.test_desk import make_staff
from tracking import operations, selectors, tasks
from tracking.models import Application

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(client):
    cache.clear()
    user = make_staff("mot-cua", OFFICE)
    client.force_login(user)
    yield user
    cache.clear()


def test_the_desk_counts_are_kept_a_minute_and_say_when_they_were_counted(client, clerk, settings):
    settings.DESK_COUNTS_SECONDS = 60
    ApplicationFactory()
    page = client.get("/admin/ho-so/tong-quan/").content.decode()
    assert "Số liệu lúc" in page and "(cập nhật mỗi phút)" in page
    assert selectors.desk_counts(clerk)["waiting"] == 1
    ApplicationFactory()
    assert selectors.desk_counts(clerk)["waiting"] == 1  # still the counted figure
    cache.clear()
    assert selectors.desk_counts(clerk)["waiting"] == 2


def test_the_public_statistics_are_counted_ahead_by_beat(client, settings):
    settings.STATISTICS_CACHE_SECONDS = 600
    cache.clear()
    ApplicationFactory()
    assert tasks.refresh_public_statistics() == 1
    ApplicationFactory(procedure_code="2.000002.000.00.00.H34", procedure_name="Thủ tục mới")
    rows = selectors.monthly_statistics_cached()
    assert [row["received"] for row in rows] == [1]  # what beat counted
    assert tasks.refresh_public_statistics() == 2
    cache.clear()


def test_the_desk_finds_by_the_start_of_a_code_and_by_name_or_organisation(client, clerk):
    application = ApplicationFactory()
    code = application.dossier_code
    for query in (code, code[:20].lower(), code[-11:], "nguyễn thị", "HOA"):
        html = client.get("/admin/ho-so/", {"q": query}).content.decode()
        assert code in html, query
    assert code not in client.get("/admin/ho-so/", {"q": "Trần Văn"}).content.decode()


def test_only_applications_past_their_due_date_are_read_for_flagging():
    today = datetime.date(2026, 12, 20)
    late = ApplicationFactory(accepted=True)  # due 7 December
    apologised = ApplicationFactory(accepted=True)
    Application.objects.filter(pk=apologised.pk).update(new_due_date=datetime.date(2026, 12, 31))
    assert operations.flag_overdue_applications(today=today) == 1
    late.refresh_from_db()
    apologised.refresh_from_db()
    assert (late.is_overdue, apologised.is_overdue) == (True, False)


def test_the_queue_counts_no_further_than_its_cap_and_asks_for_a_filter(client, clerk, monkeypatch):
    from tracking.desk import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 3)
    for _ in range(5):
        ApplicationFactory()
    page = client.get("/admin/ho-so/").content.decode()
    assert "Danh sách chỉ hiện 3 hồ sơ đầu tiên" in page
    assert len(set(re.findall(r'href="/admin/ho-so/(\d+)/"', page))) == 3
    assert (
        "Danh sách chỉ hiện"
        not in client.get("/admin/ho-so/", {"state": "accepted"}).content.decode()
    )
