"""Public, no key: the catalogue, sectors, units, statistics and an application's status."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from api import schemas
from api.auth import limit_address, too_many
from api.problems import Problem
from core.links import absolute
from core.models import AgencyUnit
from forms.selectors import blank_form_downloads
from portal.serving import public
from services import selectors as catalogue
from services.constants import ServiceLevel
from services.models import Procedure, Sector
from tracking import lookup
from tracking import selectors as tracking

router = Router(tags=["public"])
LANGUAGES = ("vi", "en")


class CatalogueFilters(Schema):
    q: str = Field("", max_length=200, description="Từ khóa, có hoặc không dấu")
    sector: str = Field("", max_length=50, description="Mã lĩnh vực")
    level: int | None = Field(None, ge=1, le=4, description="Mức độ dịch vụ công (1–4)")
    unit: str = Field("", max_length=35, description="Mã định danh đơn vị tiếp nhận")
    language: str = Field("vi", pattern="^(vi|en)$")


def unit_out(unit) -> dict:
    return {
        "code": unit.identifier_code,
        "name": unit.name,
        "name_en": unit.name_en,
        "address": unit.address,
        "phone": unit.phone,
        "email": unit.email,
    }


def procedure_out(procedure, *, detail=False) -> dict:
    form = procedure.online_form
    out = {
        "code": procedure.code,
        "name": procedure.title,
        "url": absolute(procedure.url or ""),
        "language": procedure.locale.language_code,
        "sector": {
            "code": procedure.sector.code,
            "name": procedure.sector.name,
            "name_en": procedure.sector.name_en,
        },
        "level": procedure.service_level,
        "level_label": str(ServiceLevel(procedure.service_level).label),
        "receiving_unit": unit_out(procedure.receiving_unit),
        "processing_days": procedure.processing_days,
        "processing_note": procedure.processing_note,
        "fees": [
            {
                "label": rule.label,
                "kind": rule.kind,
                "amount": rule.amount,
                "unit_label": rule.unit_label,
            }
            for rule in procedure.fee_rules.all()
        ],
        "online_form_url": (
            absolute(f"/bieu-mau/{form.slug}/")
            if form is not None and procedure.service_level >= 3
            else None
        ),
    }
    if detail:
        out["record"] = catalogue.procedure_record(procedure)
        out["blank_forms"] = [
            {"label": d.label, "url": absolute(d.url), "format": d.format}
            for d in blank_form_downloads(form)
        ] + [
            {
                "label": component.name,
                "url": absolute(component.template.url),
                "format": component.template.file_extension,
            }
            for component in procedure.dossier_components.all()
            if component.template
        ]
    return out


def live_procedures(language):
    return (
        public(Procedure.objects.live())
        .filter(locale__language_code=language)
        .select_related("sector", "receiving_unit", "locale", "online_form")
        .prefetch_related("fee_rules")
    )


@router.get(
    "/procedures",
    response=list[schemas.ProcedureSummary],
    summary="Thủ tục hành chính (lọc theo lĩnh vực, mức độ, đơn vị; tìm không dấu)",
)
@paginate(PageNumberPagination, page_size=20)
def list_procedures(request, filters: Query[CatalogueFilters]):
    limit_address(request)
    procedures = live_procedures(filters.language).order_by("sector__sort_order", "title")
    sector = Sector.objects.filter(code=filters.sector).first() if filters.sector else None
    unit = AgencyUnit.objects.filter(identifier_code=filters.unit).first() if filters.unit else None
    if (filters.sector and sector is None) or (filters.unit and unit is None):
        return []
    procedures = catalogue.filter_procedures(
        procedures, query=filters.q, sector=sector, level=filters.level, unit=unit
    )
    with translation.override(filters.language):
        return [procedure_out(p) for p in procedures]


@router.get(
    "/procedures/{code}",
    response={200: schemas.ProcedureDetail, 404: schemas.Problem},
    summary="Một thủ tục, với các trường của CSDL quốc gia và mẫu đơn",
)
def get_procedure(request, code: str, language: str = Query("vi", pattern="^(vi|en)$")):
    limit_address(request)
    procedure = (
        live_procedures(language)
        .prefetch_related("steps", "dossier_components__template", "legal_basis_links__document")
        .filter(code=code[:50])
        .first()
    )
    if procedure is None:
        raise Problem(404, _("Không có thủ tục mang mã này."))
    with translation.override(language):
        return procedure_out(procedure, detail=True)


@router.get("/sectors", response=list[schemas.Sector], summary="Lĩnh vực có thủ tục")
def list_sectors(request):
    limit_address(request)
    sectors = (
        Sector.objects.filter(procedures__live=True, procedures__locale__language_code="vi")
        .distinct()
        .order_by("sort_order", "name")
    )
    return [
        {
            "code": s.code,
            "name": s.name,
            "name_en": s.name_en,
            "procedure_count": s.procedures.live().filter(locale__language_code="vi").count(),
        }
        for s in sectors
    ]


@router.get("/units", response=list[schemas.Unit], summary="Đơn vị của cơ quan")
def list_units(request):
    limit_address(request)
    return [unit_out(unit) for unit in AgencyUnit.objects.order_by("sort_order", "name")]


@router.get(
    "/statistics",
    response={200: list[schemas.MonthlyStatistic], 404: schemas.Problem},
    summary="Thống kê hồ sơ theo tháng và thủ tục (công khai)",
)
def statistics(request, year: int | None = Query(None, ge=2000, le=2100)):
    limit_address(request)
    year = year or timezone.localdate().year
    return [
        {**row, "month": row["month"].date() if hasattr(row["month"], "date") else row["month"]}
        for row in tracking.monthly_statistics(year=year)
    ]


class StatusCheck(Schema):
    check: str = Field(
        "",
        max_length=64,
        description=(
            "Số xác minh: 4 chữ số cuối của số điện thoại, số định danh cá nhân hoặc mã số thuế "
            "đã khai khi nộp, hoặc tham số k của đường liên kết tra cứu gửi người nộp"
        ),
    )


CHECK_PROBLEMS = {
    lookup.Check.MISSING: (
        403,
        gettext_lazy("Hồ sơ có trong hệ thống; cần số xác minh để xem tình trạng."),
    ),
    lookup.Check.WRONG: (
        403,
        gettext_lazy("Số xác minh không khớp với thông tin đã khai khi nộp hồ sơ."),
    ),
    lookup.Check.LOCKED: (
        429,
        gettext_lazy(
            "Số xác minh của hồ sơ này đã bị nhập sai quá nhiều lần; vui lòng thử lại sau."
        ),
    ),
}


@router.get(
    "/applications/{code}/status",
    response={
        200: schemas.Status,
        403: schemas.Problem,
        404: schemas.Problem,
        429: schemas.Problem,
    },
    summary="Tình trạng hồ sơ theo mã số và số xác minh (như trang Tra cứu; không có dữ liệu cá nhân)",
)
def application_status(request, code: str, filters: Query[StatusCheck]):
    # The status page's own budget: the API is no faster a way to test codes.
    if too_many(request, "tracking.status", key="ip", rate=settings.TRACKING_LOOKUP_RATE):
        lookup.record(request, code, "rate_limited")
        raise Problem(
            429,
            _("Bạn đã tra cứu quá nhiều lần; vui lòng thử lại sau ít phút."),
            headers={"Retry-After": "60"},
        )
    application = tracking.public_application_by_code(code)
    if application is None:
        lookup.record(request, code, "not_found")
        raise Problem(404, _("Không có hồ sơ nào mang mã này."))
    check = lookup.verify(request, application, filters.check)
    lookup.record(request, code, check)
    if check is not lookup.Check.VERIFIED:
        status, detail = CHECK_PROBLEMS[check]
        headers = {"Retry-After": "3600"} if status == 429 else None
        raise Problem(status, detail, headers=headers)
    language = translation.get_language()
    # What the status page says: a decision still without its result file reads so.
    status = tracking.public_status(application, language)
    return {
        "dossier_code": application.dossier_code,
        "procedure_name": application.procedure_name,
        "receiving_unit": application.receiving_unit.name,
        "submitted_at": application.submitted_at,
        "state": application.state,
        "state_label": status["label"],
        "description": status["description"],
        "next_step": status["next_step"],
        "due_date": application.due_date,
        "new_due_date": application.new_due_date,
        "timeline": timeline(application),
    }


def timeline(application):
    return [
        {
            "at": line["at"],
            "action": line["action_code"],
            "action_label": str(line["action"]),
            "state": line["state_code"],
            "state_label": str(line["state"]),
        }
        for line in tracking.public_timeline(application)
    ]
