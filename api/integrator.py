"""Integrators (the one-stop system, dashboards): applications of the key's units, and
the desk's actions on them, through the same state machine and event log as the desk."""

import base64
import binascii
from datetime import date

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from api import schemas, webhooks
from api.auth import IntegratorKey, require_scope
from api.constants import Scope, WebhookEvent
from api.models import WebhookEndpoint
from api.problems import Problem
from core.links import absolute
from core.uploads import store_private_upload
from tracking import operations, signals
from tracking import selectors as tracking
from tracking.constants import Action, State
from tracking.deadlines import due_date_for
from tracking.models import Application
from tracking.views import file_response

router = Router(tags=["integrator"], auth=IntegratorKey())
RESULT_MAX_BYTES = 50 * 1024 * 1024


# Schemas


class FileOut(Schema):
    id: int
    kind: str
    label: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    url: str


class EventOut(Schema):
    at: str
    action: str
    action_label: str
    from_state: str
    to_state: str
    actor: str
    public_note: str


class ApplicationSummary(Schema):
    dossier_code: str
    state: str
    state_label: str
    procedure_code: str
    procedure_name: str
    receiving_unit: str
    applicant_name: str
    submitted_at: str
    accepted_at: str | None
    due_date: date | None
    new_due_date: date | None
    is_overdue: bool
    url: str


class ApplicationDetail(ApplicationSummary):
    applicant: dict
    delivery_method: str
    postal_address: str
    answers: dict
    answer_rows: list[dict]
    fee_lines: list | None
    files: list[FileOut]
    events: list[EventOut]
    allowed_actions: list[str]


class ApplicationPage(Schema):
    items: list[ApplicationSummary]
    next_cursor: str | None = Field(
        description="Truyền vào `cursor` để lấy trang sau; null khi đã hết."
    )


class ApplicationFilters(Schema):
    state: State | None = None
    procedure: str = Field("", max_length=64, description="Mã thủ tục")
    unit: str = Field("", max_length=35, description="Mã định danh đơn vị tiếp nhận")
    submitted_from: date | None = None
    submitted_to: date | None = None
    cursor: str = Field("", max_length=64)
    limit: int = Field(50, ge=1, le=200)


class NoteIn(Schema):
    note: str = Field("", max_length=2000)


class AcceptIn(NoteIn):
    due_date: date | None = Field(
        None, description="Ngày hẹn trả kết quả; mặc định tính theo thời hạn của thủ tục."
    )


class ReasonsIn(Schema):
    reasons: str = Field(min_length=1, max_length=4000)


# Reading


def _iso(moment):
    return moment.isoformat() if moment else None


def applications_of(key):
    return Application.objects.select_related("receiving_unit").filter(
        receiving_unit__in=key.units.all()
    )


def application_of(request, code) -> Application:
    """The application with this code if it belongs to the key's units; 404 otherwise,
    whether it exists elsewhere or not at all."""
    application = applications_of(request.auth).filter(dossier_code=code.strip().upper()).first()
    if application is None:
        raise Problem(404, _("Không có hồ sơ nào mang mã này trong các đơn vị của khóa."))
    return application


def summary_out(application) -> dict:
    return {
        "dossier_code": application.dossier_code,
        "state": application.state,
        "state_label": str(State(application.state).label),
        "procedure_code": application.procedure_code,
        "procedure_name": application.procedure_name,
        "receiving_unit": application.receiving_unit.identifier_code,
        "applicant_name": application.applicant_name,
        "submitted_at": _iso(application.submitted_at),
        "accepted_at": _iso(application.accepted_at),
        "due_date": application.due_date,
        "new_due_date": application.new_due_date,
        "is_overdue": application.is_overdue,
        "url": absolute(reverse("api-1:integrator_application", args=[application.dossier_code])),
    }


def detail_out(application) -> dict:
    code = application.dossier_code
    return summary_out(application) | {
        "applicant": tracking.applicant_facts(application),
        "delivery_method": application.delivery_method,
        "postal_address": application.postal_address,
        "answers": application.answers,
        "answer_rows": [
            {"section": str(section), "label": str(label), "value": str(value)}
            for section, label, value in tracking.answer_rows(application)
        ],
        "fee_lines": application.fee_lines,
        "files": [
            {
                "id": f.pk,
                "kind": f.kind,
                "label": f.label,
                "original_name": f.original_name,
                "content_type": f.content_type,
                "size": f.size,
                "sha256": f.sha256,
                "url": absolute(reverse("api-1:integrator_file", args=[code, f.pk])),
            }
            for f in application.files.order_by("created_at", "pk")
        ],
        "events": [
            {
                "at": event.at.isoformat(),
                "action": event.action,
                "action_label": str(Action(event.action).label),
                "from_state": event.from_state,
                "to_state": event.to_state,
                "actor": event.actor_label,
                "public_note": event.public_note,
            }
            for event in application.events.order_by("at", "pk")
        ],
        "allowed_actions": [
            action for action in WRITE_ACTIONS if operations.is_allowed(application, action)
        ],
    }


def _cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(str(pk).encode()).decode().rstrip("=")


