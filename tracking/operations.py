"""Everything that changes an application. Views, the desk, tasks and the
exchange call these functions; nothing else assigns `Application.state`."""

import datetime
import hashlib
import logging
import re
import secrets
from dataclasses import dataclass, field, replace

from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.uploads import SubmittedFile
from services.constants import ServiceLevel
from services.fees import Fee, compute_fee
from tracking import results, signals
from tracking.codes import next_dossier_code
from tracking.constants import (
    IN_PLACE_ACTIONS,
    ONCE_ONLY_ACTIONS,
    OPEN_STATES,
    TRANSITIONS,
    Action,
    DeliveryMethod,
    FileKind,
    State,
)
from tracking.deadlines import due_date_for
from tracking.issuing import issue_notice
from tracking.models import Application, ApplicationEvent, ApplicationFile
from tracking.notifications import queue_notice

logger = logging.getLogger(__name__)

# The application's own part of the private storage. Files are copied here at
# submission, so that no cleanup of where they came from (a draft) can reach them.
APPLICATION_FOLDER = "applications"

SYSTEM_ACTORS = {
    "system": _("Hệ thống"),
    "exchange": _("Hệ thống quản lý văn bản"),
    "payment": _("Cổng thanh toán trực tuyến"),
}

# A dossier code given by another system (the national portal's MaHoSo): the form of
# Thông tư 01/2018/TT-VPCP, <unit code>-<yymmdd>-<number>, as `tracking.codes` builds ours.
GIVEN_DOSSIER_CODE = re.compile(r"[0-9A-Z]+(?:\.[0-9A-Z]+)*-(?P<day>[0-9]{6})-[0-9]{4,}")


