"""The daily pushes: yesterday's figures per procedure, and the answered questions."""

import datetime

import pytest
from django.utils import timezone

from national import operations
from national.constants import Service
from national.models import NationalMessage
from portal.models import Question
from tests.national.conftest import send_all
from tests.tracking.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_the_days_figures_are_pushed_once_per_day(
    fake_portal, sent_later, django_capture_on_commit_callbacks
):
    ApplicationFactory(decided=True)
    ApplicationFactory(refused=True)
    ApplicationFactory(procedure_code="2.000001.000.00.00.H34", procedure_name="Thủ tục khác")
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert operations.push_statistics(day=today) == 1
        assert operations.push_statistics(day=today) == 0  # beat ran twice: once only
    send_all(sent_later)
    assert fake_portal.refused == []
    [pushed] = fake_portal.received(Service.STATISTICS)
    assert pushed["NgayThongKe"] == today.strftime("%Y%m%d")
    rows = {row["MaTTHC"]: row for row in pushed["data"]}
    newsletter = rows["1.004227.000.00.00.H34"]
    assert (newsletter["TiepNhan"], newsletter["DaGiaiQuyet"], newsletter["TuChoi"]) == (2, 1, 1)
    assert rows["2.000001.000.00.00.H34"]["TiepNhan"] == 1
    yesterday = operations.daily_figures(today - datetime.timedelta(days=1))
    assert yesterday == []


def test_answered_questions_are_pushed_and_pushed_again_when_the_answer_changes(
    fake_portal, sent_later, django_capture_on_commit_callbacks
):
    question = Question.objects.create(
        asker_name="Trần Văn Nam",
        email="nam@example.vn",
        title="Thời hạn cấp giấy phép xuất bản bản tin?",
        body="Bao lâu thì có giấy phép?",
        answer="<p>Trong 10 ngày làm việc.</p>",
        answered_by="Phòng Thông tin - Báo chí",
        answered_at=timezone.now() - datetime.timedelta(days=1),
        is_published=True,
    )
    Question.objects.create(asker_name="Ẩn", email="an@example.vn", title="Chưa trả lời", body="?")
    with django_capture_on_commit_callbacks(execute=True):
        assert operations.push_answered_questions() == 1
        assert operations.push_answered_questions() == 0
        Question.objects.filter(pk=question.pk).update(answered_at=timezone.now())
        assert operations.push_answered_questions() == 1
    send_all(sent_later)
    pushed = fake_portal.received(Service.QUESTIONS)
    assert [body["data"][0]["MaCauHoi"] for body in pushed] == [str(question.pk)] * 2
    assert pushed[0]["data"][0]["NoiDungTraLoi"] == "<p>Trong 10 ngày làm việc.</p>"
    assert "nam@example.vn" not in str(pushed)  # the asker's contacts stay here
    assert NationalMessage.objects.filter(application__isnull=True).count() == 2
