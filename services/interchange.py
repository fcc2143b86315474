"""Procedure records in the national catalogue's shape, read from and written to JSON and CSV.

A record is a dict keyed by the field names of the national database of
administrative procedures (Cơ sở dữ liệu quốc gia về thủ tục hành chính):

==================  =========================================================
MaTTHC              national code, e.g. 1.004227.000.00.00.H34 (required)
TenTTHC             name (required)
MaLinhVuc           sector code (required); TenLinhVuc names a new sector
TenLinhVuc          sector name
CapThucHien         implementing level: bo, tinh, xa, khac
MucDo               online service level, 1 to 4
MaDonViTiepNhan     identifier code of the receiving unit (must exist)
CoQuanCoThamQuyen   deciding agency
DoiTuongThucHien    who may apply
CachThucThucHien    list of methods: truc_tiep, buu_chinh, truc_tuyen
GhiChuCachThuc      note on the methods (address, opening hours)
ThoiHanGiaiQuyet    processing time in working days
GhiChuThoiHan       note on the time limit
TrinhTuThucHien     list of {TenBuoc, MoTa}
ThanhPhanHoSo       list of {TenGiayTo, SoBanChinh, SoBanSao, BatBuoc, MauDon, GhiChu};
                    MauDon is the title of a document in the library (or empty)
PhiLePhi            list of {MoTa, CachTinh (co_dinh | theo_don_vi), SoTien,
                    DonViTinh, TruongSoLuong}
GhiChuPhiLePhi      note on fees
YeuCauDieuKien      requirements and conditions
KetQuaThucHien      result
VanBanPhapLy        list of numbers/symbols of legal documents published on the portal
CanCuPhapLy         other legal basis, free text
TuKhoa              keywords
MoTa                short description (meta description)
ThoiHanLuuTru       months a closed application is kept before its personal data
                    is purged: empty for the portal's default, 0 for permanently
                    (the agency's own field, not the national catalogue's)
==================  =========================================================

English: a field of text may also be given in English under its name with
``_EN`` added (TenTTHC_EN, DoiTuongThucHien_EN, YeuCauDieuKien_EN, …, and inside
the list items TenBuoc_EN, MoTa_EN, TenGiayTo_EN, GhiChu_EN, DonViTinh_EN). A
record with English makes the procedure's English page say it; what the record
gives only in Vietnamese is shown there in Vietnamese, marked as not translated
(`services.untranslated`). An export writes the English that editors translated.

JSON: a list of records. CSV (UTF-8, comma separated, header line first): one
row per procedure with these columns; list columns hold JSON text.
"""

import contextlib
import csv
import io
import json
from dataclasses import dataclass

FIELDS = [
    "MaTTHC",
    "TenTTHC",
    "MaLinhVuc",
    "TenLinhVuc",
    "CapThucHien",
    "MucDo",
    "MaDonViTiepNhan",
    "CoQuanCoThamQuyen",
    "DoiTuongThucHien",
    "CachThucThucHien",
    "GhiChuCachThuc",
    "ThoiHanGiaiQuyet",
    "GhiChuThoiHan",
    "TrinhTuThucHien",
    "ThanhPhanHoSo",
    "PhiLePhi",
    "GhiChuPhiLePhi",
    "YeuCauDieuKien",
    "KetQuaThucHien",
    "VanBanPhapLy",
    "CanCuPhapLy",
    "TuKhoa",
    "MoTa",
    "ThoiHanLuuTru",
]
LIST_FIELDS = {"CachThucThucHien", "TrinhTuThucHien", "ThanhPhanHoSo", "PhiLePhi", "VanBanPhapLy"}


@dataclass(frozen=True)
class ScalarField:
    """A record field that is one attribute of `Procedure`, read and written as it is."""

    name: str
    attribute: str
    required: bool = False
    max_length: int | None = None
    integer: bool = False
    minimum: int = 0
    maximum: int | None = None
    # An integer that may be left empty (None: the attribute's own meaning of "unset").
    optional: bool = False


