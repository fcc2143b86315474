"""Applications filed on the national portal enter the desk queue with their national
dossier code, pushed to `POST /lien-thong/dvcqg/ho-so/` or pulled, once each; refused
records are kept with their reason, and nothing is ever half filed."""

import base64
import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import DatabaseError
from django.utils import timezone

from national import intake
from national import operations as national_operations
from national.constants import DATE_FORMAT, ReceivedOutcome
from national.models import NationalMessage, ReceivedApplication
from tests.factories import PDF, ProcedureFactory, online_procedure
from tests.tracking.factories import ApplicationFactory
from tests.tracking.test_desk import make_staff
from tracking import operations
from tracking.constants import Action, DeliveryMethod, State
from tracking.models import Application, ApplicationFile

pytestmark = pytest.mark.django_db

URL = "/lien-thong/dvcqg/ho-so/"
TOKEN = "ma-xac-thuc-cong-quoc-gia-thu-nghiem"
CODE = "000.00.12.H34-261203-0001"
UNKNOWN_PROCEDURE = "1.999999.000.00.00.H34"


@pytest.fixture(autouse=True)
def inbound_token(settings):
    settings.NATIONAL_INBOUND_TOKEN = TOKEN


@pytest.fixture
def procedure():
    return online_procedure()


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


def filed_yesterday() -> str:
    return (timezone.localtime() - datetime.timedelta(days=1)).strftime(DATE_FORMAT)


def record(procedure_code, code=CODE, **fields):
    """A DongBoHoSoMC record as the national portal hands it over: an organisation applies."""
    return {
        "MaHoSo": code,
        "MaTTHC": procedure_code,
        "ChuHoSo": "Công ty TNHH Truyền thông Biển Xanh",
        "LoaiDoiTuong": "2",
        "MaDoiTuong": "4201234567",
        "Email": "lienhe@bienxanh.example.vn",
        "SoDienThoai": "0258 3822 111",
        "DiaChi": "25 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa",
        "NgayNopHoSo": filed_yesterday(),
        "DuLieuKeKhai": {"ten_ban_tin": "Bản tin Biển Xanh", "ky_han": "Hằng quý"},
        "TaiLieuNop": [
            {
                "TenTepDinhKem": "quyet-dinh-thanh-lap.pdf",
                "TenGiayTo": "Bản sao quyết định thành lập",
                "MaThanhPhanHoSo": "giay_to",
                "LoaiTep": "application/pdf",
                "NoiDungTep": b64(PDF),
            }
        ],
        "HinhThuc": "0",
        **fields,
    }


def push(client, body, *, token=TOKEN, content_type="application/json"):
    raw = body if isinstance(body, (str, bytes)) else json.dumps(body, ensure_ascii=False)
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post(URL, data=raw, content_type=content_type, headers=headers)


