"""The public side: status by code without personal data, the applicant's signed pages."""

import io

import pytest
from django.core import mail
from django.test import override_settings

from tests.tracking.factories import MINIMAL_PDF, ApplicationFactory
from tracking import operations
from tracking.constants import State
from tracking.links import detail_url
from tracking.models import Rating, StatusWording

pytestmark = pytest.mark.django_db


def path_of(url):
    return url.split("testserver", 1)[1]


def lookup(client, code, check="3456"):
    """The status page for a code, with the phone's last digits as the check."""
    return client.get("/tra-cuu-ho-so/", {"ma": code, "xac_minh": check})


def test_status_page_shows_state_timeline_and_due_date(client):
    application = ApplicationFactory(accepted=True)
    html = lookup(client, application.dossier_code).content.decode()
    assert application.dossier_code in html
    assert "Đã tiếp nhận" in html
    assert "07/12/2026" in html
    assert "Tiếp nhận hồ sơ" in html  # timeline line
    assert "Bước tiếp theo" in html


def test_status_page_reveals_no_personal_data(client):
    application = ApplicationFactory(accepted=True)
    html = lookup(client, application.dossier_code).content.decode()
    for personal in ("Nguyễn Thị Hoa", "hoa.nguyen@example.vn", "0905123456", "056190000123"):
        assert personal not in html
    assert "Bản tin Khoa học Khánh Hòa" not in html  # an answer
    assert "ban-sao.pdf" not in html  # a file


def test_a_code_alone_tells_only_that_the_application_exists(client):
    application = ApplicationFactory(accepted=True)
    hit = client.get("/tra-cuu-ho-so/", {"ma": application.dossier_code})
    miss = client.get("/tra-cuu-ho-so/", {"ma": "000.01.12.H34-200101-9999"})
    assert hit.status_code == miss.status_code == 200
    assert "Không tìm thấy hồ sơ" in miss.content.decode()
    html = hit.content.decode()
    assert f"Hồ sơ {application.dossier_code} có trong hệ thống" in html
    assert "Nhập số xác minh để xem tình trạng xử lý." in html
    for detail in (application.procedure_name, "Đã tiếp nhận", "07/12/2026", "Tiếp nhận hồ sơ"):
        assert detail not in html


def test_any_of_the_numbers_given_at_submission_opens_the_status(client):
    business = operations.Applicant(
        full_name="Công ty TNHH In Khánh Hòa",
        phone="0905123456",
        id_number="056190000123",
        organisation="Công ty TNHH In Khánh Hòa",
        tax_code="4201234567",
    )
    application = ApplicationFactory(applicant=business)
    for check in ("3456", "0123", "4567", " 34 56 "):
        assert (
            application.procedure_name
            in lookup(client, application.dossier_code, check).content.decode()
        )
    wrong = lookup(client, application.dossier_code, "9999").content.decode()
    assert "Số xác minh không khớp với thông tin đã khai khi nộp hồ sơ." in wrong
    assert application.procedure_name not in wrong


def test_codes_are_found_whatever_the_case_and_spaces(client):
    application = ApplicationFactory()
    html = lookup(client, f"  {application.dossier_code.lower()} ")
    assert "Đã nộp, chờ tiếp nhận" in html.content.decode()


@override_settings(TRACKING_LOOKUP_RATE="3/m")
def test_lookups_are_rate_limited_with_429(client):
    for _ in range(3):
        assert client.get("/tra-cuu-ho-so/", {"ma": "X"}).status_code == 200
    response = client.get("/tra-cuu-ho-so/", {"ma": "X"})
    assert response.status_code == 429
    assert "Quá nhiều yêu cầu" in response.content.decode()


def test_editors_can_reword_a_state(client):
    application = ApplicationFactory()
    StatusWording.objects.create(
        state=State.SUBMITTED,
        description="Hồ sơ của bạn đã đến Bộ phận một cửa Sở.",
        next_step="Chờ cán bộ kiểm tra trong 1 ngày làm việc.",
    )
    html = lookup(client, application.dossier_code).content.decode()
    assert "Hồ sơ của bạn đã đến Bộ phận một cửa Sở." in html
    assert "Chờ cán bộ kiểm tra trong 1 ngày làm việc." in html


def test_details_need_the_signed_link(client):
    application = ApplicationFactory()
    good = path_of(detail_url(application))
    html = client.get(good).content.decode()
    assert "Bản tin Khoa học Khánh Hòa" in html
    assert "Nguyễn Thị Hoa" in html
    assert client.get(good[:-3] + "xyz/").status_code == 404
    assert client.get("/ho-so/1/").status_code == 404


