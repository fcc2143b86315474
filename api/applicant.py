"""The applicant's own applications and drafts: signed in on the portal (session) or
with a personal access token made in the account pages."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from api import schemas
from api.auth import ApplicantSession, PersonalToken, applicant_of
from api.problems import Problem
from api.public import timeline
from core.links import absolute
from forms.selectors import draft_rows
from tracking import selectors as tracking
from tracking.constants import FileKind, State
from tracking.links import detail_token, detail_url
from tracking.models import Application

router = Router(tags=["applicant"], auth=[PersonalToken(), ApplicantSession()])


class ApplicantFile(Schema):
    label: str
    original_name: str
    url: str


class MyApplication(Schema):
    dossier_code: str
    procedure_name: str
    state: str
    state_label: str
    submitted_at: str
    due_date: date | None
    new_due_date: date | None
    page_url: str


class MyApplicationDetail(MyApplication):
    timeline: list[schemas.TimelineLine]
    notices: list[ApplicantFile]
    results: list[ApplicantFile]


class MyDraft(Schema):
    title: str
    updated_at: str
    expires_at: str | None
    url: str


ERRORS = {401: schemas.Problem, 404: schemas.Problem, 429: schemas.Problem}


def _mine(request):
    return Application.objects.filter(user=applicant_of(request))


def _out(application) -> dict:
    return {
        "dossier_code": application.dossier_code,
        "procedure_name": application.procedure_name,
        "state": application.state,
        "state_label": str(State(application.state).label),
        "submitted_at": application.submitted_at.isoformat(),
        "due_date": application.due_date,
        "new_due_date": application.new_due_date,
        "page_url": detail_url(application),
    }


def _downloads(application, files):
    token = detail_token(application)
    return [
        {
            "label": f.label,
            "original_name": f.original_name,
            "url": absolute(reverse("tracking:download", args=[token, f.pk])),
        }
        for f in files
    ]


@router.get("/applications", response={200: list[MyApplication], **ERRORS}, summary="Hồ sơ của tôi")
def my_applications(request):
    return [_out(a) for a in _mine(request).order_by("-submitted_at")]


@router.get(
    "/applications/{code}",
    response={200: MyApplicationDetail, **ERRORS},
    summary="Một hồ sơ của tôi: quá trình xử lý, phiếu thông báo, kết quả",
)
def my_application(request, code: str):
    application = _mine(request).filter(dossier_code=code.strip().upper()).first()
    if application is None:
        raise Problem(404, _("Bạn không có hồ sơ nào mang mã này."))
    return _out(application) | {
        "timeline": timeline(application),
        "notices": _downloads(application, application.files.filter(kind=FileKind.NOTICE)),
        "results": _downloads(application, tracking.result_files(application)),
    }


@router.get("/drafts", response={200: list[MyDraft], **ERRORS}, summary="Hồ sơ đang soạn")
def my_drafts(request):
    return [
        {
            "title": row["title"],
            "updated_at": row["updated_at"].isoformat(),
            "expires_at": row["expires_at"].isoformat() if row["expires_at"] else None,
            "url": absolute(row["url"]),
        }
        for row in draft_rows(applicant_of(request))
    ]