def stored_application_files() -> set[str]:
    """Every file of the applications' folder in the private storage."""
    folder = Path(django_settings.PRIVATE_MEDIA_ROOT) / operations.APPLICATION_FOLDER
    return {str(p) for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


# Push


def test_a_pushed_application_enters_the_desk_queue_with_its_national_code(client, procedure):
    sent = record(procedure.code)
    response = push(client, {"data": [sent]})

    assert response.status_code == 200
    assert response.json() == {
        "error_code": "0",
        "result": [{"MaHoSo": CODE, "KetQua": "created", "LyDo": ""}],
    }
    application = Application.objects.get(dossier_code=CODE)
    assert application.state == State.SUBMITTED
    assert application.procedure == procedure
    assert application.receiving_unit == procedure.receiving_unit
    assert application.language == "vi"
    assert application.applicant_organisation == "Công ty TNHH Truyền thông Biển Xanh"
    assert application.applicant_tax_code == "4201234567"
    assert application.answers == {"ten_ban_tin": "Bản tin Biển Xanh", "ky_han": "Hằng quý"}
    assert timezone.localtime(application.submitted_at).strftime(DATE_FORMAT) == sent["NgayNopHoSo"]
    [submitted] = application.events.all()
    assert submitted.action == Action.SUBMIT
    assert "Cổng Dịch vụ công quốc gia" in submitted.note and CODE in submitted.note
    received = ReceivedApplication.objects.get(national_code=CODE)
    assert (received.outcome, received.channel, received.application) == (
        ReceivedOutcome.CREATED,
        "push",
        application,
    )
    # What is kept of the record does not hold the files' contents.
    assert "NoiDungTep" not in received.record["TaiLieuNop"][0]

    client.force_login(make_staff("mot-cua", procedure.receiving_unit.identifier_code))
    assert CODE in client.get("/admin/ho-so/").content.decode()
    page = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert "Bản tin Biển Xanh" in page
    upload = application.files.get()
    assert (upload.label, upload.original_name, upload.content_type) == (
        "Bản sao quyết định thành lập",
        "quyet-dinh-thanh-lap.pdf",
        "application/pdf",
    )
    download = client.get(f"/admin/ho-so/{application.pk}/tep/{upload.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_one_record_without_the_data_envelope_is_taken_too(client, procedure):
    response = push(client, record(procedure.code))
    assert response.status_code == 200
    assert response.json()["result"][0]["KetQua"] == "created"


def test_the_same_record_again_is_a_duplicate_pushed_or_pulled(client, procedure, fake_portal):
    push(client, {"data": [record(procedure.code)]})
    again = push(client, {"data": [record(procedure.code)]})

    assert again.status_code == 200
    assert again.json()["result"] == [{"MaHoSo": CODE, "KetQua": "duplicate", "LyDo": ""}]
    fake_portal.new_applications = [record(procedure.code)]
    assert national_operations.pull_applications() == 0
    assert Application.objects.filter(dossier_code=CODE).count() == 1
    assert ApplicationFile.objects.filter(application__dossier_code=CODE).count() == 1
    received = ReceivedApplication.objects.get(national_code=CODE)
    assert (received.outcome, received.channel) == (ReceivedOutcome.CREATED, "push")


def test_a_batch_answers_each_record_and_takes_the_good_ones(client, procedure):
    response = push(
        client,
        {
            "data": [
                record(procedure.code),
                record(procedure.code, code="000.00.12.H34-261203-0002", MaTTHC=""),
                {"ChuHoSo": "Không có mã hồ sơ"},
                "không phải một hồ sơ",
            ]
        },
    )

    assert response.status_code == 200
    lines = response.json()["result"]
    assert [line["KetQua"] for line in lines] == ["created", "refused", "refused", "refused"]
    assert "MaTTHC" in lines[1]["LyDo"]
    assert "MaHoSo" in lines[2]["LyDo"]
    assert Application.objects.count() == 1


# Pull


def test_applications_are_pulled_from_the_national_portal(fake_portal, procedure):
    fake_portal.new_applications = [
        record(procedure.code),
        record(
            procedure.code,
            code="000.00.12.H34-261203-0002",
            LoaiDoiTuong="1",
            ChuHoSo="Nguyễn Văn An",
            MaDoiTuong="056190000123",
        ),
    ]

    assert national_operations.pull_applications() == 2
    assert national_operations.pull_applications() == 0  # the same list again: duplicates

    citizen = Application.objects.get(dossier_code="000.00.12.H34-261203-0002")
    assert (citizen.applicant_name, citizen.applicant_id_number) == (
        "Nguyễn Văn An",
        "056190000123",
    )
    assert citizen.applicant_organisation == ""
    assert set(ReceivedApplication.objects.values_list("channel", flat=True)) == {"pull"}
    # The national portal already holds it: its first sync is an update, not a creation.
    first = NationalMessage.objects.filter(application=citizen).order_by("pk").first()
    assert (first.service, first.payload["isUpdating"]) == ("DongBoHoSoMC", "True")


def test_applications_are_pulled_from_the_folder_of_an_air_gapped_install(
    settings, tmp_path, procedure
):
    settings.NATIONAL_TRANSPORT = "folder"
    settings.NATIONAL_FOLDER = tmp_path
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "dot-1.json").write_text(
        json.dumps([record(procedure.code)], ensure_ascii=False), encoding="utf-8"
    )
    (inbox / "dot-2.json").write_text(
        json.dumps(record(procedure.code, code="000.00.12.H34-261204-0001"), ensure_ascii=False),
        encoding="utf-8",
    )

    assert national_operations.pull_applications() == 2
    assert set(Application.objects.values_list("dossier_code", flat=True)) == {
        CODE,
        "000.00.12.H34-261204-0001",
    }
    assert national_operations.pull_applications() == 0


def test_nothing_is_pulled_while_the_sync_is_off(settings, procedure):
    settings.NATIONAL_TRANSPORT = ""
    assert national_operations.pull_applications() == 0


# Refused, then taken


def test_an_unknown_procedure_is_refused_with_its_reason_then_taken_once_it_exists(client):
    first = push(client, {"data": [record(UNKNOWN_PROCEDURE)]})

    assert first.status_code == 200
    [line] = first.json()["result"]
    assert line["KetQua"] == "refused"
    assert UNKNOWN_PROCEDURE in line["LyDo"] and "danh mục thủ tục" in line["LyDo"]
    refused = ReceivedApplication.objects.get(national_code=CODE)
    assert (refused.outcome, refused.application) == (ReceivedOutcome.REFUSED, None)
    assert refused.error == line["LyDo"]
    assert not Application.objects.exists()

    procedure = ProcedureFactory(code=UNKNOWN_PROCEDURE)
    again = push(client, {"data": [record(UNKNOWN_PROCEDURE)]})

    assert again.json()["result"][0]["KetQua"] == "created"
    refused.refresh_from_db()
    assert (refused.outcome, refused.error) == (ReceivedOutcome.CREATED, "")
    assert refused.application.procedure == procedure
    assert refused.application.dossier_code == CODE


def test_a_record_that_is_not_a_valid_application_is_refused_with_every_reason(client, procedure):
    response = push(
        client,
        record(
            procedure.code,
            ChuHoSo="",
            LoaiDoiTuong="3",
            Email="khong-phai-thu",
            NgayNopHoSo="03/12/2026",
            HinhThuc="1",
        ),
    )

    reason = response.json()["result"][0]["LyDo"]
    for field in ("ChuHoSo", "LoaiDoiTuong", "Email", "NgayNopHoSo", "DiaChiNhanKetQua"):
        assert field in reason
    assert not Application.objects.exists()


def test_a_malformed_national_code_is_refused(client, procedure):
    before = stored_application_files()
    response = push(client, record(procedure.code, code="HS-0001"))
    [line] = response.json()["result"]
    assert (line["MaHoSo"], line["KetQua"]) == ("HS-0001", "refused")
    assert "định dạng" in line["LyDo"]
    assert not Application.objects.exists()
    assert stored_application_files() == before


def test_a_result_by_post_keeps_the_address(client, procedure):
    push(
        client, record(procedure.code, HinhThuc="1", DiaChiNhanKetQua="12 Lê Thánh Tôn, Nha Trang")
    )
    application = Application.objects.get(dossier_code=CODE)
    assert application.delivery_method == DeliveryMethod.POST
    assert application.postal_address == "12 Lê Thánh Tôn, Nha Trang"


def test_a_fee_is_not_awaited_here_it_is_paid_on_the_national_portal(client):
    procedure = online_procedure(level=4, fees=[("Lệ phí cấp giấy phép", 50_000)])
    push(client, record(procedure.code))
    assert Application.objects.get(dossier_code=CODE).state == State.SUBMITTED


# Hostile files: refused with the reason, nothing half created


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (
            {"TenTepDinhKem": "don.pdf", "NoiDungTep": b64(b"<html><script>alert(1)</script>")},
            "không khớp với định dạng PDF",
        ),
        (
            {"TenTepDinhKem": "lon.pdf", "NoiDungTep": b64(PDF + b"\0" * (10 * 1024 * 1024))},
            "vượt quá dung lượng",
        ),
        (
            {"TenTepDinhKem": "trang.html", "NoiDungTep": b64(b"<html></html>")},
            "không đúng định dạng",
        ),
        ({"TenTepDinhKem": "hong.pdf", "NoiDungTep": "đây không phải base64"}, "base64"),
        ({"TenTepDinhKem": "rong.pdf", "NoiDungTep": ""}, "không có nội dung"),
    ],
)
def test_a_hostile_file_refuses_the_record_and_leaves_nothing_behind(
    client, procedure, document, reason
):
    before = stored_application_files()
    good = record(procedure.code)["TaiLieuNop"][0]  # stored first, then deleted

    response = push(client, record(procedure.code, TaiLieuNop=[good, document]))

    assert response.status_code == 200
    [line] = response.json()["result"]
    assert line["KetQua"] == "refused"
    assert reason in line["LyDo"]
    assert not Application.objects.exists()
    assert not ApplicationFile.objects.exists()
    assert stored_application_files() == before
    assert ReceivedApplication.objects.get(national_code=CODE).error == line["LyDo"]