def test_files_download_only_through_the_signed_link(client):
    application = ApplicationFactory()
    upload = application.files.get()
    link = path_of(detail_url(application))
    response = client.get(f"{link}tep/{upload.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    other = ApplicationFactory()
    assert client.get(f"{path_of(detail_url(other))}tep/{upload.pk}/").status_code == 404


def test_the_link_is_e_mailed_only_to_the_address_given(client):
    application = ApplicationFactory()
    mail.outbox.clear()
    wrong = client.post(
        "/tra-cuu-ho-so/gui-lien-ket/", {"ma": application.dossier_code, "email": "x@example.vn"}
    )
    assert mail.outbox == []
    right = client.post(
        "/tra-cuu-ho-so/gui-lien-ket/",
        {"ma": application.dossier_code, "email": "Hoa.Nguyen@example.vn"},
    )
    assert wrong.status_code == right.status_code == 200
    assert wrong.content.decode().count("Đã gửi yêu cầu") == right.content.decode().count(
        "Đã gửi yêu cầu"
    )
    assert len(mail.outbox) == 1
    link = next(w for w in mail.outbox[0].body.split() if w.startswith("http://testserver/ho-so/"))
    assert "Nguyễn Thị Hoa" in client.get(path_of(link)).content.decode()


def test_applicant_answers_a_supplement_request_with_documents(client):
    application = ApplicationFactory(supplement_requested=True)
    link = path_of(detail_url(application))
    page = client.get(link).content.decode()
    assert "Bổ sung bản sao quyết định thành lập." in page
    document = io.BytesIO(MINIMAL_PDF)
    document.name = "../../quyet-dinh.pdf"
    response = client.post(link + "bo-sung/", {"documents": [document], "note": "Đã bổ sung"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.SUBMITTED
    added = application.files.get(kind="supplement")
    assert added.original_name == "quyet-dinh.pdf"
    assert ".." not in added.file.name


def test_a_supplement_that_is_not_what_it_claims_is_refused_in_vietnamese(client):
    application = ApplicationFactory(supplement_requested=True)
    link = path_of(detail_url(application))
    fake = io.BytesIO(b"MZ\x90\x00 not a pdf")
    fake.name = "quyet-dinh.pdf"
    response = client.post(link + "bo-sung/", {"documents": [fake], "note": "Ghi chú của tôi"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "không khớp với định dạng PDF" in html
    assert "Ghi chú của tôi" in html
    application.refresh_from_db()
    assert application.state == State.SUPPLEMENT_REQUESTED


def test_applicant_withdraws_with_a_reason(client):
    application = ApplicationFactory()
    link = path_of(detail_url(application))
    empty = client.post(link + "rut-ho-so/", {"reason": ""})
    assert empty.status_code == 400
    assert "Vui lòng cho biết lý do rút hồ sơ." in empty.content.decode()
    assert client.post(link + "rut-ho-so/", {"reason": "Nộp nhầm thủ tục"}).status_code == 302
    application.refresh_from_db()
    assert application.state == State.WITHDRAWN
    assert "Rút hồ sơ" not in client.get(link).content.decode().split("Quá trình xử lý")[0]


def test_e_mail_notice_goes_out_after_commit_in_both_formats(
    django_capture_on_commit_callbacks,
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hoa.nguyen@example.vn"]
    assert application.dossier_code in message.subject
    assert "Kính gửi Nguyễn Thị Hoa" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert application.dossier_code in html


def test_e_mail_notice_speaks_the_applicants_language(django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ApplicationFactory(language="en", supplement_requested=True)
    body = mail.outbox[-1].body
    assert "Dear Nguyễn Thị Hoa" in body
    assert "Bổ sung bản sao quyết định thành lập." in body


def test_statistics_page_counts_applications(client):
    ApplicationFactory()
    ApplicationFactory(accepted=True)
    ApplicationFactory(refused=True)
    html = client.get("/thong-ke-ho-so/").content.decode()
    assert "Cấp giấy phép xuất bản bản tin (địa phương)" in html
    assert "Hồ sơ đã nhận" in html


RATING = {
    "overall": "3",
    "timeliness": "3",
    "transparency": "2",
    "staff": "3",
    "online": "2",
    "comment": "Nhanh gọn.",
}


def test_rating_is_offered_once_after_delivery(client):
    application = ApplicationFactory(delivered=True)
    link = path_of(detail_url(application))
    assert "Đánh giá mức độ hài lòng" in client.get(link).content.decode()
    assert client.post(link + "danh-gia/", RATING).status_code == 302
    assert application.rating.get_overall_display() == "Rất hài lòng"
    again = client.post(link + "danh-gia/", RATING, follow=True)
    assert "Hồ sơ này đã được đánh giá." in again.content.decode()
    assert Rating.objects.filter(application=application).count() == 1


def test_rating_before_delivery_is_refused(client):
    application = ApplicationFactory(accepted=True)
    response = client.post(path_of(detail_url(application)) + "danh-gia/", RATING, follow=True)
    assert "Chỉ đánh giá được khi đã nhận kết quả." in response.content.decode()
    assert not Rating.objects.filter(application=application).exists()


def test_rating_without_a_level_says_so_and_keeps_the_comment(client):
    application = ApplicationFactory(delivered=True)
    response = client.post(
        path_of(detail_url(application)) + "danh-gia/", {**RATING, "overall": ""}
    )
    html = response.content.decode()
    assert "Vui lòng chọn một mức đánh giá." in html
    assert "Nhanh gọn." in html


def test_no_e_mail_leaves_for_a_change_that_is_rolled_back(django_capture_on_commit_callbacks):
    from django.db import transaction

    from tracking import operations

    application = ApplicationFactory()
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        operations.refuse_application(
            application=application, actor="Cán bộ một cửa", reasons="Sai thẩm quyền."
        )
        raise RuntimeError("the desk's request failed after the refusal")
    assert callbacks == []
    assert mail.outbox == []
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_the_status_lookup_and_the_applicants_page_run_few_queries(
    client, django_assert_max_num_queries
):
    application = ApplicationFactory(accepted=True)
    lookup(client, application.dossier_code)
    # The application with its unit, its timeline; the site, its identity and menu,
    # and the wording of the states are kept between requests.
    with django_assert_max_num_queries(2) as queries:
        assert lookup(client, application.dossier_code).status_code == 200
    # The lookup reads what it shows and checks, not the applicant's answers or address.
    selects = " ".join(query["sql"] for query in queries.captured_queries)
    assert '"dossier_code"' in selects
    assert '"answers"' not in selects
    assert '"applicant_email"' not in selects
    page = path_of(detail_url(application))
    client.get(page)
    # The application, its timeline, its last supplement request, its rating, its
    # result files and its other files.
    with django_assert_max_num_queries(6):
        assert client.get(page).status_code == 200
