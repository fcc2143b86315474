"""Results are electronic documents with the agency's digital signature (Nghị định
45/2020/NĐ-CP; Quyết định 28/2018/QĐ-TTg): an unsigned PDF is signed when recorded, a
PDF signed by the competent person is validated and its signer, time and validity are
shown, another file type is wrapped in a signed PDF, and what cannot be made a signed
document is refused with a clear message, nothing recorded."""

import io

import pytest
from django.core.files.storage import storages
from pypdf import PdfReader, PdfWriter

from tests.tracking.factories import MINIMAL_PDF, ApplicationFactory, stored_file
from tests.tracking.pdf_signers import (
    changed_after_signing,
    changed_inside_the_signature,
    make_authority,
    person_signer,
    result_pdf,
    signed_by_person,
)
from tests.tracking.test_desk import make_staff
from tests.tracking.test_public import path_of
from tests.tracking.test_signing import pdfsig_report, pyhanko_status
from tracking import operations
from tracking.constants import FileKind, State
from tracking.links import detail_url
from tracking.models import ResultSignature
from tracking.signing import load_agency_credentials

pytestmark = pytest.mark.django_db

AGENCY = "Sở Thông tin và Truyền thông (thử nghiệm)"
DOCX = b"PK\x03\x04" + b"\x00" * 60


@pytest.fixture(scope="module")
def authority(tmp_path_factory):
    return make_authority(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="module")
def director(authority):
    return person_signer(authority)


@pytest.fixture
def trusted_authority(settings, authority):
    settings.RESULT_SIGNATURE_TRUST_ROOTS = [str(authority.pem_path)]
    return authority


@pytest.fixture
def clerk(client):
    user = make_staff("mot-cua", "000.01.12.H34")
    client.force_login(user)
    return user


def record(application, content, name="giay-phep.pdf"):
    return operations.record_result(
        application=application,
        actor="Phòng chuyên môn",
        files=[stored_file(name, content=content, label="Giấy phép")],
    )


def the_result(application):
    return application.files.select_related("signature").get(kind=FileKind.RESULT)


def content_of(item):
    with item.file.open("rb") as handle:
        return handle.read()


def post_result(client, application, content, name="giay-phep.pdf", action="decide"):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(
        f"/admin/ho-so/{application.pk}/", {"action": action, f"{action}-result": upload}
    )


def test_an_unsigned_pdf_is_signed_with_the_agency_certificate_when_recorded(tmp_path):
    application = ApplicationFactory(in_progress=True)
    record(application, result_pdf())
    result = the_result(application)
    signed = content_of(result)
    _, status = pyhanko_status(signed)
    assert status.intact and status.valid and status.trusted
    report = pdfsig_report(signed, tmp_path)
    assert "Signature is Valid" in report
    assert "Total document signed" in report
    assert f"Signer Certificate Common Name: {AGENCY}" in report
    signature = result.signature
    assert (signature.signer, signature.by_agency, signature.is_valid) == (AGENCY, True, True)
    assert signature.signed_at is not None
    assert result.size == len(signed) and result.original_name == "giay-phep.pdf"


def test_the_unsigned_upload_is_replaced_by_the_signed_copy(django_capture_on_commit_callbacks):
    application = ApplicationFactory(in_progress=True)
    upload = stored_file("giay-phep.pdf", content=result_pdf())
    with django_capture_on_commit_callbacks(execute=True):
        operations.record_result(application=application, actor="Phòng chuyên môn", files=[upload])
    assert not storages["private"].exists(upload.storage_name)
    assert storages["private"].exists(the_result(application).file.name)


def test_a_pdf_signed_by_the_competent_person_is_kept_as_it_is_and_validated(
    trusted_authority, director
):
    application = ApplicationFactory(in_progress=True)
    signed = signed_by_person(result_pdf(), director)
    record(application, signed)
    result = the_result(application)
    assert content_of(result) == signed  # not signed a second time
    signature = result.signature
    assert signature.signer == "Trần Văn Giám Đốc"
    assert signature.organisation == "Sở Thông tin và Truyền thông"
    assert signature.issuer == "CA thử nghiệm chuyên dùng Chính phủ"
    assert (signature.by_agency, signature.intact, signature.trusted) == (False, True, True)
    assert signature.verdict == "Chữ ký số hợp lệ"
    assert signature.signed_at is not None


