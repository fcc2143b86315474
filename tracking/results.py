"""Results as electronic documents with the agency's digital signature.

A result delivered online must be an electronic document carrying the agency's
digital signature (Nghị định 45/2020/NĐ-CP; Quyết định 28/2018/QĐ-TTg). Whatever
records a result (the desk, the API, a status package of the document exchange)
goes through `prepare_result`, called by `tracking.operations.record_result`:

- a PDF without a signature is signed with the agency certificate, PAdES
  baseline B-B as the notices are (`tracking.signing.sign_pdf`);
- a PDF that comes signed (the competent person's USB token, remote signing) is
  validated with pyHanko: every signature must be intact and nothing but
  signatures and their validation data may have been added after the last one; its
  signer, time and verdict are kept (`ResultSignature`). Its certificate is
  trusted when it chains to the agency certificate's chain or to a root in
  `RESULT_SIGNATURE_TRUST_ROOTS`; an intact signature of an unknown certificate is
  kept and shown as not verified;
- a file of another type the portal accepts (DOCX, XLSX, JPEG, PNG, ZIP: what the
  document exchange may send) is wrapped: a one-page PDF that embeds it,
  signed by the agency;
- anything else, a PDF that cannot be read or is protected by a password, and a
  PDF whose signature is broken, are refused with a message for the user.
"""

import asyncio
import concurrent.futures
import hashlib
import html
import io
import logging
import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils import embed
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext

from core.pdf import simple_document_pdf
from core.uploads import KNOWN_TYPES, SubmittedFile, safe_original_name
from portal.models import AgencySettings
from tracking.constants import FileKind
from tracking.models import ResultSignature
from tracking.signing import load_agency_credentials, sign_pdf

logger = logging.getLogger(__name__)

PDF = "application/pdf"
RESULT_FOLDER = "results"
# What a signer's certificate may be issued for: a signature (token or remote signing).
SIGNER_KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)


