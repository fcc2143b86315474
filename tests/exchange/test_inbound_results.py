"""Status 06 and the result file: a decision without a file reads as awaiting it until
one is attached (by the desk or by a later package); a result inside the status package
becomes the application's signed result; a result that cannot be recorded refuses the
package, so that nothing is lost."""

import io

import pytest
from django.core import mail

from tests.exchange.conftest import post_status, status_package
from tests.tracking.factories import ApplicationFactory
from tests.tracking.pdf_signers import (
    changed_inside_the_signature,
    make_authority,
    person_signer,
    result_pdf,
    signed_by_person,
)
from tests.tracking.test_desk import make_staff
from tests.tracking.test_public import lookup, path_of
from tests.tracking.test_signing import pyhanko_status
from tracking.constants import Action, FileKind, State
from tracking.exchange import edxml
from tracking.exchange.constants import InboundOutcome, RejectionCode
from tracking.exchange.models import ExchangeMessage, InboundPackage
from tracking.links import detail_url

pytestmark = pytest.mark.django_db

AWAITING = "Đã giải quyết, chờ tệp kết quả"


@pytest.fixture
def message(exchange_peers):
    return ExchangeMessage.objects.get(application=ApplicationFactory(in_progress=True))


def result(data, name="giay-phep.pdf", content_id="ket-qua"):
    return edxml.Attachment(
        content_id=content_id,
        name=name,
        content_type="application/pdf",
        description="Giấy phép xuất bản bản tin",
        data=data,
    )


def completed(client, message, credentials, *files):
    raw = status_package(message.document_id, "06", credentials=credentials, attachments=files)
    return post_status(client, raw)


def refreshed(message):
    message.application.refresh_from_db()
    return message.application


def test_a_decision_without_its_file_is_shown_as_awaiting_it(client, message, peer_credentials):
    assert completed(client, message, peer_credentials).json()["code"] == InboundOutcome.APPLIED
    application = refreshed(message)
    assert application.state == State.DECIDED
    status = lookup(client, application.dossier_code).content.decode()
    assert AWAITING in status
    assert "Đã có kết quả" not in status
    assert "tệp kết quả đang được hoàn thiện" in status
    detail = client.get(path_of(detail_url(application))).content.decode()
    assert AWAITING in detail and "Đã có kết quả" not in detail
    api = client.get(
        f"/api/v1/applications/{application.dossier_code}/status", {"check": "3456"}
    ).json()
    assert (api["state"], api["state_label"]) == ("decided", AWAITING)
    assert api["timeline"][-1]["state_label"] == AWAITING


def test_the_applicant_is_told_the_file_is_coming_not_that_it_is_there(
    client, message, peer_credentials, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        completed(client, message, peer_credentials)
    (notice,) = [m for m in mail.outbox if "Ghi nhận kết quả" in m.subject]
    assert "Tệp kết quả đang được hoàn thiện và ký số" in notice.body
    assert AWAITING in notice.body


def test_the_desk_attaches_the_result_file_later_and_then_it_is_decided_with_result(
    client, message, peer_credentials, django_capture_on_commit_callbacks
):
    completed(client, message, peer_credentials)
    application = refreshed(message)
    client.force_login(make_staff("mot-cua", "000.01.12.H34"))
    desk = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert "Chờ tệp kết quả" in desk
    assert 'value="attach_result"' in desk
    upload = io.BytesIO(result_pdf())
    upload.name = "giay-phep.pdf"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/ho-so/{application.pk}/",
            {"action": "attach_result", "attach_result-result": upload},
        )
    assert response.status_code == 302
    attached = application.files.get(kind=FileKind.RESULT)
    assert attached.signature.by_agency
    assert application.events.last().action == Action.ATTACH_RESULT
    status = lookup(client, application.dossier_code).content.decode()
    assert "Đã có kết quả" in status
    assert "Bổ sung tệp kết quả" in status  # the timeline line
    assert any("Tệp kết quả giải quyết hồ sơ đã sẵn sàng" in m.body for m in mail.outbox)
    desk = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert 'value="attach_result"' not in desk  # once


