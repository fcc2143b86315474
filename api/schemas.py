"""What the API answers, as OpenAPI schemas (pydantic through django-ninja)."""

from datetime import date, datetime

from ninja import Schema


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[dict] | None = None


class Unit(Schema):
    code: str
    name: str
    name_en: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


class Sector(Schema):
    code: str
    name: str
    name_en: str = ""
    procedure_count: int | None = None


class Fee(Schema):
    label: str
    kind: str
    amount: int
    unit_label: str = ""


class Download(Schema):
    label: str
    url: str
    format: str = ""


class ProcedureSummary(Schema):
    code: str
    name: str
    url: str
    language: str
    sector: Sector
    level: int
    level_label: str
    receiving_unit: Unit
    processing_days: int
    processing_note: str
    fees: list[Fee]
    online_form_url: str | None


class ProcedureDetail(ProcedureSummary):
    record: dict  # the national catalogue's fields (MaTTHC, TenTTHC, …), as exported
    blank_forms: list[Download]


class TimelineLine(Schema):
    at: datetime
    action: str
    action_label: str
    state: str
    state_label: str


class Status(Schema):
    dossier_code: str
    procedure_name: str
    receiving_unit: str
    submitted_at: datetime
    state: str
    state_label: str
    description: str
    next_step: str
    due_date: date | None
    new_due_date: date | None
    timeline: list[TimelineLine]


class MonthlyStatistic(Schema):
    month: date
    procedure_code: str
    procedure_name: str
    received: int
    accepted: int
    on_time: int
    late: int
    refused: int
    withdrawn: int
