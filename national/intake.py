"""Applications filed on the national portal for our procedures join the desk queue.

The national portal pushes them to `POST /lien-thong/dvcqg/ho-so/` (`national.views`)
or the agency pulls them (`operations.pull_applications`, `LayDanhSachHoSoMC`); both
hand each record to `receive`. A record has the fields of the guide's `DongBoHoSoMC`
application (MaHoSo, MaTTHC, ChuHoSo, LoaiDoiTuong, MaDoiTuong, contacts, NgayNopHoSo,
DuLieuKeKhai, TaiLieuNop with the files in base64, HinhThuc, DiaChiNhanKetQua).

The application keeps the national dossier code as its own, so the applicant, the
desk and the national portal name it the same way. `ReceivedApplication` (unique by
that code) makes a record pushed and pulled, or sent twice, count once; a refused
record is kept with its reason and taken again when it comes back, so that a record
refused for a procedure missing from the catalogue goes through once the catalogue
is fixed. Each record is taken in one transaction: an application with all its
files, or nothing (the files stored for it are deleted).
"""

import base64
import binascii
import datetime
import hashlib
import logging
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.uploads import SubmittedFile, store_private_upload
from national.constants import CITIZEN, DATE_FORMAT, ORGANISATION, ReceivedOutcome
from national.models import ReceivedApplication
from services.models import Procedure
from tracking.constants import DeliveryMethod
from tracking.models import Application
from tracking.operations import (
    APPLICATION_FOLDER,
    Applicant,
    TrackingError,
    create_application,
    procedure_facts,
)

logger = logging.getLogger(__name__)

# How a record reached us (ReceivedApplication.channel).
PUSH, PULL = "push", "pull"
CHANNEL_LABELS = {
    PUSH: gettext_lazy("Cổng quốc gia gửi sang"),
    PULL: gettext_lazy("lấy về từ Cổng quốc gia"),
}
# The guide's dates are Vietnam's time, whatever TIME_ZONE says.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# A filing time this far past our clock is not one (clocks of two systems drift a little).
CLOCK_SKEW = datetime.timedelta(minutes=10)
# Files of one application: more than any procedure's dossier asks for.
MAX_FILES = 50
# HinhThuc: 0 nhận kết quả trực tuyến, 1 qua bưu chính công ích.
DELIVERY = {"0": DeliveryMethod.ONLINE, "1": DeliveryMethod.POST}
# MaDoiTuong: a citizen's personal identification number (12 digits; 9 on the old
# identity card), an organisation's tax code (10 digits, a branch's with -NNN).
ID_NUMBER = re.compile(r"[0-9]{9}|[0-9]{12}")
TAX_CODE = re.compile(r"[0-9]{10}(?:-?[0-9]{3})?")
PHONE = re.compile(r"\+?[0-9][0-9 .\-]{5,18}")
DATA_URL = re.compile(r"data:[^,]*;base64,", re.IGNORECASE)