# The endpoint's guards


def test_a_wrong_or_missing_token_is_401(client, procedure):
    assert push(client, record(procedure.code), token="sai-ma").status_code == 401
    response = push(client, record(procedure.code), token=None)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["error_code"] == "401"
    assert not ReceivedApplication.objects.exists()


def test_without_a_configured_token_there_is_no_endpoint(client, settings, procedure):
    settings.NATIONAL_INBOUND_TOKEN = ""
    assert push(client, record(procedure.code), token="").status_code == 404
    assert not ReceivedApplication.objects.exists()


def test_a_body_that_is_not_json_is_415(client, procedure):
    response = push(client, "MaHoSo=" + CODE, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert not ReceivedApplication.objects.exists()


def test_a_body_above_the_limit_is_413(client, settings, procedure):
    settings.NATIONAL_INBOUND_MAX_BYTES = 256
    body = json.dumps({"data": [record(procedure.code)]})
    assert len(body) > 256
    response = push(client, body)
    assert response.status_code == 413
    assert not ReceivedApplication.objects.exists()


@pytest.mark.parametrize(
    "body",
    ['{"data": [', b"\xff\xfe", "[1, 2]", '{"data": "hồ sơ"}', "[" * 100_000],
)
def test_malformed_json_is_400(client, body):
    response = push(client, body)
    assert response.status_code == 400
    assert response.json()["error_code"] == "400"


def test_pushes_are_rate_limited_per_address(client, settings, procedure):
    settings.NATIONAL_INBOUND_RATE = "2/m"
    assert push(client, record(procedure.code)).status_code == 200
    assert push(client, record(procedure.code)).status_code == 200
    limited = push(client, record(procedure.code))
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) >= 1


