import io
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from tests.tracking.test_signing import pdfsig_report, pyhanko_status, tampered
from tracking.notices import IncompleteNotice, NoticeContext, NoticeKind, render_notice

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
STATUS_URL = "http://testserver/tra-cuu-ho-so/000.00.12.H29-261123-0007/"


@pytest.fixture
def context():
    return NoticeContext(
        agency_name="Sở Thông tin và Truyền thông",
        agency_parent="Ủy ban nhân dân tỉnh Khánh Hòa",
        agency_code="000.00.12.H29",
        agency_address="Số 04 Phan Chu Trinh, phường Nha Trang, tỉnh Khánh Hòa",
        agency_phone="0258 3822 123",
        agency_email="stttt@khanhhoa.gov.vn",
        unit_name="Bộ phận Một cửa",
        dossier_code="000.00.12.H29-261123-0007",
        applicant_name="Nguyễn Thị Hường",
        applicant_address="12 Lê Thánh Tôn, Nha Trang",
        applicant_phone="0905 123 456",
        applicant_email="huong@example.vn",
        procedure_name="Cấp giấy phép hoạt động in",
        procedure_code="1.004.123",
        received_at=datetime(2026, 11, 23, 9, 15, tzinfo=HANOI),
        due_date=date(2026, 12, 4),
        documents=["Đơn đề nghị cấp giấy phép", "Bản sao quyết định thành lập"],
        reasons=["Thiếu bản sao chứng chỉ hành nghề của người đứng đầu"],
        new_due_date=date(2026, 12, 11),
        status_url=STATUS_URL,
        officer_name="Trần Văn Bình",
        issued_at=datetime(2026, 11, 23, 9, 20, tzinfo=HANOI),
    )


def text_of(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


COMMON = [
    "Khánh Hòa, ngày 23 tháng 11 năm 2026",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "000.00.12.H29-261123-0007",
    "Nguyễn Thị Hường",
    "Cấp giấy phép hoạt động in",
    "Trần Văn Bình",
]


def test_receipt_states_documents_received_and_the_appointment(context):
    text = text_of(render_notice(NoticeKind.RECEIPT, context, sign=False))
    for expected in [
        *COMMON,
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Đơn đề nghị cấp giấy phép",
        "Bản sao quyết định thành lập",
        "09 giờ 15 phút, ngày 23 tháng 11 năm 2026",
        "ngày 04 tháng 12 năm 2026",
    ]:
        assert expected in text


def test_supplement_request_states_what_to_add_and_why(context):
    text = text_of(render_notice(NoticeKind.SUPPLEMENT, context, sign=False))
    for expected in [
        *COMMON,
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Đơn đề nghị cấp giấy phép",
        "Thiếu bản sao chứng chỉ hành nghề của người đứng đầu",
    ]:
        assert expected in text


def test_refusal_states_the_reasons(context):
    text = text_of(render_notice(NoticeKind.REFUSAL, context, sign=False))
    for expected in [
        *COMMON,
        "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ",
        "không tiếp nhận, giải quyết hồ sơ",
        "Thiếu bản sao chứng chỉ hành nghề của người đứng đầu",
    ]:
        assert expected in text


def test_apology_states_the_missed_date_the_reason_and_the_new_date(context):
    text = text_of(render_notice(NoticeKind.APOLOGY, context, sign=False))
    for expected in [
        *COMMON,
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "ngày 04 tháng 12 năm 2026",
        "ngày 11 tháng 12 năm 2026",
        "xin lỗi",
        "Thiếu bản sao chứng chỉ hành nghề của người đứng đầu",
    ]:
        assert expected in text


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_qr_code_leads_to_the_status_page(kind, context):
    pdf = pypdfium2.PdfDocument(render_notice(kind, context, sign=False))
    image = pdf[0].render(scale=3).to_pil()
    decoded = [barcode.text for barcode in zxingcpp.read_barcodes(image)]
    assert decoded == [STATUS_URL]
    assert STATUS_URL in text_of(render_notice(kind, context, sign=False))


def test_applicant_text_is_printed_as_text_not_markup(context):
    odd = replace(context, applicant_name="Lê <b>Văn</b> & Con")
    assert "Lê <b>Văn</b> & Con" in text_of(render_notice(NoticeKind.REFUSAL, odd, sign=False))


def test_a_notice_is_signed_by_default_and_valid_for_pyhanko(context):
    signature, status = pyhanko_status(render_notice(NoticeKind.RECEIPT, context))
    assert status.bottom_line
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert signature.sig_object["/Reason"] == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    assert signature.sig_object["/Location"] == "Khánh Hòa"


def test_a_signed_notice_is_valid_for_poppler(context, tmp_path):
    report = pdfsig_report(render_notice(NoticeKind.APOLOGY, context), tmp_path)
    assert "Signature is Valid" in report


def test_a_changed_byte_in_a_signed_notice_is_caught_by_both_validators(context, tmp_path):
    broken = tampered(render_notice(NoticeKind.REFUSAL, context))
    _, status = pyhanko_status(broken)
    assert not status.intact
    assert "Signature is Valid" not in pdfsig_report(broken, tmp_path)


def test_an_unsigned_notice_has_no_signature(context):
    pdf = render_notice(NoticeKind.RECEIPT, context, sign=False)
    assert PdfReader(io.BytesIO(pdf)).get_fields() is None


@pytest.mark.parametrize(
    ("kind", "missing"),
    [
        (NoticeKind.RECEIPT, {"due_date": None}),
        (NoticeKind.REFUSAL, {"reasons": []}),
        (NoticeKind.APOLOGY, {"new_due_date": None}),
        (NoticeKind.SUPPLEMENT, {"reasons": [], "documents": []}),
    ],
)
def test_a_notice_missing_what_its_form_must_state_is_refused(kind, missing, context):
    with pytest.raises(IncompleteNotice):
        render_notice(kind, replace(context, **missing), sign=False)