class TrackingError(Exception):
    """A request the rules of an application's life do not allow; `message` is for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class InvalidTransition(TrackingError):
    pass


class ResultFileRefused(TrackingError):
    """A result file that cannot become a signed electronic document (the file is at
    fault, not the application's state)."""


@dataclass(frozen=True)
class Applicant:
    full_name: str
    email: str = ""
    phone: str = ""
    id_number: str = ""
    address: str = ""
    organisation: str = ""
    tax_code: str = ""


@dataclass(frozen=True)
class ProcedureFacts:
    """What an application keeps of its procedure as it read at submission."""

    code: str
    name: str
    receiving_unit: object
    processing_days: int
    extra: dict = field(default_factory=dict)


def procedure_facts(procedure) -> ProcedureFacts:
    return ProcedureFacts(
        code=procedure.code,
        name=procedure.title,
        receiving_unit=procedure.receiving_unit,
        processing_days=procedure.processing_days,
    )


def submit_application(
    *,
    form_version,
    answers: dict,
    files: list[SubmittedFile],
    applicant: Applicant,
    idempotency_key: str,
    user=None,
    language: str = "vi",
    procedure=None,
    delivery_method: str = DeliveryMethod.ONLINE,
    postal_address: str = "",
    consent: dict | None = None,
) -> Application:
    """Create the application of a completed online form.

    Runs in the caller's transaction. The same `idempotency_key` always gives
    back the same application, so a double click never files twice. The
    applicant's `consent` to the privacy notice (`tracking.privacy.consent_record`)
    is kept on the submission event.
    """
    existing = Application.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    if procedure is None:
        procedure = form_version.definition.procedures.order_by("pk").first()
    if procedure is None:
        raise TrackingError(_("Biểu mẫu này chưa được gắn với thủ tục hành chính nào."))
    return create_application(
        facts=procedure_facts(procedure),
        answers=answers,
        files=files,
        applicant=applicant,
        idempotency_key=idempotency_key,
        user=user,
        language=language,
        extra={"form_version": form_version, "procedure": procedure},
        delivery_method=delivery_method,
        postal_address=postal_address,
        consent=consent,
    )


def create_application(
    *,
    facts: ProcedureFacts,
    answers: dict,
    files: list[SubmittedFile],
    applicant: Applicant,
    idempotency_key: str,
    user=None,
    language: str = "vi",
    extra: dict | None = None,
    delivery_method: str = DeliveryMethod.ONLINE,
    postal_address: str = "",
    dossier_code: str = "",
    note: str = "",
    consent: dict | None = None,
) -> Application:
    """Give the application its dossier code, store it with its files and log it.

    A level-4 procedure with a fee due on these answers starts in
    `AWAITING_PAYMENT` ("chờ thanh toán"); the desk sees it once it is paid.
    The applicant chooses to receive the result online or by post, to
    `postal_address`. An application filed elsewhere (the national portal) keeps
    the `dossier_code` it was given there, so that the applicant, the desk and
    that system speak of it by one code; `note` is written on its submission
    event for the desk (where it came from), and `consent` (to the privacy notice,
    `tracking.privacy.consent_record`) in its data.
    """
    delivery_method = DeliveryMethod(delivery_method)
    if delivery_method == DeliveryMethod.POST and not postal_address.strip():
        raise TrackingError(_("Vui lòng nhập địa chỉ nhận kết quả qua bưu chính."))
    if dossier_code:
        _check_given_code(dossier_code)
    owned = take_over_files(files)
    answers = _renamed_files(
        answers,
        {f.storage_name: o.storage_name for f, o in zip(files, owned, strict=True) if f != o},
    )
    try:
        with transaction.atomic():
            now = timezone.now()
            unit = facts.receiving_unit
            code = dossier_code or next_dossier_code(unit.identifier_code, timezone.localdate(now))
            procedure = (extra or {}).get("procedure")
            fee = fee_at_submission(procedure, answers)
            first_state = State.AWAITING_PAYMENT if fee and fee.total > 0 else State.SUBMITTED
            application = Application(
                dossier_code=code,
                state=first_state,
                receiving_unit=unit,
                procedure_code=facts.code,
                procedure_name=facts.name,
                processing_days=facts.processing_days,
                applicant_name=applicant.full_name,
                applicant_email=applicant.email,
                applicant_phone=applicant.phone,
                applicant_id_number=applicant.id_number,
                applicant_address=applicant.address,
                applicant_organisation=applicant.organisation,
                applicant_tax_code=applicant.tax_code,
                user=user if user is not None and user.is_authenticated else None,
                language=language,
                answers=answers,
                delivery_method=delivery_method,
                postal_address=postal_address.strip()
                if delivery_method == DeliveryMethod.POST
                else "",
                idempotency_key=idempotency_key,
                submitted_at=now,
                fee_lines=fee.as_lines() if fee is not None else None,
            )
            for name, value in (extra or {}).items():
                if hasattr(Application, name):
                    setattr(application, name, value)
            application.save()
            event = _log(
                application,
                Action.SUBMIT,
                "",
                first_state,
                actor=None,
                note=note,
                data={"consent": consent} if consent else None,
            )
            _attach(application, event, owned, FileKind.UPLOAD)
            _announce(event)
            return application
    except BaseException:
        # Nothing was filed: the copies made for it go (the originals stay where they were).
        _delete_copies(files, owned)
        raise


def _check_given_code(code: str) -> None:
    """Refuse a given dossier code that is not of the regulated form or is already taken.

    Checked again by the unique index when the application is saved (two filings at
    once); this is the check with a message.
    """
    longest = Application._meta.get_field("dossier_code").max_length
    match = GIVEN_DOSSIER_CODE.fullmatch(code) if len(code) <= longest else None
    try:
        well_formed = match is not None and bool(datetime.datetime.strptime(match["day"], "%y%m%d"))
    except ValueError:  # not a day of the calendar (261332)
        well_formed = False
    if not well_formed:
        raise TrackingError(
            _(
                "Mã số hồ sơ “%(code)s” không đúng định dạng "
                "<mã đơn vị>-<năm tháng ngày>-<số thứ tự>, ví dụ 000.00.12.H34-261203-0001."
            )
            % {"code": code[:80]}
        )
    if Application.objects.filter(dossier_code=code).exists():
        raise TrackingError(
            _("Mã số hồ sơ “%(code)s” đã được dùng cho một hồ sơ khác.") % {"code": code}
        )


def take_over_files(files: list[SubmittedFile]) -> list[SubmittedFile]:
    """Copy submitted files into the application's own folder and check each copy
    against the digest recorded at upload; files already there are kept as they are.

    The originals are left to their owner (the form engine deletes a draft's files
    once the submission has committed); an upload that is gone or changed since it
    was checked stops the submission with a message, never an application with a
    missing document.
    """
    storage = storages["private"]
    owned = []
    try:
        for item in files:
            if item.storage_name.startswith(f"{APPLICATION_FOLDER}/"):
                owned.append(item)
                continue
            owned.append(replace(item, storage_name=_copy_checked(storage, item)))
    except BaseException:
        _delete_copies(files[: len(owned)], owned)
        raise
    return owned


def _copy_checked(storage, item: SubmittedFile) -> str:
    missing = TrackingError(
        _("Tệp “%(name)s” không còn nguyên vẹn trên máy chủ. Vui lòng tải tệp lên lại rồi nộp.")
        % {"name": item.original_name}
    )
    try:
        source = storage.open(item.storage_name, "rb")
    except OSError as error:
        raise missing from error
    with source:
        digest = hashlib.sha256()
        for chunk in source.chunks():
            digest.update(chunk)
        if digest.hexdigest() != item.sha256:
            raise missing
        source.seek(0)
        extension = (
            item.storage_name.rsplit(".", 1)[-1].lower() if "." in item.storage_name else "bin"
        )
        day = timezone.localdate()
        name = f"{APPLICATION_FOLDER}/{day:%Y/%m}/{secrets.token_hex(16)}.{extension}"
        return storage.save(name, File(source, name=name))


def _delete_copies(originals, owned):
    storage = storages["private"]
    for original, copy in zip(originals, owned, strict=False):
        if copy.storage_name != original.storage_name:
            try:
                storage.delete(copy.storage_name)
            except OSError:
                logger.warning("could not delete the unused copy %s", copy.storage_name)


def _renamed_files(answers, renamed: dict):
    """The answers with each uploaded file's stored name replaced by its copy's."""
    if not renamed:
        return answers
    if isinstance(answers, dict):
        if answers.get("storage_name") in renamed:
            return {**answers, "storage_name": renamed[answers["storage_name"]]}
        return {key: _renamed_files(value, renamed) for key, value in answers.items()}
    if isinstance(answers, list):
        return [_renamed_files(value, renamed) for value in answers]
    return answers


def fee_at_submission(procedure, answers: dict) -> Fee | None:
    """The fee to pay online before the desk takes the application (level 4 only), as
    the procedure's rules read now; None when the procedure takes no online payment."""
    if procedure is None or procedure.service_level != ServiceLevel.FULL_ONLINE:
        return None
    return compute_fee(procedure, answers)


def _log(application, action, from_state, to_state, *, actor, note="", public_note="", data=None):
    return ApplicationEvent.objects.create(
        application=application,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_actor_label(actor, application),
        note=note,
        public_note=public_note,
        data=data or {},
    )


def _actor_label(actor, application):
    if actor is None:
        return application.applicant_name
    if isinstance(actor, str):
        return str(SYSTEM_ACTORS.get(actor, actor))
    return actor.get_full_name() or actor.get_username()


def _attach(application, event, files, kind):
    ApplicationFile.objects.bulk_create(
        ApplicationFile(
            application=application,
            event=event,
            kind=kind,
            field_name=f.field_name,
            label=f.label,
            file=f.storage_name,
            original_name=f.original_name,
            content_type=f.content_type,
            size=f.size,
            sha256=f.sha256,
        )
        for f in files
    )


def _announce(event):
    """Tell who must hear of `event`, in its transaction: the applicant's e-mail notice
    (a row sent after commit: a broker or mail outage delays it, never loses it) and
    the apps listening to `event_recorded` (webhooks, integrations)."""
    queue_notice(event)
    signals.event_recorded.send(sender=ApplicationEvent, event=event)


def is_allowed(application, action) -> bool:
    """Whether the rules allow `action` on the application now: a transition of its
    state (or an in-place action of that state), not a once-only action already
    taken, postal dispatch only for a result asked by post, and a result file attached
    only to a decision that has none."""
    action, state = Action(action), State(application.state)
    if (state, action) not in TRANSITIONS and state not in IN_PLACE_ACTIONS.get(action, ()):
        return False
    if action in ONCE_ONLY_ACTIONS and application.has_had(action):
        return False
    if action == Action.ATTACH_RESULT:
        return not application.files.filter(kind=FileKind.RESULT).exists()
    return action != Action.SEND_BY_POST or application.delivery_method == DeliveryMethod.POST


def transition(
    *,
    application: Application,
    action: Action,
    actor,
    note: str = "",
    public_note: str = "",
    files: list[SubmittedFile] = (),
    file_kind: FileKind = FileKind.ATTACHMENT,
    data: dict | None = None,
    changes: dict | None = None,
) -> ApplicationEvent:
    """Apply `action` if the state machine allows it, and log it.

    The row is locked for the change, so two clerks clicking at once cannot
    both move the application.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        target = TRANSITIONS.get((State(locked.state), Action(action)))
        if target is None:
            raise InvalidTransition(
                _("Không thể “%(action)s” khi hồ sơ đang ở trạng thái “%(state)s”.")
                % {"action": Action(action).label, "state": State(locked.state).label}
            )
        before = locked.state
        locked.state = target
        for name, value in (changes or {}).items():
            setattr(locked, name, value)
        locked.save()
        event = _log(
            locked,
            action,
            before,
            target,
            actor=actor,
            note=note,
            public_note=public_note,
            data=data,
        )
        _attach(locked, event, list(files), file_kind)
        issue_notice(locked, event)
        _announce(event)
    application.refresh_from_db()
    return event


def accept_application(*, application, actor, due_date, note="") -> ApplicationEvent:
    """Tiếp nhận: the deadline starts; the applicant gets receipt form 01; the apps
    listening to `application_accepted` (the document exchange's hand-off) act in
    the same transaction."""
    with transaction.atomic():
        event = transition(
            application=application,
            action=Action.ACCEPT,
            actor=actor,
            note=note,
            changes={"accepted_at": timezone.now(), "due_date": due_date},
            data={"due_date": due_date.isoformat()},
        )
        signals.application_accepted.send(sender=Application, application=application)
    return event


def record_exchange_status(*, application, note="", data=None) -> ApplicationEvent:
    """A status from the document exchange that changes no state: logged in the timeline."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        event = _log(
            locked,
            Action.EXCHANGE_STATUS,
            locked.state,
            locked.state,
            actor="exchange",
            note=note,
            data=data,
        )
        _announce(event)
    return event


def request_supplement(*, application, actor, reasons: str) -> ApplicationEvent:
    """Yêu cầu bổ sung (form 02): at most once per application."""
    if not reasons.strip():
        raise TrackingError(_("Vui lòng nêu rõ giấy tờ cần bổ sung và lý do."))
    if application.has_had(Action.REQUEST_SUPPLEMENT):
        raise InvalidTransition(_("Hồ sơ này đã được yêu cầu bổ sung một lần."))
    return transition(
        application=application,
        action=Action.REQUEST_SUPPLEMENT,
        actor=actor,
        public_note=reasons,
    )


def answer_supplement(*, application, files: list[SubmittedFile], note="") -> ApplicationEvent:
    """The applicant sends the documents asked for; the application returns to the desk."""
    if not files:
        raise TrackingError(_("Vui lòng đính kèm ít nhất một giấy tờ bổ sung."))
    return transition(
        application=application,
        action=Action.SUPPLEMENT,
        actor=None,
        note=note,
        files=files,
        file_kind=FileKind.SUPPLEMENT,
    )


def refuse_application(*, application, actor, reasons: str) -> ApplicationEvent:
    """Từ chối (form 03), always with reasons."""
    if not reasons.strip():
        raise TrackingError(_("Vui lòng nêu rõ lý do từ chối."))
    return transition(
        application=application, action=Action.REFUSE, actor=actor, public_note=reasons
    )


def start_processing(*, application, actor, note="") -> ApplicationEvent:
    return transition(application=application, action=Action.START, actor=actor, note=note)


def stop_processing(*, application, actor, reasons: str) -> ApplicationEvent:
    if not reasons.strip():
        raise TrackingError(_("Vui lòng nêu rõ lý do dừng xử lý."))
    return transition(application=application, action=Action.STOP, actor=actor, public_note=reasons)


def _prepared_results(application, files: list[SubmittedFile]) -> list:
    """Each result file as a signed electronic document (`tracking.results`), or
    TrackingError with the reason; nothing is kept of a refused batch."""
    prepared = []
    try:
        for item in files:
            prepared.append(results.prepare_result(item, dossier_code=application.dossier_code))
    except results.ResultRefused as error:
        results.discard(prepared)
        raise ResultFileRefused(error.message) from error
    except BaseException:
        results.discard(prepared)
        raise
    return prepared


def _keep_results(event, prepared) -> None:
    """In the event's transaction: the signatures of its result files; once it commits,
    the unsigned files they replaced go."""
    results.keep_signatures(event, prepared)
    transaction.on_commit(lambda: results.release_originals(prepared))


def record_result(*, application, actor, files: list[SubmittedFile], note="") -> ApplicationEvent:
    """The result is decided; its files are kept for the applicant as electronic
    documents with the agency's digital signature (Nghị định 45/2020/NĐ-CP): an
    unsigned PDF is signed with the agency certificate, a signed one is validated, a
    file of another type is wrapped in a signed PDF (`tracking.results`). The files
    handed in are taken over: a signed copy replaces them.

    Without files (status 06 from the document exchange) the application is decided
    and awaits its result file (`attach_result`); the public sees it so.
    """
    prepared = _prepared_results(application, files)
    due = application.effective_due_date
    late = due is not None and timezone.localdate() > due
    try:
        with transaction.atomic():
            event = transition(
                application=application,
                action=Action.DECIDE,
                actor=actor,
                note=note,
                files=[result.file for result in prepared],
                file_kind=FileKind.RESULT,
                changes={"decided_at": timezone.now(), "resolved_late": late, "is_overdue": False},
                data={"awaiting_result": True} if not prepared else None,
            )
            _keep_results(event, prepared)
    except BaseException:
        results.discard(prepared)
        raise
    return event


def attach_result(*, application, actor, files: list[SubmittedFile], note="") -> ApplicationEvent:
    """The result file of a decision recorded without one (status 06 of the document
    exchange), prepared as `record_result` prepares it; once, and the applicant is told."""
    if not files:
        raise TrackingError(_("Vui lòng đính kèm tệp kết quả."))
    prepared = _prepared_results(application, files)
    try:
        with transaction.atomic():
            locked = Application.objects.select_for_update().get(pk=application.pk)
            if not is_allowed(locked, Action.ATTACH_RESULT):
                raise InvalidTransition(
                    _("Chỉ bổ sung tệp kết quả cho hồ sơ đã có quyết định nhưng chưa có tệp.")
                )
            event = _log(
                locked, Action.ATTACH_RESULT, locked.state, locked.state, actor=actor, note=note
            )
            _attach(locked, event, [result.file for result in prepared], FileKind.RESULT)
            _keep_results(event, prepared)
            _announce(event)
    except BaseException:
        results.discard(prepared)
        raise
    application.refresh_from_db()
    return event


def deliver_result(*, application, actor, note="") -> ApplicationEvent:
    return transition(
        application=application,
        action=Action.DELIVER,
        actor=actor,
        note=note,
        changes={"delivered_at": timezone.now()},
    )


def record_payment(*, application, data: dict) -> ApplicationEvent:
    """The fee is paid: the application goes to the desk ("đã nộp"), or, when the
    procedure says so, is accepted at once with its receipt (form 01) and due date.

    `data` (provider, amount, transaction number…) is kept on the event.
    """
    with transaction.atomic():
        event = transition(application=application, action=Action.PAY, actor="payment", data=data)
        procedure = application.procedure
        if procedure is not None and procedure.accept_on_payment:
            accept_application(
                application=application, actor="payment", due_date=due_date_for(application)
            )
    return event


def delivers_online(application) -> bool:
    """Level 4 ("toàn trình") and no postal delivery asked: the result is handed over by download."""
    procedure = application.procedure
    return (
        application.delivery_method == DeliveryMethod.ONLINE
        and procedure is not None
        and procedure.service_level == ServiceLevel.FULL_ONLINE
    )


def deliver_result_online(*, application) -> ApplicationEvent | None:
    """The applicant downloaded the result of a level-4 procedure: it counts as delivered.

    Only the first download of a decided application changes anything; other
    downloads, and results of other levels (handed over at the desk), return None.
    """
    if not delivers_online(application):
        return None
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.state != State.DECIDED:
            return None
        return deliver_result(
            application=locked,
            actor=None,
            note=str(_("Người nộp tải kết quả trực tuyến.")),
        )


def send_result_by_post(*, application, actor, tracking_number: str, note="") -> ApplicationEvent:
    """The result went out by post to the address the applicant gave; the tracking
    number ("số hiệu bưu gửi") is kept and sent to the applicant."""
    tracking_number = tracking_number.strip()
    if not tracking_number:
        raise TrackingError(_("Vui lòng nhập số hiệu bưu gửi."))
    if application.delivery_method != DeliveryMethod.POST:
        raise InvalidTransition(_("Người nộp không chọn nhận kết quả qua bưu chính."))
    return transition(
        application=application,
        action=Action.SEND_BY_POST,
        actor=actor,
        note=note,
        public_note=str(_("Số hiệu bưu gửi: %(number)s")) % {"number": tracking_number},
        changes={"delivered_at": timezone.now(), "postal_tracking_number": tracking_number},
        data={"postal_tracking_number": tracking_number},
    )


def withdraw_application(*, application, reason: str) -> ApplicationEvent:
    """The applicant withdraws, only before a decision, with a reason."""
    if not reason.strip():
        raise TrackingError(_("Vui lòng cho biết lý do rút hồ sơ."))
    if application.state not in OPEN_STATES:
        raise InvalidTransition(_("Hồ sơ đã có kết quả hoặc đã kết thúc, không thể rút."))
    return transition(
        application=application, action=Action.WITHDRAW, actor=None, public_note=reason
    )


def apologise(*, application, actor, new_due_date, reasons: str) -> ApplicationEvent:
    """Xin lỗi và hẹn lại (form 04): once, while the application is being processed."""
    if not reasons.strip():
        raise TrackingError(_("Vui lòng nêu rõ lý do chậm trễ."))
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.state not in (State.ACCEPTED, State.IN_PROGRESS):
            raise InvalidTransition(_("Chỉ xin lỗi, hẹn lại khi hồ sơ đang được giải quyết."))
        if locked.has_had(Action.APOLOGISE):
            raise InvalidTransition(_("Hồ sơ này đã có một phiếu xin lỗi, hẹn lại."))
        if locked.due_date and new_due_date <= locked.due_date:
            raise TrackingError(_("Ngày hẹn lại phải sau ngày hẹn trả kết quả ban đầu."))
        locked.new_due_date = new_due_date
        locked.is_overdue = False
        locked.save(update_fields=["new_due_date", "is_overdue"])
        event = _log(
            locked,
            Action.APOLOGISE,
            locked.state,
            locked.state,
            actor=actor,
            public_note=reasons,
            data={"new_due_date": new_due_date.isoformat()},
        )
        issue_notice(locked, event)
        _announce(event)
    application.refresh_from_db()
    return event


def flag_overdue_applications(*, today=None) -> int:
    """Mark running applications past their (new) due date; return how many were newly flagged."""
    today = today or timezone.localdate()
    flagged = 0
    # Past due in SQL, read from a partial index of the running, unflagged ones (a new
    # due date after an apology is never earlier than the first); checked again per row.
    candidates = Application.objects.filter(
        Q(new_due_date__isnull=True) | Q(new_due_date__lt=today),
        due_date__lt=today,
        state__in=[State.ACCEPTED, State.IN_PROGRESS],
        is_overdue=False,
    )
    # In the partial index's order: a server-side cursor over the default ordering (newest
    # first) would walk every application to find the few late ones.
    for application in candidates.order_by("due_date", "pk").iterator():
        if application.is_late(today):
            with transaction.atomic():
                Application.objects.filter(pk=application.pk).update(is_overdue=True)
                event = _log(
                    application,
                    Action.FLAG_OVERDUE,
                    application.state,
                    application.state,
                    actor="system",
                )
                _announce(event)
            flagged += 1
    return flagged


def rate_application(*, application, answers: dict):
    """The applicant's rating: once per application, after the result is delivered."""
    from tracking.models import Rating

    if application.state != State.DELIVERED:
        raise TrackingError(_("Chỉ đánh giá được khi đã nhận kết quả."))
    with transaction.atomic():
        Application.objects.select_for_update().get(pk=application.pk)
        if Rating.objects.filter(application=application).exists():
            raise TrackingError(_("Hồ sơ này đã được đánh giá."))
        rating = Rating.objects.create(application=application, **answers)
        signals.application_rated.send(sender=Rating, rating=rating)
        return rating