class ResultRefused(Exception):
    """A result file that cannot become a signed electronic document; `message` is for
    the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class SignatureFacts:
    signer: str
    organisation: str
    issuer: str
    serial: str
    signed_at: datetime | None
    intact: bool
    trusted: bool
    by_agency: bool
    detail: str


@dataclass(frozen=True)
class PreparedResult:
    """A result file ready to be attached, and what became of the one handed in."""

    file: SubmittedFile
    signature: SignatureFacts
    wrapped: bool = False
    # The file handed in when `file` is a new (signed or wrapped) copy of it.
    replaced: SubmittedFile | None = None


def _off_the_event_loop(function):
    # pyHanko drives its own event loop (asyncio.run); from a thread that already
    # runs one (an async view, a browser-test driver) it must run in a thread of its own.
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()


def _asn1(certificate):
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _configured_roots():
    roots = []
    for name in settings.RESULT_SIGNATURE_TRUST_ROOTS:
        data = Path(name).read_bytes()
        blobs = (
            [der for _, _, der in pem.unarmor(data, multiple=True)] if b"-----" in data else [data]
        )
        roots.extend(asn1_x509.Certificate.load(der) for der in blobs)
    return roots


def trust_roots() -> tuple[list, object]:
    """(certificates trusted for result signatures, the agency's certificate)."""
    _key, certificate, chain = load_agency_credentials()
    agency = _asn1(certificate)
    return [agency, *(_asn1(c) for c in chain), *_configured_roots()], agency


def _name(certificate_name, *keys) -> str:
    native = certificate_name.native
    for key in keys:
        value = native.get(key)
        if value:
            return str(value[-1] if isinstance(value, list) else value)[:255]
    return ""


def _facts_of(status, agency) -> SignatureFacts:
    cert = status.signing_cert
    timestamp = getattr(status.timestamp_validity, "timestamp", None)
    return SignatureFacts(
        signer=_name(cert.subject, "common_name", "organization_name") or "?",
        organisation=_name(cert.subject, "organization_name", "organizational_unit_name"),
        issuer=_name(cert.issuer, "common_name", "organization_name"),
        serial=format(cert.serial_number, "X")[:80],
        signed_at=timestamp or status.signer_reported_dt,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        by_agency=cert.sha256 == agency.sha256,
        detail=status.summary(),
    )


def _read(data: bytes, name: str):
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            raise ResultRefused(
                _(
                    "Tệp kết quả “%(name)s” được đặt mật khẩu; vui lòng gỡ mật khẩu "
                    "(hoặc xuất lại tệp PDF) rồi ghi nhận lại."
                )
                % {"name": name}
            )
        return reader, reader.embedded_signatures
    except ResultRefused:
        raise
    except Exception as error:  # any failure to parse: the file is not a readable PDF
        logger.info("result %s is not a readable PDF: %s", name, error)
        raise ResultRefused(
            _(
                "Tệp kết quả “%(name)s” không phải tệp PDF đọc được. Vui lòng xuất lại "
                "tệp PDF từ văn bản gốc rồi ghi nhận lại."
            )
            % {"name": name}
        ) from error


def validate_signatures(data: bytes, *, name: str) -> SignatureFacts | None:
    """The facts of the last signature of a signed PDF, after checking every one; None
    when the PDF carries no signature. ResultRefused when one is broken."""
    _reader, signatures = _read(data, name)
    if not signatures:
        return None
    roots, agency = trust_roots()

    def validate():
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        return [
            validate_pdf_signature(
                signature, signer_validation_context=context, key_usage_settings=SIGNER_KEY_USAGE
            )
            for signature in signatures
        ]

    try:
        statuses = _off_the_event_loop(validate)
    except Exception as error:  # a signature pyHanko cannot even evaluate
        logger.warning("signatures of result %s could not be validated: %s", name, error)
        raise ResultRefused(
            _("Không kiểm tra được chữ ký số trên tệp kết quả “%(name)s”.") % {"name": name}
        ) from error
    for status in statuses:
        if not (status.intact and status.valid):
            raise ResultRefused(
                _(
                    "Chữ ký số trên tệp kết quả “%(name)s” không hợp lệ: nội dung tệp không "
                    "còn khớp với chữ ký. Vui lòng ký số lại văn bản gốc."
                )
                % {"name": name}
            )
        if status.modification_level == ModificationLevel.OTHER or status.docmdp_ok is False:
            raise ResultRefused(
                _(
                    "Tệp kết quả “%(name)s” đã bị sửa đổi sau khi ký số. Vui lòng ký số lại "
                    "văn bản sau khi hoàn thiện."
                )
                % {"name": name}
            )
    facts = _facts_of(statuses[-1], agency)
    if len(statuses) > 1:
        facts = replace(facts, detail="\n\n".join(status.summary() for status in statuses))
    return facts


def _agency_location() -> str:
    agency = AgencySettings.load()
    return (agency.address or agency.name)[:100]


def _sign(data: bytes, *, name: str, reason: str) -> bytes:
    try:
        return sign_pdf(data, reason=reason, location=_agency_location())
    except Exception as error:  # a PDF whose structure the signer cannot extend
        logger.warning("result %s could not be signed: %s", name, error)
        raise ResultRefused(
            _(
                "Không ký số được tệp kết quả “%(name)s”. Vui lòng xuất lại tệp PDF từ văn "
                "bản gốc rồi ghi nhận lại."
            )
            % {"name": name}
        ) from error


def wrap_in_pdf(data: bytes, *, name: str, content_type: str, dossier_code: str) -> bytes:
    """A one-page PDF that describes and embeds `data` (unsigned)."""
    digest = hashlib.sha256(data).hexdigest()
    cover = simple_document_pdf(
        title=_("Kết quả giải quyết hồ sơ %(code)s") % {"code": html.escape(dossier_code)},
        paragraphs=[
            html.escape(
                _(
                    "Kết quả giải quyết là tệp “%(name)s” (%(type)s, %(size)s byte), đính kèm "
                    "trong tệp PDF này. Mở tệp đính kèm bằng trình đọc PDF (biểu tượng kẹp giấy)."
                )
                % {"name": name, "type": content_type, "size": len(data)}
            ),
            html.escape(_("Mã băm SHA-256 của tệp đính kèm: %(digest)s") % {"digest": digest}),
            html.escape(
                _(
                    "Chữ ký số của cơ quan trên tệp PDF này bảo đảm tính toàn vẹn của cả tệp "
                    "đính kèm."
                )
            ),
        ],
        subject=dossier_code,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(cover))
    embedded = embed.EmbeddedFileObject.from_file_data(
        writer, data=data, mime_type=content_type or None
    )
    embed.embed_file(
        writer,
        embed.FileSpec(
            file_spec_string=name, file_name=name, embedded_data=embedded, description=name
        ),
    )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _known_type(data: bytes, name: str) -> str | None:
    """The content type of a non-PDF file the portal accepts, by its extension and content."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    known = KNOWN_TYPES.get(extension)
    if known is None or extension == "pdf":
        return None
    content_type, starts = known
    return content_type if any(data.startswith(start) for start in starts) else None


def _store(data: bytes, *, like: SubmittedFile, name: str) -> SubmittedFile:
    day = timezone.localdate()
    stored = storages["private"].save(
        f"{RESULT_FOLDER}/{day:%Y/%m}/{secrets.token_hex(16)}.pdf", ContentFile(data)
    )
    return replace(
        like,
        storage_name=stored,
        original_name=name,
        content_type=PDF,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def store_bytes(data: bytes, *, name: str, label, field_name: str = "result") -> SubmittedFile:
    """Keep a result file received as bytes (a status package) in the private storage."""
    original_name = safe_original_name(name)
    extension = original_name.rsplit(".", 1)[-1].lower() if "." in original_name else "bin"
    day = timezone.localdate()
    stored = storages["private"].save(
        f"{RESULT_FOLDER}/{day:%Y/%m}/{secrets.token_hex(16)}.{extension[:10]}", ContentFile(data)
    )
    return SubmittedFile(
        field_name=field_name,
        label=str(label),
        storage_name=stored,
        original_name=original_name,
        content_type=PDF if data[:1024].find(b"%PDF-") >= 0 else "application/octet-stream",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def prepare_result(item: SubmittedFile, *, dossier_code: str) -> PreparedResult:
    """The result file as a signed electronic document (see the module's docstring).

    A new copy is stored when the portal signs or wraps the file; the caller attaches
    `file` and, once that is committed, deletes `replaced` (`release_originals`).
    """
    storage = storages["private"]
    with storage.open(item.storage_name, "rb") as handle:
        data = handle.read()
    name = item.original_name
    reason = _("Kết quả giải quyết hồ sơ %(code)s") % {"code": dossier_code}
    if b"%PDF-" in data[:1024]:
        facts = validate_signatures(data, name=name)
        if facts is not None:
            return PreparedResult(file=item, signature=facts)
        signed = _sign(data, name=name, reason=reason)
        facts = validate_signatures(signed, name=name)
        return PreparedResult(
            file=_store(signed, like=item, name=name), signature=facts, replaced=item
        )
    content_type = _known_type(data, name)
    if content_type is None:
        raise ResultRefused(
            _(
                "Tệp kết quả “%(name)s” không phải tệp PDF hoặc một định dạng cổng nhận "
                "(DOCX, XLSX, JPG, PNG, ZIP), nên không thể ký số để trả trực tuyến."
            )
            % {"name": name}
        )
    wrapped = _sign(
        wrap_in_pdf(data, name=name, content_type=content_type, dossier_code=dossier_code),
        name=name,
        reason=reason,
    )
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return PreparedResult(
        file=_store(wrapped, like=item, name=f"{stem}.pdf"),
        signature=validate_signatures(wrapped, name=name),
        wrapped=True,
        replaced=item,
    )


def keep_signatures(event, prepared: list[PreparedResult]) -> list[ResultSignature]:
    """Record the signature of each result file attached to `event`."""
    files = {f.file.name: f for f in event.attachments.filter(kind=FileKind.RESULT)}
    kept = []
    for result in prepared:
        facts = result.signature
        kept.append(
            ResultSignature.objects.create(
                file=files[result.file.storage_name],
                signer=facts.signer,
                organisation=facts.organisation,
                issuer=facts.issuer,
                serial=facts.serial,
                signed_at=facts.signed_at,
                by_agency=facts.by_agency,
                intact=facts.intact,
                trusted=facts.trusted,
                wrapped=result.wrapped,
                detail=facts.detail,
            )
        )
    return kept


def discard(prepared: list[PreparedResult]) -> None:
    """Delete the copies made for results that were not recorded after all."""
    _delete(result.file for result in prepared if result.replaced is not None)


def release_originals(prepared: list[PreparedResult]) -> None:
    """Delete the files handed in that a signed or wrapped copy replaced."""
    _delete(result.replaced for result in prepared if result.replaced is not None)


def discard_files(files: list[SubmittedFile]) -> None:
    """Delete stored files that did not become a result (`store_bytes`)."""
    _delete(files)


def _delete(files) -> None:
    storage = storages["private"]
    for item in files:
        try:
            storage.delete(item.storage_name)
        except OSError:
            logger.warning("could not delete the result file %s", item.storage_name)
