"""Explicit consent to the privacy notice on the review step, recorded with the application."""

import hashlib

import pytest

from tracking.constants import Action
from tracking.models import Application, PrivacyNoticeText
from tracking.privacy import consent_of

from .conftest import ANSWERS

pytestmark = pytest.mark.django_db

STATEMENT = "Tôi đã đọc Thông báo xử lý dữ liệu cá nhân và đồng ý"


def test_the_review_step_says_what_why_how_long_by_whom_with_an_unticked_box(walker):
    walker.fill()
    html = walker.review().content.decode()
    assert STATEMENT in html
    assert (
        "Mục đích: tiếp nhận, giải quyết và trả kết quả thủ tục “Đăng ký thông tin hoạt động”"
        in html
    )
    assert "2 năm sau khi hồ sơ kết thúc" in html
    assert "Bên xử lý: Sở Khoa học và Công nghệ tỉnh Khánh Hòa" in html
    assert 'href="/bao-ve-du-lieu-ca-nhan/?thu_tuc=1.009999.000.00.00.H34"' in html
    box = html[html.index('name="xem-lai-privacy_consent"') - 200 :]
    box = box[: box.index(">", 200) + 1]
    assert "checked" not in box


def test_submitting_without_consent_is_refused_and_keeps_every_answer(walker):
    walker.fill()
    response = walker.submit()
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vui lòng đánh dấu đồng ý cho cơ quan xử lý dữ liệu cá nhân để nộp hồ sơ" in html
    assert "Các thông tin bạn đã khai vẫn được giữ nguyên." in html
    assert not Application.objects.exists()
    # The answers are all still there, on the review page and in the step.
    assert ANSWERS["noi_dung"] in html and "cccd.pdf" in html
    step = walker.client.get("/bieu-mau/dang-ky-thong-tin/buoc-1/").content.decode()
    assert 'value="0905123456"' in step
    # Ticking the box now files the application with the answers given before.
    response = walker.submit(privacy_consent="on")
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.answers["noi_dung"] == ANSWERS["noi_dung"]
    assert application.files.get().original_name == "cccd.pdf"


def test_the_consent_is_recorded_with_the_notice_version_and_the_text_kept(walker, settings):
    settings.PRIVACY_NOTICE_VERSION = "2026.1-thu"
    walker.fill()
    assert walker.submit(privacy_consent="on").status_code == 302
    application = Application.objects.get()
    consent = application.events.get(action=Action.SUBMIT).data["consent"]
    assert consent["notice_version"] == "2026.1-thu"
    assert consent["statement"].startswith(STATEMENT)
    assert consent["language"] == "vi"
    assert consent["retention_months"] == 24
    notice = PrivacyNoticeText.objects.get(sha256=consent["notice_sha256"])
    assert hashlib.sha256(notice.text.encode()).hexdigest() == consent["notice_sha256"]
    assert "Đăng ký thông tin hoạt động" in notice.text
    assert "2 năm kể từ khi hồ sơ kết thúc" in notice.text
    assert consent_of(application)["given_at"] is not None


def test_the_same_notice_text_is_kept_once(walker, client):
    walker.fill()
    walker.submit(privacy_consent="on")
    client.logout()
    client.cookies.clear()
    walker.fill(noi_dung="Hồ sơ thứ hai")
    walker.submit(privacy_consent="on")
    assert Application.objects.count() == 2
    assert PrivacyNoticeText.objects.count() == 1


def test_the_desk_shows_the_consent(walker, client, clerk):
    walker.fill()
    walker.submit(privacy_consent="on")
    application = Application.objects.get()
    client.force_login(clerk)
    html = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert "Đồng ý xử lý dữ liệu cá nhân" in html
    assert "theo thông báo phiên bản 2026.1" in html


def test_an_application_without_consent_says_so_on_the_desk(client, clerk):
    from tests.tracking.factories import ApplicationFactory

    application = ApplicationFactory()
    html = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert "Không có ghi nhận" in html


def test_the_review_step_asks_consent_in_english_under_en(walker):
    walker.fill()
    html = walker.client.get("/en/bieu-mau/dang-ky-thong-tin/xem-lai/").content.decode()
    assert "I have read the privacy notice and I consent to" in html
    assert "2 years after the application ends" in html
    assert 'href="/en/bao-ve-du-lieu-ca-nhan/?thu_tuc=1.009999.000.00.00.H34"' in html
