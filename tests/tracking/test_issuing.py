"""Each decision of the desk issues its signed notice, kept with the application and e-mailed."""

import io

import pytest
from django.core import mail
from pypdf import PdfReader

from tests.tracking.factories import ApplicationFactory
from tracking.constants import FileKind

pytestmark = pytest.mark.django_db


def notice_text(application, label_start):
    notice = application.files.get(kind=FileKind.NOTICE, label__startswith=label_start)
    with notice.file.open("rb") as handle:
        data = handle.read()
    reader = PdfReader(io.BytesIO(data))
    return notice, "\n".join(page.extract_text() for page in reader.pages), reader


@pytest.mark.parametrize(
    ("traits", "title"),
    [
        ({"accepted": True}, "Giấy tiếp nhận hồ sơ"),
        ({"supplement_requested": True}, "Phiếu yêu cầu bổ sung"),
        ({"refused": True}, "Phiếu từ chối"),
    ],
)
def test_the_decision_issues_its_signed_notice(traits, title):
    application = ApplicationFactory(**traits)
    notice, text, reader = notice_text(application, title)
    assert application.dossier_code in text
    assert "Nguyễn Thị Hoa" in text
    assert notice.event.application_id == application.pk
    assert "/Sig" in str(reader.trailer["/Root"]["/AcroForm"]["/Fields"][0].get_object()["/FT"])


def test_the_receipt_states_the_due_date():
    application = ApplicationFactory(accepted=True)
    _, text, _ = notice_text(application, "Giấy tiếp nhận hồ sơ")
    assert "07/12/2026" in text or "ngày 07 tháng 12 năm 2026" in text


def test_the_notice_is_attached_to_the_e_mail(django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    mail.outbox.clear()
    from tracking import operations

    with django_capture_on_commit_callbacks(execute=True):
        operations.refuse_application(
            application=application, actor="Cán bộ một cửa", reasons="Sai thẩm quyền."
        )
    (message,) = mail.outbox
    names = [attachment[0] for attachment in message.attachments]
    assert names == [f"mau-03-tu-choi-{application.dossier_code}.pdf"]
