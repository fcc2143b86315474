"""Writes of the procedure catalogue: import from national-catalogue records."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import Document
from wagtail.models import Locale

from core.models import AgencyUnit
from portal.models import LegalDocumentPage
from services import interchange

from .constants import ApplicationMethod, FeeKind, ImplementingLevel
from .models import (
    DossierComponent,
    FeeRule,
    LegalBasisLink,
    Procedure,
    ProcedureIndexPage,
    ProcedureStep,
    Sector,
)
from .text import normalise


@dataclass(frozen=True)
class RowError:
    """What is wrong with one field of one row of an import file."""

    row: int
    field: str
    message: str

    def __str__(self):
        return str(
            _("Dòng %(row)s, trường %(field)s: %(message)s")
            % {"row": self.row, "field": self.field, "message": self.message}
        )


class ProcedureImportRejected(Exception):
    """An import could not be done (bad rows, listed as RowError); nothing was written."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)


_FROM_RECORD = object()


class _Row:
    """Reads the fields of one record, collecting errors instead of stopping at the first."""

    def __init__(self, number, record, errors):
        self.number, self.record, self.errors = number, record, errors

    def error(self, key, message):
        self.errors.append(RowError(self.number, key, message))

    def text(self, key, *, required=False, max_length=None):
        value = self.record.get(key, "")
        value = "" if value is None else str(value).strip()
        if required and not value:
            self.error(key, _("không được để trống."))
        elif max_length and len(value) > max_length:
            self.error(key, _("dài quá %(n)s ký tự.") % {"n": max_length})
        return value

    def integer(self, key, *, minimum=0, maximum=None, required=True, value=_FROM_RECORD):
        """A whole number from the record's field `key`, or from `value` inside a list item."""
        value = self.record.get(key, "") if value is _FROM_RECORD else value
        if value in ("", None):
            if required:
                self.error(key, _("không được để trống."))
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            self.error(key, _("phải là số nguyên, nhận được “%(value)s”.") % {"value": value})
            return None
        if number < minimum or (maximum is not None and number > maximum):
            self.error(key, _("giá trị %(value)s nằm ngoài khoảng cho phép.") % {"value": number})
            return None
        return number

    def items(self, key):
        value = self.record.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, dict | str) for item in value):
            self.error(key, _("phải là một danh sách (JSON)."))
            return []
        return value


def _boolean(value):
    if isinstance(value, bool):
        return value
    return normalise(str(value)) in {"1", "true", "co", "x", "yes"}


def _choice(enum, value):
    """An enum value from its value or its label, ignoring case and diacritics."""
    wanted = normalise(value)
    for member in enum:
        if wanted in (normalise(member.value), normalise(member.label)):
            return member.value
    return None


def _clean_record(number, record, errors, *, units, sectors, documents, legal_documents):
    if not isinstance(record, dict):
        errors.append(RowError(number, "—", _("mỗi dòng phải là một bản ghi thủ tục.")))
        return None
    row = _Row(number, record, errors)
    clean = {
        field.attribute: row.integer(field.name, minimum=field.minimum, maximum=field.maximum)
        if field.integer
        else row.text(field.name, required=field.required, max_length=field.max_length)
        for field in interchange.SCALAR_FIELDS
    }

    sector_code = row.text("MaLinhVuc", required=True, max_length=30)
    sector_name = row.text("TenLinhVuc", max_length=255)
    clean["sector"] = sectors.get(sector_code)
    if sector_code and clean["sector"] is None:
        if sector_name:
            clean["new_sector"] = (sector_code, sector_name)
        else:
            row.error(
                "MaLinhVuc",
                _("không có lĩnh vực mã “%(code)s”; ghi thêm TenLinhVuc để tạo mới.")
                % {"code": sector_code},
            )

    level = row.text("CapThucHien") or ImplementingLevel.PROVINCE
    clean["implementing_level"] = _choice(ImplementingLevel, level)
    if clean["implementing_level"] is None:
        row.error("CapThucHien", _("giá trị “%(value)s” không hợp lệ.") % {"value": level})

    unit_code = row.text("MaDonViTiepNhan", required=True)
    clean["receiving_unit"] = units.get(unit_code)
    if unit_code and clean["receiving_unit"] is None:
        row.error(
            "MaDonViTiepNhan",
            _("không có đơn vị có mã định danh “%(code)s”.") % {"code": unit_code},
        )

    methods = []
    for method in row.items("CachThucThucHien"):
        value = _choice(ApplicationMethod, method) if isinstance(method, str) else None
        if value is None:
            row.error(
                "CachThucThucHien", _("giá trị “%(value)s” không hợp lệ.") % {"value": method}
            )
        elif value not in methods:
            methods.append(value)
    clean["methods"] = methods

    clean["steps"] = []
    for item in row.items("TrinhTuThucHien"):
        title = str(item.get("TenBuoc", "")).strip() if isinstance(item, dict) else ""
        if not title:
            row.error("TrinhTuThucHien", _("mỗi bước cần có TenBuoc."))
            continue
        clean["steps"].append(ProcedureStep(title=title[:255], description=item.get("MoTa") or ""))

    clean["components"] = []
    for item in row.items("ThanhPhanHoSo"):
        name = str(item.get("TenGiayTo", "")).strip() if isinstance(item, dict) else ""
        if not name:
            row.error("ThanhPhanHoSo", _("mỗi giấy tờ cần có TenGiayTo."))
            continue
        template_title = str(item.get("MauDon") or "").strip()
        template = documents.get(template_title) if template_title else None
        if template_title and template is None:
            row.error(
                "ThanhPhanHoSo",
                _("không tìm thấy mẫu “%(title)s” trong thư viện tài liệu; hãy tải tệp lên trước.")
                % {"title": template_title},
            )
        clean["components"].append(
            DossierComponent(
                name=name[:500],
                originals=row.integer("ThanhPhanHoSo", value=item.get("SoBanChinh", 1)) or 0,
                copies=row.integer("ThanhPhanHoSo", value=item.get("SoBanSao", 0)) or 0,
                is_required=_boolean(item.get("BatBuoc", True)),
                template=template,
                note=str(item.get("GhiChu") or "")[:500],
            )
        )

    clean["fees"] = []
    for item in row.items("PhiLePhi"):
        label = str(item.get("MoTa", "")).strip() if isinstance(item, dict) else ""
        if not label:
            row.error("PhiLePhi", _("mỗi khoản thu cần có MoTa."))
            continue
        kind = _choice(FeeKind, item.get("CachTinh") or FeeKind.FIXED)
        unit_label = str(item.get("DonViTinh") or "").strip()
        if kind is None:
            row.error(
                "PhiLePhi",
                _("CachTinh “%(value)s” không hợp lệ.") % {"value": item.get("CachTinh")},
            )
        elif kind == FeeKind.PER_UNIT and not unit_label:
            row.error("PhiLePhi", _("khoản thu theo đơn vị cần có DonViTinh."))
        amount = row.integer("PhiLePhi", value=item.get("SoTien", ""))
        clean["fees"].append(
            FeeRule(
                label=label[:255],
                kind=kind or FeeKind.FIXED,
                amount=amount or 0,
                unit_label=unit_label[:100],
                quantity_field=str(item.get("TruongSoLuong") or "").strip()[:100],
            )
        )

    clean["legal_links"] = []
    for number_symbol in row.items("VanBanPhapLy"):
        document = legal_documents.get(str(number_symbol).strip())
        if document is None:
            row.error(
                "VanBanPhapLy",
                _("không có văn bản số “%(number)s” trên cổng.") % {"number": number_symbol},
            )
            continue
        clean["legal_links"].append(LegalBasisLink(document=document))
    return clean