def test_only_post(client):
    assert client.get(URL, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 405


# The dossier code given to create_application


def test_a_given_dossier_code_must_be_well_formed_and_free():
    application = ApplicationFactory()
    facts = operations.ProcedureFacts(
        code="1.004227.000.00.00.H34",
        name="Cấp giấy phép xuất bản bản tin (địa phương)",
        receiving_unit=application.receiving_unit,
        processing_days=10,
    )
    applicant = operations.Applicant(full_name="Nguyễn Thị Hoa")

    def file_with(code, key):
        return operations.create_application(
            facts=facts,
            answers={},
            files=[],
            applicant=applicant,
            idempotency_key=key,
            dossier_code=code,
        )

    assert file_with(CODE, "k1").dossier_code == CODE
    for wrong in ("000.00.12.H34-261332-0001", "000.00.12.h34-261203-0001", "HS 1", "A-" * 40):
        with pytest.raises(operations.TrackingError, match="định dạng"):
            file_with(wrong, f"k-{wrong}"[:64])
    for taken in (CODE, application.dossier_code):
        with pytest.raises(operations.TrackingError, match="đã được dùng"):
            file_with(taken, "k2")
    assert Application.objects.count() == 2


# Failures of the database or the storage: nothing kept, the sender tries again


def test_a_storage_failure_while_filing_keeps_nothing_and_asks_to_send_again(
    client, procedure, monkeypatch
):
    def broken(**kwargs):
        raise OSError("the private storage is unreachable")

    before = stored_application_files()
    monkeypatch.setattr(intake, "create_application", broken)

    response = push(client, {"data": [record(procedure.code)]})

    assert response.status_code == 503
    assert response["Retry-After"]
    assert response.json()["error_code"] == "503"
    assert not ReceivedApplication.objects.exists()
    assert stored_application_files() == before
    monkeypatch.undo()
    assert push(client, {"data": [record(procedure.code)]}).json()["result"][0]["KetQua"] == (
        "created"
    )


def test_a_pull_goes_on_past_a_record_it_cannot_take_now(fake_portal, procedure, monkeypatch):
    real = intake.receive

    def flaky(record, *, channel):
        if record["MaHoSo"] == CODE:
            raise DatabaseError("connection lost")
        return real(record, channel=channel)

    monkeypatch.setattr(intake, "receive", flaky)
    fake_portal.new_applications = [
        record(procedure.code),
        record(procedure.code, code="000.00.12.H34-261203-0002"),
    ]

    assert national_operations.pull_applications() == 1
    assert list(Application.objects.values_list("dossier_code", flat=True)) == [
        "000.00.12.H34-261203-0002"
    ]
