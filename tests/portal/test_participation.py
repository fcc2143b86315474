"""Citizens ask questions and comment on drafts; editors moderate before anything appears."""

import datetime

import pytest
from django.utils import timezone

from portal.models import DraftComment, DraftConsultationPage, Question
from tests.portal.factories import (
    DraftCommentFactory,
    DraftConsultationPageFactory,
    questions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def qa_page(db):
    """Hỏi đáp, with two answered questions and one waiting for an answer."""
    return questions()


QUESTION = {
    "asker_name": "Hoàng Thị Yến",
    "email": "yen.ht@example.vn",
    "phone": "0905 123 456",
    "address": "Nha Trang",
    "title": "Hồ sơ cấp phép bản tin cần mấy bộ?",
    "body": "Xin hỏi hồ sơ cấp giấy phép xuất bản bản tin cần nộp mấy bộ?",
}


def test_a_valid_question_is_stored_unpublished_and_acknowledged(client, qa_page):
    response = client.post("/hoi-dap/", QUESTION, follow=True)
    assert response.status_code == 200
    assert "Câu hỏi của bạn đã được gửi" in response.content.decode()
    question = Question.objects.get(title=QUESTION["title"])
    assert question.phone == "0905123456"
    assert not question.is_published and question.answered_at is None
    assert QUESTION["title"] not in client.get("/hoi-dap/").content.decode()


def test_an_invalid_question_explains_each_error_in_vietnamese_and_keeps_the_answers(
    client, qa_page
):
    data = {**QUESTION, "email": "khong-phai-email", "body": "", "phone": "12ab"}
    response = client.post("/hoi-dap/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vui lòng sửa các lỗi sau" in html
    assert "Thư điện tử không hợp lệ" in html
    assert "Vui lòng nhập nội dung câu hỏi." in html
    assert "Số điện thoại không hợp lệ" in html
    assert 'value="Hoàng Thị Yến"' in html and 'value="khong-phai-email"' in html
    assert not Question.objects.filter(title=QUESTION["title"]).exists()


def test_a_question_filling_the_hidden_field_is_refused(client, qa_page):
    response = client.post("/hoi-dap/", {**QUESTION, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not Question.objects.filter(title=QUESTION["title"]).exists()


def test_an_answered_and_published_question_appears_without_contact_details(client, qa_page):
    question = Question.objects.create(**{**QUESTION, "phone": "0905123456"})
    question.answer = "<p>Hồ sơ gồm 01 bộ.</p>"
    question.is_published = True
    question.save()
    listing = client.get("/hoi-dap/").content.decode()
    assert QUESTION["title"] in listing
    detail = client.get(f"/hoi-dap/{question.pk}/").content.decode()
    assert "Hồ sơ gồm 01 bộ." in detail
    assert QUESTION["email"] not in detail and "0905123456" not in detail


def test_an_unpublished_question_has_no_public_page(client, qa_page):
    question = Question.objects.create(**QUESTION)
    assert client.get(f"/hoi-dap/{question.pk}/").status_code == 404


def test_published_questions_can_be_searched(client, qa_page):
    html = client.get("/hoi-dap/", {"q": "bản tin"}).content.decode()
    assert "Thời hạn cấp giấy phép xuất bản bản tin" in html
    assert "Cách tra cứu tình trạng hồ sơ" not in html


COMMENT = {
    "full_name": "Phan Văn Khải",
    "email": "khai.pv@example.vn",
    "organisation": "Hội Doanh nghiệp",
    "body": "Đề nghị bổ sung điều khoản về bảo vệ dữ liệu cá nhân trên cổng.",
}


@pytest.fixture
def drafts(db):
    """The consultation page with a draft open for comments and one past its deadline,
    each with an approved comment and one waiting for moderation."""
    open_draft = DraftConsultationPageFactory()
    closed_draft = DraftConsultationPageFactory(closed=True)
    for draft in (open_draft, closed_draft):
        DraftCommentFactory(draft=draft, approved=True, full_name="Nguyễn Văn Bình")
        DraftCommentFactory(draft=draft)
    return open_draft, closed_draft


def open_draft():
    return DraftConsultationPage.objects.get(slug="du-thao-quy-che-cong-thong-tin")


def test_a_comment_waits_for_moderation_then_appears(client, drafts):
    draft = open_draft()
    response = client.post(draft.url, COMMENT, follow=True)
    assert "Ý kiến sẽ được đăng sau khi được kiểm duyệt" in response.content.decode()
    comment = DraftComment.objects.get(full_name="Phan Văn Khải")
    assert comment.status == DraftComment.Status.PENDING
    assert COMMENT["body"] not in client.get(draft.url).content.decode()

    comment.status = DraftComment.Status.APPROVED
    comment.save()
    html = client.get(draft.url).content.decode()
    assert COMMENT["body"] in html
    assert COMMENT["email"] not in html


def test_an_invalid_comment_keeps_what_was_typed(client, drafts):
    draft = open_draft()
    response = client.post(draft.url, {**COMMENT, "email": "", "body": "ngắn"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vui lòng nhập thư điện tử." in html
    assert "Nội dung góp ý quá ngắn" in html
    assert "ngắn</textarea>" in html and 'value="Phan Văn Khải"' in html
    assert not DraftComment.objects.filter(full_name="Phan Văn Khải").exists()


def test_a_closed_draft_refuses_comments(client, drafts):
    draft = DraftConsultationPage.objects.get(slug="du-thao-ke-hoach-chuyen-doi-so")
    assert draft.closes_on < timezone.localdate()
    response = client.post(draft.url, COMMENT)
    assert response.status_code == 400
    assert "Đã hết thời hạn góp ý" in response.content.decode()
    assert not DraftComment.objects.filter(full_name="Phan Văn Khải").exists()


def test_the_consultation_list_separates_open_and_closed_drafts(client, drafts):
    html = client.get("/lay-y-kien/").content.decode()
    open_part, closed_part = html.split("Dự thảo đã hết hạn góp ý")
    assert "Dự thảo Quy chế quản lý" in open_part
    assert "Dự thảo Kế hoạch chuyển đổi số" in closed_part


def test_a_draft_is_open_through_its_last_day(drafts):
    draft = open_draft()
    assert draft.is_open(draft.closes_on)
    assert not draft.is_open(draft.closes_on + datetime.timedelta(days=1))
    assert not draft.is_open(draft.opens_on - datetime.timedelta(days=1))