class Refused(Exception):
    """The record cannot become an application as it is; `reason` says why, in Vietnamese."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = str(reason)


@dataclass(frozen=True)
class Filing:
    """What a valid record files: everything but the files."""

    procedure: Procedure
    applicant: Applicant
    answers: dict
    delivery_method: str
    postal_address: str
    submitted_at: datetime.datetime
    documents: list


def receive(record: dict, *, channel: str) -> ReceivedApplication:
    """Take one record of the national portal; the `ReceivedApplication` says what became of it.

    CREATED: a new application in the desk queue. DUPLICATE: its code was taken
    before; nothing is changed and the row returned is not saved (the first receipt
    stays the one kept). REFUSED: kept with the reason, except a record without a
    usable MaHoSo, which has nothing to be kept under (returned unsaved, logged).
    Infrastructure failures (database, storage) are raised, with nothing kept: the
    caller answers "try again later" and the next try starts afresh.
    """
    with translation.override("vi"):  # reasons are kept and sent in Vietnamese
        kept = kept_record(record)
        try:
            code = national_code(record)
        except Refused as refusal:
            logger.warning("national record without a usable MaHoSo refused: %s", refusal.reason)
            return ReceivedApplication(
                national_code=_text(record.get("MaHoSo"))[:64] if isinstance(record, dict) else "",
                channel=channel,
                outcome=ReceivedOutcome.REFUSED,
                error=refusal.reason,
                record=kept,
            )
        stored = []
        try:
            with transaction.atomic():
                row = _claim(code, channel=channel, record=kept)
                if row.outcome == ReceivedOutcome.CREATED:
                    logger.info("national application %s received again (%s)", code, channel)
                    return ReceivedApplication(
                        national_code=code,
                        application=row.application,
                        channel=channel,
                        outcome=ReceivedOutcome.DUPLICATE,
                        record=row.record,
                    )
                row.channel, row.record, row.received_at = channel, kept, timezone.now()
                try:
                    with transaction.atomic():
                        application = _file(record, code=code, channel=channel, stored=stored)
                except Refused as refusal:
                    _delete(stored)
                    stored.clear()
                    row.outcome = ReceivedOutcome.REFUSED
                    row.error = refusal.reason
                    row.application = None
                    row.save()
                    logger.info("national application %s refused: %s", code, refusal.reason)
                    return row
                row.outcome = ReceivedOutcome.CREATED
                row.error = ""
                row.application = application
                row.save()
                return row
        except BaseException:
            _delete(stored)
            raise


def national_code(record) -> str:
    """The record's MaHoSo, which keys it; Refused when there is none to key it by."""
    if not isinstance(record, dict):
        raise Refused(_("Bản ghi hồ sơ phải là một đối tượng JSON."))
    code = _text(record.get("MaHoSo"))
    if not code:
        raise Refused(_("Thiếu mã hồ sơ (MaHoSo)."))
    if len(code) > ReceivedApplication._meta.get_field("national_code").max_length:
        raise Refused(_("Mã hồ sơ (MaHoSo) dài quá 64 ký tự."))
    return code


def kept_record(record) -> dict:
    """The record as kept on the `ReceivedApplication`: without the files' contents,
    which are stored as the application's files (or refused), never in the database."""
    if not isinstance(record, dict):
        return {}
    kept = dict(record)
    documents = record.get("TaiLieuNop")
    if isinstance(documents, list):
        kept["TaiLieuNop"] = [
            {
                **{key: value for key, value in item.items() if key != "NoiDungTep"},
                "DoDaiNoiDungTep": len(item.get("NoiDungTep") or ""),
            }
            if isinstance(item, dict)
            else item
            for item in documents
        ]
    return kept


def _claim(code: str, *, channel: str, record: dict) -> ReceivedApplication:
    """The row of `code`, created if new and locked until the transaction ends, so that
    the same record pushed and pulled at once is filed by one of them only."""
    try:
        with transaction.atomic():
            row, _created = ReceivedApplication.objects.get_or_create(
                national_code=code,
                defaults={"channel": channel, "outcome": ReceivedOutcome.REFUSED, "record": record},
            )
    except IntegrityError:  # the other one created it first
        pass
    return ReceivedApplication.objects.select_for_update().get(national_code=code)


def _file(record: dict, *, code: str, channel: str, stored: list) -> Application:
    filing = read_filing(record)
    files = _store_documents(filing.documents, stored)
    try:
        return create_application(
            facts=procedure_facts(filing.procedure),
            answers=filing.answers,
            files=files,
            applicant=filing.applicant,
            idempotency_key=_idempotency_key(code),
            language="vi",
            # The FK alone: `procedure` in `extra` would also charge the online fee,
            # and the fee of an application filed on the national portal is paid on
            # its payment platform, never awaited here.
            extra={"procedure_id": filing.procedure.pk, "submitted_at": filing.submitted_at},
            delivery_method=filing.delivery_method,
            postal_address=filing.postal_address,
            dossier_code=code,
            note=_(
                "Hồ sơ nộp trên Cổng Dịch vụ công quốc gia (mã hồ sơ %(code)s, nộp lúc "
                "%(at)s), %(how)s."
            )
            % {
                "code": code,
                "at": timezone.localtime(filing.submitted_at, VIETNAM).strftime("%H:%M %d/%m/%Y"),
                "how": CHANNEL_LABELS.get(channel, channel),
            },
        )
    except TrackingError as error:
        raise Refused(error.message) from error
    except IntegrityError as error:  # filed meanwhile under this code by another system
        raise Refused(
            _("Mã hồ sơ “%(code)s” đã được dùng cho một hồ sơ khác.") % {"code": code}
        ) from error