def _after(cursor: str) -> int:
    try:
        return int(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise Problem(
            422,
            _("Con trỏ trang không hợp lệ."),
            errors=[{"loc": ["query", "cursor"], "message": _("Con trỏ trang không hợp lệ.")}],
        ) from None


@router.get(
    "/applications",
    response={200: ApplicationPage, 401: schemas.Problem, 403: schemas.Problem},
    summary="Hồ sơ của các đơn vị của khóa (phân trang theo con trỏ)",
)
def list_applications(request, filters: Query[ApplicationFilters]):
    require_scope(request, Scope.READ)
    applications = applications_of(request.auth)
    if filters.state:
        applications = applications.filter(state=filters.state)
    if filters.procedure:
        applications = applications.filter(procedure_code=filters.procedure)
    if filters.unit:
        applications = applications.filter(receiving_unit__identifier_code=filters.unit)
    if filters.submitted_from:
        applications = applications.filter(submitted_at__date__gte=filters.submitted_from)
    if filters.submitted_to:
        applications = applications.filter(submitted_at__date__lte=filters.submitted_to)
    if filters.cursor:
        applications = applications.filter(pk__gt=_after(filters.cursor))
    page = list(applications.order_by("pk")[: filters.limit + 1])
    more = len(page) > filters.limit
    page = page[: filters.limit]
    return {
        "items": [summary_out(a) for a in page],
        "next_cursor": _cursor(page[-1].pk) if more else None,
    }


@router.get(
    "/applications/{code}",
    response={
        200: ApplicationDetail,
        401: schemas.Problem,
        403: schemas.Problem,
        404: schemas.Problem,
    },
    url_name="integrator_application",
    summary="Một hồ sơ: người nộp, nội dung kê khai, tệp, nhật ký, thao tác được phép",
)
def get_application(request, code: str):
    require_scope(request, Scope.READ)
    application = application_of(request, code)
    # An integrator reading the applicant's personal data: logged as the desk's readings are.
    signals.personal_data_viewed.send(
        sender=Application, application=application, actor=str(request.auth), resource="application"
    )
    return detail_out(application)


@router.get(
    "/applications/{code}/files/{file_id}",
    response={401: schemas.Problem, 403: schemas.Problem, 404: schemas.Problem},
    url_name="integrator_file",
    summary="Tải một tệp của hồ sơ",
)
def download_file(request, code: str, file_id: int):
    require_scope(request, Scope.READ)
    application = application_of(request, code)
    attachment = application.files.filter(pk=file_id).first()
    if attachment is None:
        raise Problem(404, _("Hồ sơ không có tệp này."))
    signals.personal_data_viewed.send(
        sender=Application,
        application=application,
        actor=str(request.auth),
        resource="file",
        data={
            "file_id": attachment.pk,
            "kind": attachment.kind,
            "label": attachment.label,
            "sha256": attachment.sha256,
        },
    )
    response = file_response(attachment)
    response["Cache-Control"] = "no-store, private"
    return response


# Acting, as the desk does


WRITE_ACTIONS = [
    Action.ACCEPT,
    Action.REQUEST_SUPPLEMENT,
    Action.REFUSE,
    Action.START,
    Action.DECIDE,
    Action.DELIVER,
]
ACTION_ERRORS = {
    401: schemas.Problem,
    403: schemas.Problem,
    404: schemas.Problem,
    409: schemas.Problem,
    422: schemas.Problem,
}


def _actor(key, application):
    """Who the action is logged as: the key's account, which must be allowed to take it
    at the desk now (active, with the desk's permission to act, serving the
    application's unit), or else the key itself."""
    user = key.acting_user
    if user is None:
        return f"{key.name} (API)"
    if not tracking.may_act_on(user, application):
        raise Problem(
            403,
            _(
                "Tài khoản thực hiện của khóa (%(user)s) không còn được xử lý hồ sơ này ở "
                "bàn làm việc; quản trị viên cần cấp lại quyền hoặc đổi tài khoản của khóa."
            )
            % {"user": user.get_username()},
        )
    return user


def _act(request, code, run):
    key = require_scope(request, Scope.WRITE)
    application = application_of(request, code)
    actor = _actor(key, application)
    try:
        run(application, actor)
    except operations.ResultFileRefused as error:
        # The file sent is at fault (not signable, a signature that does not hold).
        raise Problem(
            422, error.message, errors=[{"loc": ["body", "file"], "message": error.message}]
        ) from None
    except operations.TrackingError as error:
        raise Problem(409, error.message) from None
    application.refresh_from_db()
    return detail_out(application)


@router.post(
    "/applications/{code}/accept",
    response={200: ApplicationDetail, **ACTION_ERRORS},
    summary="Tiếp nhận hồ sơ (ngày hẹn trả tính theo thời hạn nếu không gửi)",
)
def accept(request, code: str, payload: AcceptIn):
    if payload.due_date is not None and payload.due_date < timezone.localdate():
        raise Problem(
            422,
            _("Ngày hẹn trả không được trước hôm nay."),
            errors=[
                {
                    "loc": ["body", "due_date"],
                    "message": _("Ngày hẹn trả không được trước hôm nay."),
                }
            ],
        )
    return _act(
        request,
        code,
        lambda a, actor: operations.accept_application(
            application=a,
            actor=actor,
            due_date=payload.due_date or due_date_for(a),
            note=payload.note,
        ),
    )


@router.post(
    "/applications/{code}/request-supplement",
    response={200: ApplicationDetail, **ACTION_ERRORS},
    summary="Yêu cầu bổ sung hồ sơ",
)
def request_supplement(request, code: str, payload: ReasonsIn):
    return _act(
        request,
        code,
        lambda a, actor: operations.request_supplement(
            application=a, actor=actor, reasons=payload.reasons
        ),
    )


@router.post(
    "/applications/{code}/refuse",
    response={200: ApplicationDetail, **ACTION_ERRORS},
    summary="Từ chối tiếp nhận",
)
def refuse(request, code: str, payload: ReasonsIn):
    return _act(
        request,
        code,
        lambda a, actor: operations.refuse_application(
            application=a, actor=actor, reasons=payload.reasons
        ),
    )


@router.post(
    "/applications/{code}/start",
    response={200: ApplicationDetail, **ACTION_ERRORS},
    summary="Bắt đầu giải quyết",
)
def start(request, code: str, payload: NoteIn):
    return _act(
        request,
        code,
        lambda a, actor: operations.start_processing(application=a, actor=actor, note=payload.note),
    )


@router.post(
    "/applications/{code}/result",
    response={200: ApplicationDetail, **ACTION_ERRORS},
    summary="Ghi nhận kết quả giải quyết (tệp PDF)",
)
def record_result(request, code: str, file: File[UploadedFile], note: Form[str] = ""):
    require_scope(request, Scope.WRITE)
    application = application_of(request, code)  # 404 before the file is stored
    if not operations.is_allowed(application, Action.DECIDE):
        raise Problem(
            409,
            _("Không thể ghi nhận kết quả khi hồ sơ đang ở trạng thái “%(state)s”.")
            % {"state": State(application.state).label},
        )
    try:
        stored = store_private_upload(
            file, folder="results", extensions=("pdf",), max_bytes=RESULT_MAX_BYTES
        )
    except DjangoValidationError as error:
        message = " ".join(str(m) for m in error.messages)
        raise Problem(
            422, message, errors=[{"loc": ["body", "file"], "message": message}]
        ) from None
    result = operations.SubmittedFile.from_stored(
        stored, field_name="result", label=_("Kết quả giải quyết")
    )
    return _act(
        request,
        code,
        lambda a, actor: operations.record_result(
            application=a, actor=actor, files=[result], note=note[:2000]
        ),
    )


@router.post(
    "/applications/{code}/deliver",
    response={200: ApplicationDetail, **ACTION_ERRORS},
    summary="Đã trả kết quả",
)
def deliver(request, code: str, payload: NoteIn):
    return _act(
        request,
        code,
        lambda a, actor: operations.deliver_result(application=a, actor=actor, note=payload.note),
    )


# Webhooks, registered by the integrator with its own key


class WebhookIn(Schema):
    url: str = Field(max_length=500, description="Địa chỉ HTTPS nhận sự kiện")
    events: list[WebhookEvent] = Field(min_length=1)


class WebhookOut(Schema):
    id: int
    url: str
    events: list[str]
    is_active: bool
    created_at: str


class NewWebhook(WebhookOut):
    secret: str = Field(description="Khóa ký whsec_…, chỉ trả về một lần")


def webhook_out(endpoint) -> dict:
    return {
        "id": endpoint.pk,
        "url": endpoint.url,
        "events": list(endpoint.events),
        "is_active": endpoint.is_active,
        "created_at": endpoint.created_at.isoformat(),
    }


@router.get("/webhooks", response={200: list[WebhookOut]}, summary="Webhook của khóa này")
def list_webhooks(request):
    require_scope(request, Scope.READ)
    return [webhook_out(e) for e in request.auth.webhooks.order_by("pk")]


@router.post(
    "/webhooks",
    response={201: NewWebhook},
    summary="Đăng ký webhook (khóa ký trả về một lần)",
)
def add_webhook(request, payload: WebhookIn):
    require_scope(request, Scope.READ)
    try:
        url = webhooks.checked_url(payload.url)
    except DjangoValidationError as error:
        message = " ".join(str(m) for m in error.messages)
        raise Problem(422, message, errors=[{"loc": ["body", "url"], "message": message}]) from None
    endpoint = WebhookEndpoint.objects.create(
        api_key=request.auth,
        url=url,
        events=sorted(set(payload.events)),
        secret=webhooks.new_secret(),
    )
    return Status(201, webhook_out(endpoint) | {"secret": endpoint.secret})


@router.delete(
    "/webhooks/{webhook_id}", response={204: None, 404: schemas.Problem}, summary="Hủy một webhook"
)
def delete_webhook(request, webhook_id: int):
    require_scope(request, Scope.READ)
    deleted, _by_model = request.auth.webhooks.filter(pk=webhook_id).delete()
    if not deleted:
        raise Problem(404, _("Khóa này không có webhook này."))
    return Status(204, None)
