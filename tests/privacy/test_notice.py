"""The public privacy notice: what, why, for how long, by whom, and the rights."""

import pytest

from tracking.privacy import notice_text, retention_label

pytestmark = pytest.mark.django_db

URL = "/bao-ve-du-lieu-ca-nhan/"


def test_the_notice_is_public_and_says_what_why_how_long_by_whom_and_the_rights(client, settings):
    settings.APPLICATION_RETENTION_MONTHS = 120
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Thông báo xử lý dữ liệu cá nhân</h1>" in html
    # Who: the agency and its units, with a contact.
    assert (
        "Sở Khoa học và Công nghệ tỉnh Khánh Hòa là bên kiểm soát và xử lý dữ liệu cá nhân" in html
    )
    assert "mailto:skhcn@khanhhoa.gov.vn" in html
    # What and why.
    assert "số định danh cá nhân" in html
    assert "Nghị định 13/2023/NĐ-CP" in html and "Luật Bảo vệ dữ liệu cá nhân năm 2025" in html
    # By whom else: the document exchange, payments, the post.
    assert "Hệ thống quản lý văn bản và điều hành của cơ quan" in html
    assert "Cổng thanh toán trực tuyến" in html
    # How long: the default retention.
    assert "(mặc định 10 năm)" in html
    # The rights and how to exercise them.
    assert "yêu cầu xóa dữ liệu" in html and "rút lại sự đồng ý" in html
    assert 'href="/tai-khoan/du-lieu-cua-toi/"' in html
    assert "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao" in html
    assert "Phiên bản thông báo: 2026.1" in html


def test_the_notice_of_a_procedure_gives_its_own_retention(client, consent_procedure):
    html = client.get(URL, {"thu_tuc": consent_procedure.code}).content.decode()
    assert "Thông báo này áp dụng cho thủ tục “Đăng ký thông tin hoạt động”" in html
    assert "được lưu 2 năm kể từ khi hồ sơ kết thúc" in html


def test_a_procedure_kept_permanently_says_so(client, consent_procedure):
    consent_procedure.retention_months = 0
    consent_procedure.save_revision().publish()
    html = client.get(URL, {"thu_tuc": consent_procedure.code}).content.decode()
    assert "thuộc loại bảo quản vĩnh viễn" in html


def test_the_national_portal_is_named_only_when_the_sync_is_on(client, settings):
    settings.NATIONAL_TRANSPORT = ""
    assert "Cổng Dịch vụ công quốc gia" not in client.get(URL).content.decode()
    settings.NATIONAL_TRANSPORT = "folder"
    assert "Cổng Dịch vụ công quốc gia" in client.get(URL).content.decode()


def test_the_notice_reads_in_english(client):
    html = client.get("/en" + URL).content.decode()
    assert "Privacy notice" in html
    assert "Your rights and how to exercise them" in html
    assert "Thông báo xử lý dữ liệu cá nhân</h1>" not in html


def test_every_page_links_the_notice_in_its_footer(client):
    html = client.get("/tra-cuu-ho-so/").content.decode()
    assert f'href="{URL}"' in html


def test_the_text_a_consent_is_taken_of_is_plain_and_stable(consent_procedure):
    first = notice_text(consent_procedure, "vi")
    assert "<" not in first
    assert first == notice_text(consent_procedure, "vi")
    assert first != notice_text(consent_procedure, "en")


@pytest.mark.parametrize(
    ("months", "label"), [(120, "10 năm"), (18, "18 tháng"), (12, "1 năm"), (None, "vĩnh viễn")]
)
def test_retention_reads_in_years_or_months(months, label):
    assert retention_label(months) == label
