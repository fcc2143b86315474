"""Everything that changes the outbox and applies what the exchange answers.

Delivery is at least once: the outbox row is written in the transaction that
accepts the application; a Celery task sends it after commit and retries with
backoff; the sweeper re-drives what got stuck (broker down at accept time, a
worker killed mid-send). The receiver deduplicates by DocumentId.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core.outbox import Outbox, PermanentError, SendOutcome, TransientError
from tracking import operations as tracking_operations
from tracking import results as tracking_results
from tracking.constants import Action, State
from tracking.exchange import edxml, packages, peers, selectors, transports
from tracking.exchange.constants import (
    PROCESSING_CODES,
    InboundOutcome,
    MessageState,
    RejectionCode,
    StatusCode,
)
from tracking.exchange.edxml import PackageRejected, read_status
from tracking.exchange.models import ExchangeMessage, InboundPackage
from tracking.exchange.xmlsecurity import (
    InboundRejected,
    parse_hardened,
    verify_hmac,
    verify_signature,
)
from tracking.models import DossierSequence

logger = logging.getLogger(__name__)

# How far along the receiving system is; a status never moves a message back.
PROGRESS = {
    StatusCode.ARRIVED: 1,
    StatusCode.REGISTERED: 3,
    StatusCode.ASSIGNED: 4,
    StatusCode.PROCESSING: 5,
    StatusCode.COMPLETED: 6,
}
# Raw bytes kept of a refused inbound package, for inspection. Whoever can reach the
# endpoint can post refused packages, so only a sender that proved who it is (signature
# or shared secret checked, refused for another reason) has its body kept up to
# KEEP_REJECTED_BYTES. A package naming a configured peer whose check failed (most often
# a peer whose certificate or secret changed) is kept whole only if no bigger than a
# real status package gets; of any other only the first KEEP_ANONYMOUS_BYTES, with the
# size and SHA-256 of the whole body.
KEEP_REJECTED_BYTES = 256 * 1024
KEEP_UNVERIFIED_PEER_BYTES = 16 * 1024
KEEP_ANONYMOUS_BYTES = 1024
# Refused packages deleted per query by the daily purge.
PURGE_BATCH = 2000


# --- Outbound ---------------------------------------------------------------


def hand_off_accepted(sender, *, application, **kwargs) -> ExchangeMessage:
    """Receiver of `tracking.signals.application_accepted`: queue the hand-off."""
    return queue_handoff(application=application)


def queue_handoff(*, application) -> ExchangeMessage:
    """Write the outbox message of an application just accepted (same transaction as the
    acceptance), and send it once the transaction commits.

    Its DocumentId numbers the unit's hand-offs of the day (1, 2, …), so that it stays
    within the standard's 35 characters however many messages the portal has sent.
    """
    unit_code = application.receiving_unit.identifier_code
    peer = peers.peer_for_unit(unit_code)
    day = timezone.localtime(application.accepted_at or timezone.now()).date()
    document_id = _next_document_id(unit_code, day)
    message = ExchangeMessage.objects.create(
        application=application,
        document_id=document_id,
        from_organ_id=unit_code,
        to_organ_id=peer.organ_id,
    )
    OUTBOX.schedule(message)
    return message


def _next_document_id(unit_code: str, day) -> str:
    """The next free DocumentId of `unit_code` for `day`, unique under concurrency.

    The day's counter is a `DossierSequence` row of its own (key `edxml/<unit>`), locked
    until the acceptance commits, as dossier codes are numbered. Numbers already taken
    (DocumentIds of earlier releases, numbered by outbox row) are skipped.
    """
    key = f"edxml/{unit_code}"
    with transaction.atomic():
        try:
            with transaction.atomic():
                DossierSequence.objects.get_or_create(unit_code=key, day=day)
        except IntegrityError:
            pass  # another acceptance created the row first
        sequence = DossierSequence.objects.select_for_update().get(unit_code=key, day=day)
        number = sequence.last
        while True:
            number += 1
            document_id = packages.document_id_for(number=number, unit_code=unit_code, day=day)
            if not ExchangeMessage.objects.filter(document_id=document_id).exists():
                break
        if len(document_id) > edxml.LIMITS["DocumentId"]:
            raise tracking_operations.TrackingError(
                _(
                    "Đơn vị %(unit)s đã chuyển quá nhiều hồ sơ trong ngày: mã văn bản "
                    "%(id)s vượt quá %(limit)s ký tự theo QCVN 102:2016."
                )
                % {"unit": unit_code, "id": document_id, "limit": edxml.LIMITS["DocumentId"]}
            )
        DossierSequence.objects.filter(pk=sequence.pk).update(last=number)
        return document_id


def _deliver(message: ExchangeMessage) -> dict:
    """Build (once) and post one package; what the peer answered is kept on the message."""
    try:
        if not message.package:
            message.package = packages.build_edxml_package(message)
            ExchangeMessage.objects.filter(pk=message.pk).update(package=message.package)
        peer = peers.peer(message.to_organ_id)
        if peer is None:
            raise transports.PermanentTransportError(
                _("Đơn vị nhận %(code)s chưa được cấu hình liên thông.")
                % {"code": message.to_organ_id}
            )
        delivery = transports.send(
            peer, package=bytes(message.package), document_id=message.document_id
        )
    except PackageRejected as error:
        raise PermanentError(
            _("Gói tin không đúng chuẩn: %(errors)s") % {"errors": error}
        ) from error
    except transports.PermanentTransportError as error:
        raise PermanentError(str(error)) from error
    except transports.TransportError as error:
        raise TransientError(str(error)) from error
    return {"response_status": delivery.status, "response_body": delivery.body}


def _task():
    from tracking.exchange.tasks import send_exchange_message

    return send_exchange_message


OUTBOX = Outbox(
    ExchangeMessage,
    settings_prefix="EXCHANGE",
    deliver=_deliver,
    task=_task,
    select_related=("application__receiving_unit",),
)


def send_message(*, message_id: int) -> SendOutcome:
    """Build (once) and send one outbox message; say whether and when to try again."""
    return OUTBOX.send(message_id)


def retry_message(*, message: ExchangeMessage) -> ExchangeMessage:
    """Staff re-drive a message that failed or was refused.

    A failed message (never delivered) is queued again as it was, same
    DocumentId. A refused one (status 02) was delivered and turned down, so the
    receiver knows its DocumentId: a new message with a new number is sent.
    """
    with transaction.atomic():
        locked = ExchangeMessage.objects.select_for_update().get(pk=message.pk)
        if locked.state == MessageState.REFUSED:
            if ExchangeMessage.objects.filter(
                application_id=locked.application_id, pk__gt=locked.pk
            ).exists():
                raise tracking_operations.TrackingError(
                    _("Hồ sơ này đã được gửi lại bằng một gói tin mới.")
                )
            return queue_handoff(application=locked.application)
        if locked.state != MessageState.FAILED:
            raise tracking_operations.TrackingError(
                _("Chỉ gửi lại được gói tin đã thất bại hoặc bị từ chối.")
            )
        return OUTBOX.requeue(locked)


def retry_failed_messages() -> int:
    """Re-drive every failed message (the management command's --retry-failed)."""
    count = 0
    for message in ExchangeMessage.objects.filter(state=MessageState.FAILED):
        retry_message(message=message)
        count += 1
    return count


def sweep_outbox(*, now=None) -> list[int]:
    """Send again what is stuck (see `core.outbox.Outbox.sweep`)."""
    return OUTBOX.sweep(now=now)


def send_failure_digest(*, now=None) -> int:
    """E-mail the admins the hand-offs that failed or are stuck; return how many were listed."""
    from django.contrib.auth import get_user_model

    now = now or timezone.now()
    messages = list(selectors.messages_needing_attention(now=now))
    recipients = list(settings.EXCHANGE_DIGEST_RECIPIENTS) or list(
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not messages or not recipients:
        return 0
    context = {"messages": messages, "site_url": settings.SITE_URL, "now": now}
    send_mail(
        subject=_("[Liên thông văn bản] %(n)s gói tin cần xử lý") % {"n": len(messages)},
        message=render_to_string("exchange/email/digest.txt", context),
        from_email=None,
        recipient_list=recipients,
    )
    return len(messages)


# --- Inbound ----------------------------------------------------------------


def _authenticate(root, raw: bytes, hmac_header: str):
    """(peer, report, content) of a status package whose sender proved who it is;
    `content` is the signed document (or, for a peer with a shared secret, the one
    received), from which everything else is read."""
    claimed = read_status(root)
    peer = peers.peer(claimed.from_organ_id)
    if peer is None:
        raise InboundRejected(RejectionCode.UNKNOWN_PEER, claimed.from_organ_id)
    certificate = peer.certificate_pem()
    if certificate:
        content = verify_signature(root, certificate_pem=certificate)
        report = read_status(content)
    elif peer.secret:
        verify_hmac(raw, secret=peer.secret, header_value=hmac_header)
        content, report = root, claimed
    else:
        raise InboundRejected(RejectionCode.UNKNOWN_PEER, "no certificate or secret configured")
    if report.from_organ_id != peer.organ_id:
        raise InboundRejected(RejectionCode.BAD_SIGNATURE, "signed sender differs")
    return peer, report, content


def receive_status_package(
    *, raw: bytes, hmac_header: str = "", remote_addr: str | None = None
) -> InboundPackage:
    """Check, record and apply one status package. Never raises for a bad package:
    the returned record says what became of it (and is kept in every case, a refused
    one from an unproven sender only in part: see KEEP_ANONYMOUS_BYTES).

    A status 06 may carry the result files (`AttachmentEncoded`); they become the
    application's result, signed or validated as the desk's are (`tracking.results`).
    A result that cannot be recorded (unreadable, broken signature) refuses the whole
    package with the reason, so that the peer sends it again rather than lose it.
    """
    record = InboundPackage(
        size=len(raw), remote_addr=remote_addr, digest=hashlib.sha256(raw).hexdigest()
    )
    authenticated = False
    try:
        root = parse_hardened(raw, max_bytes=settings.EXCHANGE_INBOUND_MAX_BYTES)
        peer, report, content = _authenticate(root, raw, hmac_header)
        authenticated = True
        message = ExchangeMessage.objects.filter(
            document_id=report.response_for, to_organ_id=peer.organ_id
        ).first()
        if message is None:
            raise InboundRejected(RejectionCode.UNKNOWN_DOCUMENT, report.response_for)
        attachments = edxml.read_attachments(content)
    except PackageRejected as error:
        return _reject(
            record,
            raw,
            InboundRejected(RejectionCode.INVALID, str(error)),
            authenticated=authenticated,
        )
    except InboundRejected as error:
        return _reject(record, raw, error, authenticated=authenticated)
    if report.legacy_layout:
        logger.warning(
            "status package from %s in the deprecated layout (bare edXMLEnvelope, "
            "attachments as attributes); it is read until the next release",
            report.from_organ_id,
        )

    record.raw = raw
    record.from_organ_id = report.from_organ_id
    record.response_for = report.response_for
    record.status_code = report.status_code
    record.description = report.description
    record.status_timestamp = report.timestamp
    record.message = message
    try:
        with transaction.atomic():
            record.dedup_key = report.dedup_key
            record.outcome = InboundOutcome.RECORDED
            record.save()
            # One status at a time per message, so out-of-order packages are judged in turn.
            locked = ExchangeMessage.objects.select_for_update().get(pk=message.pk)
            outcome, event = apply_status(message=locked, report=report, attachments=attachments)
            record.outcome = outcome
            record.event = event
            record.save(update_fields=["outcome", "event"])
    except IntegrityError:
        record.pk = None
        record.dedup_key = None
        record.outcome = InboundOutcome.DUPLICATE
        record.event = None
        record.save()
    except tracking_operations.TrackingError as error:
        # The result files could not be recorded: nothing was applied.
        record.pk = None
        record.dedup_key = None
        record.event = None
        return _reject(
            record,
            raw,
            InboundRejected(RejectionCode.INVALID, error.message),
            authenticated=True,
        )
    return record


def refuse_media_type(
    *, content_type: str, size: int, remote_addr: str | None = None
) -> InboundPackage:
    """A post that is not `application/xml` or `text/xml` (UTF-8): refused unread, the
    fact and the Content-Type given kept."""
    return _reject(
        InboundPackage(size=size, remote_addr=remote_addr),
        b"",
        InboundRejected(
            RejectionCode.UNSUPPORTED_MEDIA_TYPE, f"Content-Type: {content_type[:200] or '—'}"
        ),
    )


def refuse_oversized(*, size: int, remote_addr: str | None = None) -> InboundPackage:
    """A package whose declared size is over the limit: refused unread, the fact kept."""
    return _reject(
        InboundPackage(size=size, remote_addr=remote_addr),
        b"",
        InboundRejected(RejectionCode.TOO_LARGE, f"{size} bytes"),
    )


def _kept_bytes(raw: bytes, error: InboundRejected, *, authenticated: bool) -> bytes:
    """What is stored of a refused package's body (KEEP_REJECTED_BYTES above)."""
    if authenticated:
        return raw[:KEEP_REJECTED_BYTES]
    # A bad signature or secret is only ever found for a sender configured as a peer.
    if error.code == RejectionCode.BAD_SIGNATURE and len(raw) <= KEEP_UNVERIFIED_PEER_BYTES:
        return raw
    return raw[:KEEP_ANONYMOUS_BYTES]


def _reject(record, raw, error: InboundRejected, *, authenticated=False) -> InboundPackage:
    record.raw = _kept_bytes(raw, error, authenticated=authenticated)
    record.outcome = InboundOutcome.REJECTED
    record.rejection_code = error.code
    record.error = error.detail[: 5000 if authenticated else KEEP_ANONYMOUS_BYTES]
    record.save()
    logger.warning("exchange status package refused: %s", error)
    return record


def purge_refused_inbound(*, now=None, days=None) -> int:
    """Delete refused inbound packages older than EXCHANGE_REFUSED_RETENTION_DAYS
    (or `days`); return how many went. Recorded ones stay: they are the history
    of an application."""
    days = settings.EXCHANGE_REFUSED_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    expired = InboundPackage.objects.filter(
        outcome=InboundOutcome.REJECTED, received_at__lt=cutoff
    ).values_list("pk", flat=True)
    count = 0
    # In batches: after a flood there may be very many.
    while batch := list(expired[:PURGE_BATCH]):
        deleted = InboundPackage.objects.filter(pk__in=batch).delete()[0]
        if not deleted:
            break
        count += deleted
    if count:
        logger.info("purged %s refused exchange status package(s)", count)
    return count


def _result_files(attachments) -> list:
    """The attachments of a status package as files for `record_result`."""
    return [
        tracking_results.store_bytes(
            attachment.data,
            name=attachment.name,
            label=attachment.description or _("Kết quả giải quyết"),
        )
        for attachment in attachments
    ]


def _with_results(record, application, note, attachments):
    """`record` (record_result or attach_result) with the package's files; the files
    stored for it go if it fails."""
    files = _result_files(attachments)
    try:
        return record(application=application, actor="exchange", files=files, note=note)
    except BaseException:
        tracking_results.discard_files(files)
        raise


def apply_status(*, message: ExchangeMessage, report, attachments=()):
    """Apply one status to the application (README, "Hand-off to the document exchange"); return (outcome, event).

    - 03 registered, 04 assigned, 05 processing: accepted → in_progress.
    - 06 completed: accepted or in_progress → decided, with the result files the
      package carries (signed or validated: `tracking.results`); without any, the
      application awaits its result file, which the desk (or a later 06 with the
      files) attaches. A 06 with files for a decision still without them attaches them.
    - 02 refused: the receiving system turned the package down. That is not a
      decision on the application (refusing or stopping it needs reasons the
      desk gives), so it is logged, the message is marked refused and shows on
      the desk with a re-send button.
    - 01 arrived, 13/15/16 take-back and update, and any status that would move
      the application backwards (out of order): logged only. Files sent with any
      status but 06 are not taken.
    """
    application = message.application
    application.refresh_from_db()
    code = report.status_code
    label = StatusCode(code).label if code in StatusCode.values else _("Mã trạng thái khác")
    note = f"[{code}] {label}" + (f": {report.description}" if report.description else "")
    data = {
        "exchange": {
            "document_id": report.response_for,
            "status_code": code,
            "timestamp": report.timestamp,
            "from": report.from_organ_id,
            "staff": report.staff,
            "attachments": [a.name for a in attachments],
        }
    }
    updates = {}
    if code in PROGRESS and PROGRESS[code] > PROGRESS.get(message.last_status_code, 0):
        updates["last_status_code"] = code
    if code == StatusCode.REFUSED:
        updates.update(
            state=MessageState.REFUSED, last_status_code=code, last_error=report.description
        )
    if updates:
        ExchangeMessage.objects.filter(pk=message.pk).update(**updates, updated_at=timezone.now())

    state = application.state
    try:
        if code in PROCESSING_CODES and state == State.ACCEPTED:
            event = tracking_operations.start_processing(
                application=application, actor="exchange", note=note
            )
            return InboundOutcome.APPLIED, event
        if code == StatusCode.COMPLETED and state in (State.ACCEPTED, State.IN_PROGRESS):
            event = _with_results(tracking_operations.record_result, application, note, attachments)
            return InboundOutcome.APPLIED, event
        if (
            code == StatusCode.COMPLETED
            and attachments
            and tracking_operations.is_allowed(application, Action.ATTACH_RESULT)
        ):
            event = _with_results(tracking_operations.attach_result, application, note, attachments)
            return InboundOutcome.APPLIED, event
    except tracking_operations.InvalidTransition:
        # Staff moved the application meanwhile; the status is still worth logging.
        pass
    event = tracking_operations.record_exchange_status(
        application=application, note=note, data=data
    )
    return InboundOutcome.RECORDED, event