def _unique_slug(index, title, code, exclude_pk=None):
    base = slugify(normalise(title))[:200] or slugify(code)
    siblings = index.get_children().exclude(pk=exclude_pk)
    slug = base
    if siblings.filter(slug=slug).exists():
        slug = f"{base}-{slugify(code.replace('.', '-'))}"
    return slug


def import_procedures(*, rows, user=None, language_code="vi"):
    """Create or update procedures (matched by national code) from catalogue records.

    `rows` are (row number, record) pairs as `interchange.loads` returns them.
    Every row is checked first; if any is bad, ProcedureImportRejected lists each
    problem by row and field and nothing is written. Otherwise everything is
    written and published in one transaction.
    """
    locale = Locale.objects.get(language_code=language_code)
    index = ProcedureIndexPage.objects.filter(locale=locale).first()
    if index is None:
        raise ProcedureImportRejected([_("Chưa có trang danh mục thủ tục hành chính để nhập vào.")])
    errors = []

    units = {unit.identifier_code: unit for unit in AgencyUnit.objects.all()}
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    documents = {document.title: document for document in Document.objects.all()}
    legal_documents = {
        page.number_symbol: page for page in LegalDocumentPage.objects.filter(locale=locale)
    }
    cleaned, seen = [], {}
    for number, record in rows:
        clean = _clean_record(
            number,
            record,
            errors,
            units=units,
            sectors=sectors,
            documents=documents,
            legal_documents=legal_documents,
        )
        if clean is None:
            continue
        if clean["code"] in seen:
            errors.append(
                RowError(
                    number,
                    "MaTTHC",
                    _("mã “%(code)s” trùng với dòng %(other)s.")
                    % {"code": clean["code"], "other": seen[clean["code"]]},
                )
            )
        seen[clean["code"]] = number
        cleaned.append(clean)
    if errors:
        raise ProcedureImportRejected(errors)

    existing = {page.code: page for page in Procedure.objects.filter(locale=locale)}
    result = ImportResult()
    with transaction.atomic():
        for clean in cleaned:
            if "new_sector" in clean:
                code, name = clean.pop("new_sector")
                if code not in sectors:
                    sectors[code] = Sector.objects.create(code=code, name=name)
                clean["sector"] = sectors[code]
            steps = clean.pop("steps")
            components = clean.pop("components")
            fees = clean.pop("fees")
            legal_links = clean.pop("legal_links")
            procedure = existing.get(clean["code"])
            is_new = procedure is None
            if is_new:
                procedure = Procedure(
                    slug=_unique_slug(index, clean["title"], clean["code"]), locale=locale
                )
            for name, value in clean.items():
                setattr(procedure, name, value)
            # In the file's order: without it PostgreSQL may return equal sort orders in any order.
            for rows in (steps, components, fees, legal_links):
                for order, row in enumerate(rows):
                    row.sort_order = order
            procedure.steps = steps
            procedure.dossier_components = components
            procedure.fee_rules = fees
            procedure.legal_basis_links = legal_links
            if is_new:
                index.add_child(instance=procedure)
                result.created.append(procedure)
            else:
                result.updated.append(procedure)
            procedure.save_revision(user=user).publish(user=user)
    return result
