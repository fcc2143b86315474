"""Inbound: our procedures as the national catalogue (CSDL quốc gia về TTHC) describes them.

The national portal's sharing services give the list of procedures
(`LayDanhSachTTHC`) and each one (`LayThuTuc`, uppercase fields: see
`translate`). `sync_catalogue` fetches those of our catalogue (and any code asked
for by name: the entire national catalogue is not wanted here), translates each
into the project's interchange record (`services.interchange`) and imports them
with `services.operations.import_procedures(keep_local=True)`, which overwrites
only what the national catalogue owns and keeps what editors added here (the
online form, the service level, the notes, the steps and documents they typed).
`import_file` does the same from a file of such records (JSON, or CSV with
JSON in the list cells), for an install that cannot reach the national portal.

Every run leaves a `CatalogueImport` with its report: per procedure created,
updated (which fields, old → new), unchanged or refused (why), and warnings.
A record that cannot be used is refused on its own; the others are imported,
in one transaction.
"""

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import AgencyUnit
from national import transports
from national.catalogue_models import CatalogueImport
from national.constants import Service
from services.constants import ApplicationMethod, ImplementingLevel
from services.models import Procedure, Sector
from services.operations import ProcedureImportRejected, import_procedures
from services.text import normalise

# CACHTHUCTHUCHIEN.KENH: 1 trực tiếp, 2 trực tuyến, 3 qua bưu chính công ích.
CHANNEL_METHODS = {
    "1": ApplicationMethod.IN_PERSON,
    "2": ApplicationMethod.ONLINE,
    "3": ApplicationMethod.POST,
}
# The channel whose time limit and fees the procedure takes (it has one of each):
# online first, as that is the channel this portal serves, then in person, then post.
REFERENCE_CHANNELS = ("2", "1", "3")
WORKING_HOURS_PER_DAY = 8
# A record is refused beyond this size of file (a national export of one agency is far smaller).
MAX_FILE_BYTES = 20 * 1024 * 1024

# The report names a field by its interchange name; this is how a person reads it.
FIELD_LABELS = {
    "MaTTHC": gettext_lazy("mã thủ tục"),
    "TenTTHC": gettext_lazy("tên thủ tục"),
    "MaLinhVuc": gettext_lazy("lĩnh vực"),
    "TenLinhVuc": gettext_lazy("tên lĩnh vực"),
    "CapThucHien": gettext_lazy("cấp thực hiện"),
    "MucDo": gettext_lazy("mức độ dịch vụ công trực tuyến"),
    "MaDonViTiepNhan": gettext_lazy("đơn vị tiếp nhận hồ sơ"),
    "CoQuanCoThamQuyen": gettext_lazy("cơ quan có thẩm quyền quyết định"),
    "DoiTuongThucHien": gettext_lazy("đối tượng thực hiện"),
    "CachThucThucHien": gettext_lazy("cách thức thực hiện"),
    "GhiChuCachThuc": gettext_lazy("ghi chú cách thức thực hiện"),
    "ThoiHanGiaiQuyet": gettext_lazy("thời hạn giải quyết (ngày làm việc)"),
    "GhiChuThoiHan": gettext_lazy("ghi chú thời hạn"),
    "TrinhTuThucHien": gettext_lazy("Trình tự thực hiện"),
    "ThanhPhanHoSo": gettext_lazy("Thành phần hồ sơ"),
    "PhiLePhi": gettext_lazy("Phí, lệ phí"),
    "GhiChuPhiLePhi": gettext_lazy("ghi chú phí, lệ phí"),
    "YeuCauDieuKien": gettext_lazy("yêu cầu, điều kiện thực hiện"),
    "KetQuaThucHien": gettext_lazy("kết quả thực hiện"),
    "VanBanPhapLy": gettext_lazy("Văn bản trên cổng"),
    "CanCuPhapLy": gettext_lazy("căn cứ pháp lý (khác)"),
    "TuKhoa": gettext_lazy("từ khóa"),
    "MoTa": gettext_lazy("mô tả"),
}
# The national field each interchange field is read from, named in refusals.
NATIONAL_FIELDS = {
    "MaTTHC": "MATTHC",
    "TenTTHC": "TENTTHC",
    "MaLinhVuc": "LINHVUCTHUCHIEN",
    "TenLinhVuc": "LINHVUCTHUCHIEN",
    "CapThucHien": "CAPTHUCHIEN",
    "MaDonViTiepNhan": "COQUANTHUCHIEN",
    "CoQuanCoThamQuyen": "COQUANCOTHAMQUYEN",
    "DoiTuongThucHien": "MOTADOITUONGTHUCHIEN",
    "CachThucThucHien": "CACHTHUCTHUCHIEN",
    "ThoiHanGiaiQuyet": "CACHTHUCTHUCHIEN.THOIGIAN",
    "PhiLePhi": "CACHTHUCTHUCHIEN.THOIGIAN.PHILEPHI",
    "TrinhTuThucHien": "TRINHTUTHUCHIEN",
    "ThanhPhanHoSo": "THANHPHANHOSO",
    "YeuCauDieuKien": "YEUCAU",
    "KetQuaThucHien": "KETQUATHUCHIEN",
    "VanBanPhapLy": "CANCUPHAPLY",
    "CanCuPhapLy": "CANCUPHAPLY",
}