# The one mapping of the plain fields; the sector, level, unit, methods and the
# lists need lookups and are read and written beside it (services.operations,
# services.selectors).
SCALAR_FIELDS = (
    ScalarField("MaTTHC", "code", required=True, max_length=50),
    ScalarField("TenTTHC", "title", required=True, max_length=255),
    ScalarField("CoQuanCoThamQuyen", "deciding_agency", required=True, max_length=255),
    ScalarField("DoiTuongThucHien", "applicants", required=True),
    ScalarField("GhiChuCachThuc", "methods_note"),
    ScalarField("GhiChuThoiHan", "processing_note", max_length=255),
    ScalarField("GhiChuPhiLePhi", "fee_note"),
    ScalarField("YeuCauDieuKien", "requirements"),
    ScalarField("KetQuaThucHien", "result", required=True),
    ScalarField("CanCuPhapLy", "legal_basis"),
    ScalarField("TuKhoa", "keywords", max_length=255),
    ScalarField("MoTa", "search_description"),
    ScalarField("MucDo", "service_level", integer=True, minimum=1, maximum=4),
    ScalarField("ThoiHanGiaiQuyet", "processing_days", integer=True, maximum=32767),
    ScalarField("ThoiHanLuuTru", "retention_months", integer=True, maximum=1200, optional=True),
)
FORMATS = ("json", "csv")

# English versions of the text fields (see the module's docstring): record field → attribute.
ENGLISH = "_EN"
ENGLISH_FIELDS = {
    f"{field.name}{ENGLISH}": field
    for field in SCALAR_FIELDS
    if not field.integer and field.name != "MaTTHC"
}
# The texts of list items that have an English version: list field → item key → attribute.
ENGLISH_ITEM_TEXTS = {
    "TrinhTuThucHien": {"TenBuoc": "title", "MoTa": "description"},
    "ThanhPhanHoSo": {"TenGiayTo": "name", "GhiChu": "note"},
    "PhiLePhi": {"MoTa": "label", "DonViTinh": "unit_label"},
}


def has_english(record):
    """Whether a record gives any of its texts in English."""
    if not isinstance(record, dict):
        return False
    if any(key.endswith(ENGLISH) for key in record):
        return True
    return any(
        isinstance(item, dict) and any(key.endswith(ENGLISH) for key in item)
        for key in ENGLISH_ITEM_TEXTS
        for item in (record.get(key) if isinstance(record.get(key), list) else [])
    )


class UnreadableFile(ValueError):
    """The file is not valid JSON or CSV in the expected shape."""


def format_for(filename):
    """The format a file name announces by its extension, or None."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return extension if extension in FORMATS else None


def dumps(records, fmt):
    """Records as the bytes of a JSON or CSV file."""
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2).encode("utf-8")
    buffer = io.StringIO()
    # The English columns only when a record has English, after the Vietnamese ones.
    english = [key for key in ENGLISH_FIELDS if any(key in record for record in records)]
    writer = csv.DictWriter(buffer, fieldnames=FIELDS + english, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(
            {
                key: json.dumps(record.get(key, []), ensure_ascii=False)
                if key in LIST_FIELDS
                else record.get(key, "")
                for key in FIELDS + english
            }
        )
    # A byte-order mark lets spreadsheet programs recognise UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def loads(data, fmt):
    """(row number, record) pairs read from a JSON or CSV file.

    JSON rows count from 1; CSV rows count as a spreadsheet shows them, the
    header being row 1. A list cell of a CSV row that is not valid JSON is kept
    as text, for validation to report with its row and field.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile("encoding") from error
    if fmt == "json":
        try:
            records = json.loads(text)
        except json.JSONDecodeError as error:
            raise UnreadableFile("json") from error
        if isinstance(records, dict):
            records = records.get("TTHC", records.get("data"))
        if not isinstance(records, list):
            raise UnreadableFile("json")
        return list(enumerate(records, start=1))
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "MaTTHC" not in reader.fieldnames:
        raise UnreadableFile("csv")
    rows = []
    for number, row in enumerate(reader, start=2):
        record = {}
        for key, value in row.items():
            if key is None:
                continue
            value = (value or "").strip()
            if key in LIST_FIELDS:
                with contextlib.suppress(json.JSONDecodeError):
                    value = json.loads(value) if value else []
            record[key] = value
        rows.append((number, record))
    return rows