def test_a_signature_of_an_unknown_authority_is_kept_but_shown_as_not_verified(director):
    application = ApplicationFactory(in_progress=True)
    record(application, signed_by_person(result_pdf(), director))
    signature = the_result(application).signature
    assert (signature.intact, signature.trusted) == (True, False)
    assert signature.verdict == ("Chữ ký số toàn vẹn, chưa xác thực được chứng thư số của người ký")


def test_signer_time_and_validity_are_shown_on_the_desk_and_to_the_applicant(
    client, clerk, trusted_authority, director
):
    application = ApplicationFactory(in_progress=True)
    response = post_result(client, application, signed_by_person(result_pdf(), director))
    assert response.status_code == 302
    signature = ResultSignature.objects.get(file__application=application)
    at = signature.signed_at.astimezone().strftime("%d/%m/%Y %H:%M")
    desk = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    applicant = client.get(path_of(detail_url(application))).content.decode()
    for html in (desk, applicant):
        assert "Ký số bởi Trần Văn Giám Đốc" in html
        assert f"lúc {at}" in html
        assert "Chữ ký số hợp lệ" in html


def test_the_agencys_own_signature_is_named_as_such(client, clerk):
    application = ApplicationFactory(in_progress=True)
    assert post_result(client, application, result_pdf()).status_code == 302
    html = client.get(path_of(detail_url(application))).content.decode()
    assert f"Ký số bởi {AGENCY} (chứng thư số của cơ quan)" in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (changed_inside_the_signature, "nội dung tệp không còn khớp với chữ ký"),
        (changed_after_signing, "đã bị sửa đổi sau khi ký số"),
    ],
    ids=["digest-mismatch", "changed-after-signing"],
)
def test_a_pdf_whose_signature_is_broken_is_refused_on_the_desk(
    client, clerk, trusted_authority, director, change, message
):
    application = ApplicationFactory(in_progress=True)
    broken = change(signed_by_person(result_pdf(), director))
    response = post_result(client, application, broken)
    assert response.status_code == 400
    assert message in response.content.decode()
    application.refresh_from_db()
    assert application.state == State.IN_PROGRESS
    assert not application.files.filter(kind=FileKind.RESULT).exists()


def test_a_pdf_that_cannot_be_read_is_refused_with_a_clear_message(client, clerk):
    application = ApplicationFactory(in_progress=True)
    before = (
        set(storages["private"].listdir("results")[0])
        if storages["private"].exists("results")
        else set()
    )
    response = post_result(client, application, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    assert response.status_code == 400
    assert "không phải tệp PDF đọc được" in response.content.decode()
    application.refresh_from_db()
    assert application.state == State.IN_PROGRESS
    after = (
        set(storages["private"].listdir("results")[0])
        if storages["private"].exists("results")
        else set()
    )
    assert after == before  # the refused upload is not left behind


def test_a_pdf_protected_by_a_password_is_refused():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(MINIMAL_PDF)))
    writer.encrypt("mat-khau")
    output = io.BytesIO()
    writer.write(output)
    application = ApplicationFactory(in_progress=True)
    with pytest.raises(operations.TrackingError) as caught:
        record(application, output.getvalue())
    assert "được đặt mật khẩu" in caught.value.message
    application.refresh_from_db()
    assert application.state == State.IN_PROGRESS


def test_a_file_of_another_accepted_type_is_wrapped_in_a_signed_pdf(tmp_path):
    application = ApplicationFactory(in_progress=True)
    record(application, DOCX, name="quyet-dinh.docx")
    result = the_result(application)
    assert (result.original_name, result.content_type) == ("quyet-dinh.pdf", "application/pdf")
    wrapped = content_of(result)
    assert pdfsig_report(wrapped, tmp_path).count("Signature is Valid") == 1
    assert PdfReader(io.BytesIO(wrapped)).attachments == {"quyet-dinh.docx": [DOCX]}
    assert result.signature.wrapped and result.signature.by_agency


def test_a_file_of_an_unknown_type_is_refused():
    application = ApplicationFactory(in_progress=True)
    with pytest.raises(operations.TrackingError) as caught:
        record(application, b"MZ\x90\x00" + b"\x00" * 40, name="ket-qua.exe")
    assert "không phải tệp PDF hoặc một định dạng cổng nhận" in caught.value.message


def test_the_agency_certificate_is_what_signs(tmp_path):
    application = ApplicationFactory(in_progress=True)
    record(application, result_pdf())
    signature, _ = pyhanko_status(content_of(the_result(application)))
    _, certificate, _ = load_agency_credentials()
    assert signature.signer_cert.serial_number == certificate.serial_number
    assert signature.sig_object["/Reason"].startswith("Kết quả giải quyết hồ sơ")