def test_a_result_inside_the_status_package_becomes_the_signed_result(
    client, message, peer_credentials
):
    response = completed(client, message, peer_credentials, result(result_pdf()))
    assert response.json()["code"] == InboundOutcome.APPLIED
    application = refreshed(message)
    assert application.state == State.DECIDED
    kept = application.files.get(kind=FileKind.RESULT)
    assert (kept.label, kept.original_name) == ("Giấy phép xuất bản bản tin", "giay-phep.pdf")
    with kept.file.open("rb") as handle:
        _, signature_status = pyhanko_status(handle.read())
    assert signature_status.bottom_line
    status = lookup(client, application.dossier_code).content.decode()
    assert "Đã có kết quả" in status and AWAITING not in status


def test_a_result_signed_by_the_competent_person_is_kept_as_sent(
    client, message, peer_credentials, settings, tmp_path
):
    authority = make_authority(tmp_path)
    settings.RESULT_SIGNATURE_TRUST_ROOTS = [str(authority.pem_path)]
    signed = signed_by_person(result_pdf(), person_signer(authority))
    completed(client, message, peer_credentials, result(signed))
    kept = refreshed(message).files.get(kind=FileKind.RESULT)
    with kept.file.open("rb") as handle:
        assert handle.read() == signed
    assert kept.signature.signer == "Trần Văn Giám Đốc" and kept.signature.trusted


def test_a_later_06_with_the_file_attaches_it_to_the_decision_awaiting_it(
    client, message, peer_credentials
):
    completed(client, message, peer_credentials)
    response = completed(client, message, peer_credentials, result(result_pdf()))
    assert response.json()["code"] == InboundOutcome.APPLIED
    application = refreshed(message)
    assert application.files.filter(kind=FileKind.RESULT).count() == 1
    assert application.events.last().action == Action.ATTACH_RESULT


def test_a_result_of_another_type_is_wrapped_in_a_signed_pdf(client, message, peer_credentials):
    docx = b"PK\x03\x04" + b"\x00" * 60
    completed(client, message, peer_credentials, result(docx, name="giay-phep.docx"))
    kept = refreshed(message).files.get(kind=FileKind.RESULT)
    assert kept.original_name == "giay-phep.pdf" and kept.signature.wrapped


def test_a_result_with_a_broken_signature_refuses_the_package_and_loses_nothing(
    client, message, peer_credentials, tmp_path
):
    broken = changed_inside_the_signature(
        signed_by_person(result_pdf(), person_signer(make_authority(tmp_path)))
    )
    response = completed(client, message, peer_credentials, result(broken))
    assert response.status_code == 400
    assert response.json()["code"] == RejectionCode.INVALID
    kept = InboundPackage.objects.get(pk=response.json()["reference"])
    assert "không còn khớp với chữ ký" in kept.error
    application = refreshed(message)
    assert application.state == State.IN_PROGRESS
    assert not application.files.filter(kind=FileKind.RESULT).exists()
    # The peer sends the status again with a good file: it is applied.
    again = completed(client, message, peer_credentials, result(result_pdf()))
    assert again.json()["code"] == InboundOutcome.APPLIED
    assert refreshed(message).state == State.DECIDED


def test_the_same_status_with_its_file_twice_counts_once(client, message, peer_credentials):
    raw = status_package(
        message.document_id, "06", credentials=peer_credentials, attachments=[result(result_pdf())]
    )
    assert post_status(client, raw).json()["code"] == InboundOutcome.APPLIED
    assert post_status(client, raw).json()["code"] == InboundOutcome.DUPLICATE
    assert refreshed(message).files.filter(kind=FileKind.RESULT).count() == 1


def test_files_sent_with_another_status_are_not_taken(client, message, peer_credentials):
    raw = status_package(
        message.document_id, "05", credentials=peer_credentials, attachments=[result(result_pdf())]
    )
    assert post_status(client, raw).json()["code"] == InboundOutcome.RECORDED
    application = refreshed(message)
    assert not application.files.filter(kind=FileKind.RESULT).exists()
    assert application.events.last().data["exchange"]["attachments"] == ["giay-phep.pdf"]