class CatalogueSyncError(Exception):
    """The update cannot start (the connection is off); said in Vietnamese."""


class Untranslatable(Exception):
    """A national record that cannot become a procedure; `reasons` say why."""

    def __init__(self, reasons):
        self.reasons = [str(reason) for reason in reasons]
        super().__init__("; ".join(self.reasons))


# --- Reading the national record's values, whatever shape the peer gives them


def _text(value):
    """A scalar as stripped text (None and empty lists are empty)."""
    if value is None or isinstance(value, list | dict):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _items(value):
    """A list of objects: a list as it is, one object as a list of one, else none."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict | str)]
    return []


def _names(value, *keys):
    """The texts of a value that may be text, an object or a list of either, by the first
    of `keys` an object has; in order, without repeats."""
    if isinstance(value, str | int | float):
        return [_text(value)] if _text(value) else []
    names = []
    for item in _items(value):
        text = (
            _text(item)
            if isinstance(item, str)
            else next((_text(item.get(key)) for key in keys if _text(item.get(key))), "")
        )
        if text and text not in names:
            names.append(text)
    return names


def _shorten(text, limit, label, notes):
    if len(text) <= limit:
        return text
    notes.append(
        _("%(field)s dài hơn %(limit)s ký tự, đã rút gọn.") % {"field": label, "limit": limit}
    )
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _number(value):
    """The leading number of "15", 15, "0,5" or "15 ngày", or None."""
    if isinstance(value, int | float):
        return float(value)
    match = re.match(r"\s*(\d+(?:[.,]\d+)?)", _text(value))
    return float(match.group(1).replace(",", ".")) if match else None


def _amount(value):
    """A fee in đồng from 50000, "50.000", "50,000 đồng"; None if it is not a number."""
    if isinstance(value, int | float):
        return int(value)
    text = normalise(_text(value))
    for word in ("dong", "vnd"):
        text = text.replace(word, "")
    text = text.strip().rstrip("d").strip()
    if not text or not re.fullmatch(r"[\d.,\s]+", text):
        return None
    return int(re.sub(r"\D", "", text) or 0)


def _whole(value, default):
    number = _number(value)
    return default if number is None else int(number)


@dataclass
class Context:
    """What a translation looks up in the portal: units, sectors, the current procedures."""

    unit_codes: set
    current_units: dict  # national code → identifier code of the procedure's current unit
    default_unit: str
    sectors_by_code: dict
    sectors_by_name: dict = field(default_factory=dict)

    @classmethod
    def load(cls, *, default_unit=""):
        sectors = list(Sector.objects.all())
        return cls(
            unit_codes=set(AgencyUnit.objects.values_list("identifier_code", flat=True)),
            current_units=dict(
                Procedure.objects.filter(locale__language_code="vi").values_list(
                    "code", "receiving_unit__identifier_code"
                )
            ),
            default_unit=default_unit or settings.NATIONAL_CATALOGUE_UNIT,
            sectors_by_code={sector.code: sector for sector in sectors},
            sectors_by_name={normalise(sector.name): sector for sector in sectors},
        )


def _sector(record, context, reasons):
    """(code, name) of the sector: ours with that code or that name, else a new one.

    A national sector code may hold dots or other characters our sector codes (used in
    the catalogue's addresses, /linh-vuc/<code>/) do not allow: a new sector gets the
    code with those replaced by "-". A sector of ours with the national name is the
    same sector under the code the agency chose, so no second one is made.
    """
    sector = next(iter(_items(record.get("LINHVUCTHUCHIEN"))), None)
    if not isinstance(sector, dict):
        sector = {"MALINHVUC": record.get("MALINHVUC"), "TENLINHVUC": record.get("TENLINHVUC")}
    code, name = _text(sector.get("MALINHVUC")), _text(sector.get("TENLINHVUC"))
    if not code and not name:
        reasons.append(_("Thiếu lĩnh vực (LINHVUCTHUCHIEN: MALINHVUC, TENLINHVUC)."))
        return None
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", code).strip("-")[:30]
    for known in (context.sectors_by_code.get(code), context.sectors_by_code.get(safe)):
        if known is not None:
            return known.code, known.name
    known = context.sectors_by_name.get(normalise(name)) if name else None
    if known is not None:
        return known.code, known.name
    return safe or slugify(normalise(name))[:30], name[:255]


def _level(record, notes):
    names = _names(record.get("CAPTHUCHIEN"), "TENCAPTHUCHIEN", "CAPTHUCHIEN", "TEN")
    words = set(" ".join(normalise(name) for name in names).split())
    for word, level in (
        ("tinh", ImplementingLevel.PROVINCE),
        ("bo", ImplementingLevel.MINISTRY),
        ("xa", ImplementingLevel.COMMUNE),
        ("huyen", ImplementingLevel.OTHER),
        ("khac", ImplementingLevel.OTHER),
    ):
        if word in words:
            return level
    if names:
        notes.append(
            _("Không nhận ra cấp thực hiện “%(value)s”; giữ cấp hiện có.")
            % {"value": ", ".join(names)}
        )
    return None


def _unit(record, code, context, reasons):
    """The receiving unit: the national implementing agency if it is a unit of ours, else
    the procedure's current unit, else the default (argument or NATIONAL_CATALOGUE_UNIT)."""
    agencies = [
        _text(item.get("MADONVI"))
        for item in _items(record.get("COQUANTHUCHIEN"))
        if isinstance(item, dict)
    ]
    for agency in agencies:
        if agency in context.unit_codes:
            return agency
    if code in context.current_units:
        return context.current_units[code]
    if context.default_unit:
        return context.default_unit
    reasons.append(
        _(
            "Không xác định được đơn vị tiếp nhận: cơ quan thực hiện (COQUANTHUCHIEN) "
            "“%(codes)s” không phải mã định danh của đơn vị nào của cơ quan, và chưa có đơn vị "
            "mặc định (NATIONAL_CATALOGUE_UNIT hoặc --unit)."
        )
        % {"codes": ", ".join(code for code in agencies if code) or "—"}
    )
    return None


def _processing_days(time_limit, notes):
    """Working days from THOIGIANGIAIQUYET in DONVITINH (days, working days or hours)."""
    amount = _number(time_limit.get("THOIGIANGIAIQUYET"))
    unit = normalise(_text(time_limit.get("DONVITINH")))
    if amount is None:
        return None
    if not unit or unit.startswith("ngay"):
        return math.ceil(amount)
    if unit.startswith("gio"):
        days = math.ceil(amount / WORKING_HOURS_PER_DAY)
        notes.append(
            _("Thời hạn %(amount)s giờ được tính là %(days)s ngày làm việc.")
            % {"amount": _text(time_limit.get("THOIGIANGIAIQUYET")), "days": days}
        )
        return days
    notes.append(
        _("Thời hạn tính bằng “%(unit)s” không đổi được ra ngày làm việc; giữ thời hạn hiện có.")
        % {"unit": _text(time_limit.get("DONVITINH"))}
    )
    return None


def _fees(time_limits, notes):
    fees, seen = [], set()
    for time_limit in time_limits:
        for item in _items(time_limit.get("PHILEPHI")):
            if not isinstance(item, dict):
                continue
            label = _text(item.get("MOTA"))
            amount = _amount(item.get("SOTIEN"))
            if amount is None:
                notes.append(
                    _("Khoản phí “%(label)s” có số tiền “%(amount)s” không phải là số; bỏ qua.")
                    % {"label": label or "—", "amount": _text(item.get("SOTIEN"))}
                )
                continue
            if amount == 0 and (not label or normalise(label).startswith("khong")):
                continue  # "Không thu phí": no fee line
            label = label or _("Phí, lệ phí")
            if (normalise(label), amount) in seen:
                continue
            seen.add((normalise(label), amount))
            fees.append({"MoTa": _shorten(label, 255, "PHILEPHI.MOTA", notes), "SoTien": amount})
    return fees


def _channels(record, clean, notes):
    """Methods from the channels; the time limit and fees from the reference channel."""
    channels = [item for item in _items(record.get("CACHTHUCTHUCHIEN")) if isinstance(item, dict)]
    methods = []
    for channel in channels:
        method = CHANNEL_METHODS.get(_text(channel.get("KENH")))
        if method is None:
            notes.append(
                _("Kênh thực hiện “%(value)s” không rõ; bỏ qua.")
                % {"value": _text(channel.get("KENH"))}
            )
        elif method not in methods:
            methods.append(method)
    if methods:
        clean["CachThucThucHien"] = [str(method) for method in methods]
    by_channel = {_text(channel.get("KENH")): channel for channel in channels}
    reference = next(
        (by_channel[kenh] for kenh in REFERENCE_CHANNELS if kenh in by_channel),
        channels[0] if channels else None,
    )
    if reference is None:
        return
    time_limits = [item for item in _items(reference.get("THOIGIAN")) if isinstance(item, dict)]
    days = next(
        (d for d in (_processing_days(t, notes) for t in time_limits) if d is not None), None
    )
    if days is not None:
        clean["ThoiHanGiaiQuyet"] = days
    clean["PhiLePhi"] = _fees(time_limits, notes)


def _step_parts(text):
    """A step's title (first line, at most 255 characters) and the rest as description."""
    first, _newline, rest = text.partition("\n")
    first = first.strip()
    if len(first) > 255:
        return first[:254].rsplit(" ", 1)[0] + "…", text
    return first, rest.strip()


def _steps(record):
    groups = [item for item in _items(record.get("TRINHTUTHUCHIEN")) if isinstance(item, dict)]
    several = len(groups) > 1
    steps, seen = [], set()
    for group in groups:
        case = _text(group.get("TRUONGHOP"))
        for text in _names(group.get("TRINHTU"), "TENTRINHTU", "MOTA"):
            title, description = _step_parts(text)
            if several and case:
                description = "\n".join(
                    filter(None, [_("Trường hợp: %(case)s") % {"case": case}, description])
                )
            key = (normalise(title), normalise(description))
            if key not in seen:
                seen.add(key)
                steps.append({"TenBuoc": title, "MoTa": description})
    return steps


def _components(record, notes):
    """The documents of every case (TRUONGHOP), once each; required when every case asks
    for it, and noted with the cases that do when there are several."""
    groups = [item for item in _items(record.get("THANHPHANHOSO")) if isinstance(item, dict)]
    if not groups and _items(record.get("GIAYTO")):
        groups = [{"GIAYTO": record.get("GIAYTO")}]
    components = {}
    for group in groups:
        case = _text(group.get("TRUONGHOP"))
        for item in _items(group.get("GIAYTO")):
            if not isinstance(item, dict):
                continue
            name = _text(item.get("TENGIAYTO"))
            if not name:
                notes.append(_("Một giấy tờ không có tên (TENGIAYTO); bỏ qua."))
                continue
            key = normalise(name)
            if key not in components:
                components[key] = {
                    "TenGiayTo": _shorten(name, 500, "TENGIAYTO", notes),
                    "SoBanChinh": max(_whole(item.get("SOBANCHINH"), 1), 0),
                    "SoBanSao": max(_whole(item.get("SOBANSAO"), 0), 0),
                    "MauDon": _text(item.get("TENMAUDON")),
                    "cases": [],
                }
            if case:
                components[key]["cases"].append(case)
    several = len(groups) > 1
    result = []
    for component in components.values():
        cases = component.pop("cases")
        component["BatBuoc"] = not several or len(set(cases)) >= len(groups)
        if several and cases:
            component["GhiChu"] = (_("Trường hợp: %(cases)s") % {"cases": "; ".join(cases)})[:500]
        result.append(component)
    return result


def _legal_basis(record):
    """Documents with a number go to VanBanPhapLy (linked if the portal has them, else
    written as text with a warning by the import); those without, to CanCuPhapLy."""
    linked, text = [], []
    for item in _items(record.get("CANCUPHAPLY")):
        if isinstance(item, str):
            text.append(item.strip())
            continue
        number, title = _text(item.get("SOVANBAN")), _text(item.get("TENVANBAN"))
        if number:
            if all(number != known["SoVanBan"] for known in linked):
                linked.append({"SoVanBan": number, "TenVanBan": title})
        elif title:
            text.append(title)
    return linked, "\n".join(line for line in text if line)


def translate(record, context):
    """The interchange record of one `LayThuTuc` record, and notes for the editors.

    Only what the national catalogue owns is in the result, and a national field the
    record leaves out (or empty, for a text the portal needs) is left out too: the
    merge import then keeps the procedure's own value (and refuses a new procedure
    it cannot create without). Raises Untranslatable when the record cannot name a
    procedure (no MATTHC or TENTTHC), its sector, or its receiving unit.
    """
    if not isinstance(record, dict):
        raise Untranslatable([_("Bản ghi không phải là một thủ tục (đối tượng JSON).")])
    reasons, notes = [], []
    code, title = _text(record.get("MATTHC")), _text(record.get("TENTTHC"))
    if not code:
        reasons.append(_("Thiếu mã thủ tục (MATTHC)."))
    elif len(code) > 50:
        reasons.append(_("Mã thủ tục (MATTHC) dài quá 50 ký tự."))
    if not title:
        reasons.append(_("Thiếu tên thủ tục (TENTTHC)."))
    sector = _sector(record, context, reasons)
    unit = _unit(record, code, context, reasons)
    if reasons:
        raise Untranslatable(reasons)

    clean = {
        "MaTTHC": code,
        "TenTTHC": _shorten(title, 255, "TENTTHC", notes),
        "MaLinhVuc": sector[0],
        "TenLinhVuc": sector[1],
        "MaDonViTiepNhan": unit,
    }
    level = _level(record, notes)
    if level is not None:
        clean["CapThucHien"] = str(level)
    deciding = _names(record.get("COQUANCOTHAMQUYEN"), "TENDONVI", "TENCOQUAN") or _names(
        record.get("COQUANTHUCHIEN"), "TENDONVI"
    )
    if deciding:
        clean["CoQuanCoThamQuyen"] = _shorten("; ".join(deciding), 255, "COQUANTHUCHIEN", notes)
    applicants = _text(record.get("MOTADOITUONGTHUCHIEN")) or "\n".join(
        _names(record.get("DOITUONGTHUCHIEN"), "TENDOITUONG", "MOTA")
    )
    if applicants:
        clean["DoiTuongThucHien"] = applicants
    _channels(record, clean, notes)
    if "TRINHTUTHUCHIEN" in record:
        clean["TrinhTuThucHien"] = _steps(record)
    if "THANHPHANHOSO" in record or "GIAYTO" in record:
        clean["ThanhPhanHoSo"] = _components(record, notes)
    if "YEUCAU" in record:
        clean["YeuCauDieuKien"] = "\n".join(_names(record.get("YEUCAU"), "NOIDUNG", "MOTA"))
    result = "\n".join(_names(record.get("KETQUATHUCHIEN"), "TENKETQUA", "MOTA"))
    if result:
        clean["KetQuaThucHien"] = result
    if "CANCUPHAPLY" in record:
        clean["VanBanPhapLy"], clean["CanCuPhapLy"] = _legal_basis(record)
    return clean, notes


# --- Files of national records


class CatalogueFileError(ValueError):
    """A file that is not national records in JSON or CSV; said in Vietnamese."""


def _csv_records(text):
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "MATTHC" not in [name.strip() for name in reader.fieldnames]:
        raise CatalogueFileError(_("Tệp CSV cần dòng tiêu đề có cột MATTHC."))
    records = []
    for row in reader:
        record = {}
        for key, value in row.items():
            if key is None:
                continue
            value = (value or "").strip()
            if value[:1] in ("[", "{"):
                try:
                    value = json.loads(value)
                except ValueError as error:
                    raise CatalogueFileError(
                        _("Dòng %(row)s, cột %(column)s: không phải JSON hợp lệ.")
                        % {"row": reader.line_num, "column": key.strip()}
                    ) from error
            record[key.strip()] = value
        records.append(record)
    return records


def read_records(data, name=""):
    """The national records of a file's bytes: JSON (a list, one record, or an answer
    `{"result": [...]}`), or CSV with uppercase headers and JSON in list cells."""
    if len(data) > MAX_FILE_BYTES:
        raise CatalogueFileError(_("Tệp quá lớn (tối đa 20 MB)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CatalogueFileError(_("Tệp không phải văn bản UTF-8.")) from error
    is_csv = name.lower().endswith(".csv") or (
        not name.lower().endswith(".json") and text.lstrip()[:1] not in ("[", "{")
    )
    if is_csv:
        return _csv_records(text)
    try:
        content = json.loads(text)
    except ValueError as error:
        raise CatalogueFileError(
            _("Không đọc được tệp JSON: %(error)s") % {"error": error}
        ) from error
    if isinstance(content, dict) and "MATTHC" not in content:
        content = next(
            (content[key] for key in ("result", "data", "TTHC") if key in content), content
        )
    records = content if isinstance(content, list) else [content]
    if not all(isinstance(record, dict) for record in records):
        raise CatalogueFileError(_("Tệp JSON phải là một thủ tục hoặc một danh sách thủ tục."))
    return records


# --- Runs


def _finish(run, *, error=""):
    run.error = str(error)
    run.finished_at = timezone.now()
    run.save()
    return run


def _line(code, title, outcome, **extra):
    return {"code": code, "title": title, "outcome": outcome, **extra}


def _import(run, records, *, user, default_unit="", refused=(), warnings=()):
    """Translate and import `records`, and write the report on `run`."""
    context = Context.load(default_unit=default_unit)
    lines, rows = list(refused), []
    by_row = {}
    for number, record in enumerate(records, start=1):
        code = _text(record.get("MATTHC")) if isinstance(record, dict) else ""
        title = _text(record.get("TENTTHC")) if isinstance(record, dict) else ""
        try:
            translated, notes = translate(record, context)
        except Untranslatable as untranslatable:
            lines.append(_line(code, title, "refused", reasons=untranslatable.reasons))
            continue
        rows.append((number, translated))
        by_row[number] = _line(code, translated["TenTTHC"], "", warnings=notes)
    try:
        result = import_procedures(rows=rows, user=user, keep_local=True, skip_bad_rows=True)
    except ProcedureImportRejected as rejected:
        return _finish(run, error="; ".join(str(error) for error in rejected.errors))

    number_of = {line["code"]: number for number, line in by_row.items()}
    for outcome, procedures in (
        ("created", result.created),
        ("updated", result.updated),
        ("unchanged", result.unchanged),
    ):
        for procedure in procedures:
            line = by_row[number_of[procedure.code]]
            line.update(outcome=outcome, title=procedure.title, page=procedure.pk)
            if outcome == "updated":
                line["changes"] = [
                    {"field": change.name, "old": change.old, "new": change.new}
                    for change in result.changes.get(procedure.code, [])
                ]
    for number, errors in result.refused.items():
        by_row[number].update(
            outcome="refused",
            reasons=[
                f"{error.field} ({NATIONAL_FIELDS.get(error.field, '—')}): {error.message}"
                for error in errors
            ],
        )
    for warning in result.warnings:
        by_row[warning.row]["warnings"].append(f"{warning.field}: {warning.message}")
    lines += by_row.values()
    counts = {outcome: 0 for outcome in ("created", "updated", "unchanged", "refused")}
    for line in lines:
        counts[line["outcome"]] += 1
    for outcome, count in counts.items():
        setattr(run, outcome, count)
    run.report = {"procedures": lines, "warnings": [str(w) for w in warnings]}
    return _finish(run)


def _source(transport):
    if transport is None:
        return settings.NATIONAL_TRANSPORT
    return getattr(transport, "source", type(transport).__name__)


def sync_catalogue(*, codes=None, user=None, transport=None, default_unit="") -> CatalogueImport:
    """Update our procedures from the national catalogue, and add those of `codes`.

    Only the national records of procedures already in our catalogue are fetched,
    plus those asked for by code. A procedure of ours the national list does not
    have is left alone, with a warning (it may have been abolished). When the
    national portal cannot be reached nothing is written and the run records why;
    a single record it refuses to give is refused alone.
    """
    if transport is None:
        if not transports.enabled():
            raise CatalogueSyncError(
                _("Chưa bật kết nối Cổng Dịch vụ công quốc gia (NATIONAL_TRANSPORT).")
            )
        transport = transports.transport()
        source = settings.NATIONAL_TRANSPORT
    else:
        source = _source(transport)
    run = CatalogueImport.objects.create(source=source, user=user)
    requested = [code.strip() for code in codes or () if code and code.strip()]
    try:
        listing = transport.fetch(Service.CATALOGUE_LIST, {})
    except transports.TransportError as error:
        return _finish(
            run,
            error=_("Không lấy được danh sách thủ tục từ Cổng quốc gia: %(error)s")
            % {"error": error},
        )
    national = {
        _text(item.get("MATTHC"))
        for item in _items(listing.get("result"))
        if isinstance(item, dict)
    }
    ours = set(Procedure.objects.filter(locale__language_code="vi").values_list("code", flat=True))
    warnings = [
        _(
            "Thủ tục %(code)s không có trong danh sách của CSDL quốc gia (có thể đã bị bãi bỏ "
            "hoặc thay thế); chưa thay đổi gì."
        )
        % {"code": code}
        for code in sorted(ours - national)
    ]
    wanted = sorted(ours & national) + requested
    wanted = list(dict.fromkeys(wanted))
    records, refused = [], []
    for code in wanted:
        try:
            answer = transport.fetch(Service.CATALOGUE_RECORD, {"maTTHC": code})
        except transports.PermanentTransportError as error:
            refused.append(_line(code, "", "refused", reasons=[str(error)]))
            continue
        except transports.TransportError as error:
            return _finish(
                run,
                error=_("Không lấy được thủ tục %(code)s từ Cổng quốc gia: %(error)s")
                % {"code": code, "error": error},
            )
        found = [
            record
            for record in _items(answer.get("result"))
            if isinstance(record, dict) and _text(record.get("MATTHC")) == code
        ]
        if not found:
            refused.append(
                _line(
                    code,
                    "",
                    "refused",
                    reasons=[_("CSDL quốc gia không có thủ tục mã %(code)s.") % {"code": code}],
                )
            )
            continue
        records.append(found[0])
    return _import(
        run, records, user=user, default_unit=default_unit, refused=refused, warnings=warnings
    )


def import_file(path_or_file, user=None, *, default_unit="") -> CatalogueImport:
    """Import every national record of a file (a path, or an open or uploaded file).

    The operator chose the file, so all its records are imported, not only the
    procedures already in our catalogue. An unreadable file is recorded as the
    run's error, with nothing written.
    """
    if isinstance(path_or_file, str | Path):
        path = Path(path_or_file)
        name = path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            data, read_error = None, error
    else:
        name = Path(getattr(path_or_file, "name", "") or "").name
        data, read_error = path_or_file.read(), None
    run = CatalogueImport.objects.create(source=f"file:{name}"[:255], user=user)
    if data is None:
        return _finish(
            run,
            error=_("Không mở được tệp %(name)s: %(error)s")
            % {"name": name, "error": read_error.strerror or read_error},
        )
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        records = read_records(data, name)
    except CatalogueFileError as error:
        return _finish(run, error=str(error))
    return _import(run, records, user=user, default_unit=default_unit)


# --- The report, as a person reads it


OUTCOME_LABELS = {
    "created": gettext_lazy("Tạo mới"),
    "updated": gettext_lazy("Cập nhật"),
    "unchanged": gettext_lazy("Không đổi"),
    "refused": gettext_lazy("Không nhập"),
}


def field_label(name):
    return f"{FIELD_LABELS.get(name, name)} ({name})"


def report_lines(run):
    """The report of a run as lines of text (the command prints them)."""
    lines = [
        _("Nhập danh mục thủ tục hành chính quốc gia, nguồn %(source)s, lúc %(when)s.")
        % {
            "source": run.source,
            "when": timezone.localtime(run.started_at).strftime("%d/%m/%Y %H:%M"),
        }
    ]
    for warning in (run.report or {}).get("warnings", []):
        lines.append(_("Lưu ý: %(text)s") % {"text": warning})
    for outcome in ("created", "updated", "unchanged", "refused"):
        for line in run.procedures(outcome):
            lines.append(
                f"{OUTCOME_LABELS[outcome]}: {line['code'] or '—'} {line.get('title') or ''}".rstrip()
            )
            for change in line.get("changes", []):
                lines.append(
                    f"  - {field_label(change['field'])}: “{change['old']}” → “{change['new']}”"
                )
            for reason in line.get("reasons", []):
                lines.append("  - " + _("Lý do: %(reason)s") % {"reason": reason})
            for warning in line.get("warnings", []):
                lines.append("  - " + _("Lưu ý: %(text)s") % {"text": warning})
    if run.error:
        lines.append(_("Không nhập được: %(error)s") % {"error": run.error})
    else:
        lines.append(
            _(
                "Kết quả: %(created)s tạo mới, %(updated)s cập nhật, %(unchanged)s không đổi, "
                "%(refused)s không nhập."
            )
            % {
                "created": run.created,
                "updated": run.updated,
                "unchanged": run.unchanged,
                "refused": run.refused,
            }
        )
    return lines