def read_filing(record: dict) -> Filing:
    """Check every field of the record; Refused with all that is wrong, in one reason."""
    problems = []
    procedure = _procedure(record, problems)
    applicant = _applicant(record, problems)
    answers = record.get("DuLieuKeKhai") or {}
    if not isinstance(answers, dict):
        problems.append(_("Dữ liệu kê khai (DuLieuKeKhai) phải là một đối tượng JSON."))
    delivery = DELIVERY.get(_text(record.get("HinhThuc")) or "0")
    postal_address = _text(record.get("DiaChiNhanKetQua"))
    if delivery is None:
        problems.append(_("Hình thức nhận kết quả (HinhThuc) phải là 0 hoặc 1."))
    elif delivery == DeliveryMethod.POST and not postal_address:
        problems.append(_("Thiếu địa chỉ nhận kết quả qua bưu chính (DiaChiNhanKetQua)."))
    _too_long(postal_address, Application, "postal_address", "DiaChiNhanKetQua", problems)
    submitted_at = _submitted_at(record, problems)
    documents = record.get("TaiLieuNop") or []
    if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
        problems.append(_("Danh sách tài liệu (TaiLieuNop) phải là một mảng các đối tượng."))
    elif len(documents) > MAX_FILES:
        problems.append(_("Hồ sơ có quá %(count)s tài liệu đính kèm.") % {"count": MAX_FILES})
    if problems:
        raise Refused(" ".join(str(problem) for problem in problems))
    return Filing(
        procedure=procedure,
        applicant=applicant,
        answers=answers,
        delivery_method=delivery,
        postal_address=postal_address if delivery == DeliveryMethod.POST else "",
        submitted_at=submitted_at,
        documents=documents,
    )


def _procedure(record, problems) -> Procedure | None:
    code = _text(record.get("MaTTHC"))
    if not code:
        problems.append(_("Thiếu mã thủ tục hành chính (MaTTHC)."))
        return None
    procedure = (
        Procedure.objects.live()
        .filter(code=code, locale__language_code="vi")
        .select_related("receiving_unit")
        .first()
    )
    if procedure is None:
        problems.append(
            _(
                "Thủ tục mã “%(code)s” không có trong danh mục thủ tục hành chính đang công "
                "bố của cơ quan."
            )
            % {"code": code[:80]}
        )
    return procedure


def _applicant(record, problems) -> Applicant:
    name = _text(record.get("ChuHoSo"))
    kind = _text(record.get("LoaiDoiTuong"))
    number = _text(record.get("MaDoiTuong"))
    email = _text(record.get("Email"))
    phone = _text(record.get("SoDienThoai"))
    address = _text(record.get("DiaChi"))
    if not name:
        problems.append(_("Thiếu tên chủ hồ sơ (ChuHoSo)."))
    _too_long(name, Application, "applicant_name", "ChuHoSo", problems)
    if kind not in (CITIZEN, ORGANISATION):
        problems.append(_("Loại đối tượng (LoaiDoiTuong) phải là 1 (công dân) hoặc 2 (tổ chức)."))
    elif number and kind == CITIZEN and not ID_NUMBER.fullmatch(number):
        problems.append(
            _("Số định danh cá nhân (MaDoiTuong) “%(number)s” không hợp lệ.")
            % {"number": number[:40]}
        )
    elif number and kind == ORGANISATION and not TAX_CODE.fullmatch(number):
        problems.append(
            _("Mã số thuế (MaDoiTuong) “%(number)s” không hợp lệ.") % {"number": number[:40]}
        )
    _too_long(email, Application, "applicant_email", "Email", problems)
    _too_long(phone, Application, "applicant_phone", "SoDienThoai", problems)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(
                _("Thư điện tử (Email) “%(email)s” không hợp lệ.") % {"email": email[:80]}
            )
    if phone and not PHONE.fullmatch(phone):
        problems.append(
            _("Số điện thoại (SoDienThoai) “%(phone)s” không hợp lệ.") % {"phone": phone[:40]}
        )
    _too_long(address, Application, "applicant_address", "DiaChi", problems)
    organisation = kind == ORGANISATION
    return Applicant(
        full_name=name,
        email=email,
        phone=phone,
        id_number=number if not organisation else "",
        address=address,
        organisation=name if organisation else "",
        tax_code=number if organisation else "",
    )


def _submitted_at(record, problems) -> datetime.datetime:
    """When it was filed on the national portal; the moment we receive it if not said."""
    value = _text(record.get("NgayNopHoSo"))
    if not value:
        return timezone.now()
    try:
        moment = datetime.datetime.strptime(value, DATE_FORMAT).replace(tzinfo=VIETNAM)
    except ValueError:
        problems.append(
            _("Ngày nộp hồ sơ (NgayNopHoSo) “%(value)s” không đúng định dạng yyyyMMddHHmmss.")
            % {"value": value[:40]}
        )
        return timezone.now()
    if moment > timezone.now() + CLOCK_SKEW:
        problems.append(
            _("Ngày nộp hồ sơ (NgayNopHoSo) “%(value)s” ở sau thời điểm hiện tại.")
            % {"value": value}
        )
    return moment


def _store_documents(documents: list[dict], stored: list) -> list[SubmittedFile]:
    """Decode, check (type by name and content, size: `core.uploads`) and store each file
    in the application's own folder of the private storage; `stored` lists what was saved,
    for the caller to delete if the application is not filed."""
    files = []
    for number, item in enumerate(documents, start=1):
        name = _text(item.get("TenTepDinhKem"))
        label = _text(item.get("TenGiayTo")) or name
        if not name:
            raise Refused(
                _("Tài liệu thứ %(number)s thiếu tên tệp (TenTepDinhKem).") % {"number": number}
            )
        content = _decoded(item.get("NoiDungTep"), name)
        try:
            saved = store_private_upload(ContentFile(content, name=name), folder=APPLICATION_FOLDER)
        except ValidationError as error:
            raise Refused(" ".join(error.messages)) from error
        stored.append(saved.storage_name)
        files.append(
            SubmittedFile.from_stored(
                saved,
                field_name=_text(item.get("MaThanhPhanHoSo"))[:255],
                label=label[:500],
            )
        )
    return files


def _decoded(content, name: str) -> bytes:
    if not isinstance(content, str) or not content.strip():
        raise Refused(_("Tệp “%(name)s” không có nội dung (NoiDungTep).") % {"name": name[:200]})
    text = DATA_URL.sub("", "".join(content.split()), count=1)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise Refused(
            _("Nội dung tệp “%(name)s” không phải dữ liệu base64 hợp lệ.") % {"name": name[:200]}
        ) from error


def _delete(names):
    storage = storages["private"]
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("could not delete %s, stored for a national record not filed", name)


def _idempotency_key(code: str) -> str:
    """Application.idempotency_key (64 characters) of the national code: one application per code."""
    return hashlib.sha256(f"dvcqg:{code}".encode()).hexdigest()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def _too_long(value: str, model, field: str, label: str, problems: list):
    limit = model._meta.get_field(field).max_length
    if len(value) > limit:
        problems.append(_("%(field)s dài quá %(limit)s ký tự.") % {"field": label, "limit": limit})
