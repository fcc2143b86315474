"""Writes of the procedure catalogue: import from national-catalogue records.

Two modes. The plain one (an editor's file: export, edit, import) makes each
procedure exactly what its record says, every row of every list included, and
refuses the whole file for one bad row. The merge mode (`keep_local=True`, the
update from the national catalogue, `national.catalogue`) overwrites only what
the record carries and keeps what editors added here: see `import_procedures`.
"""

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
from .selectors import procedure_record
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


@dataclass(frozen=True)
class FieldChange:
    """One field of an updated procedure, before and after, in short form (for a report)."""

    name: str  # the record's field name, e.g. TenTTHC
    old: str
    new: str


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    # Merge mode only: procedures the record left as they were (no new revision).
    unchanged: list = field(default_factory=list)
    # With skip_bad_rows: row number → its RowErrors; nothing of that row was written.
    refused: dict = field(default_factory=dict)
    # What did not stop a row but an editor should know (merge mode), as RowErrors.
    warnings: list = field(default_factory=list)
    # National code → [FieldChange] of each updated procedure.
    changes: dict = field(default_factory=dict)
    # English pages written from the records' English fields (interchange.ENGLISH).
    translated: list = field(default_factory=list)


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


def _item_english(item, key, max_lengths):
    """The English texts of a list item ({attribute: text}), cut to the row's limits."""
    found = {}
    for name, attribute in interchange.ENGLISH_ITEM_TEXTS[key].items():
        text = str(item.get(f"{name}{interchange.ENGLISH}") or "").strip()
        if text:
            found[attribute] = text[: max_lengths.get(attribute, 255)]
    return found


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


def _clean_record(
    number,
    record,
    errors,
    *,
    units,
    sectors,
    documents,
    legal_documents,
    keep_local=False,
    existing=None,
    warnings=None,
):
    """The model values of one record, or None if it is not a record at all.

    In merge mode (`keep_local`) a field the record leaves out is not in the
    result, so the procedure keeps its value; for a new procedure (`existing`
    None) only the fields it cannot be created without are then errors. A list
    left out is None (every current row kept).
    """
    if not isinstance(record, dict):
        errors.append(RowError(number, "—", _("mỗi dòng phải là một bản ghi thủ tục.")))
        return None
    row = _Row(number, record, errors)
    warnings = [] if warnings is None else warnings

    def left_out(key):
        return keep_local and key not in record

    def kept(key):
        """Left out of a merge record for a procedure that has the field already."""
        return left_out(key) and existing is not None

    clean = {}
    for scalar in interchange.SCALAR_FIELDS:
        if left_out(scalar.name):
            needed = scalar.required or (
                scalar.integer
                and not scalar.optional
                and not Procedure._meta.get_field(scalar.attribute).has_default()
            )
            if existing is None and needed:
                row.error(scalar.name, _("không được để trống."))
            continue
        clean[scalar.attribute] = (
            row.integer(
                scalar.name,
                minimum=scalar.minimum,
                maximum=scalar.maximum,
                required=not scalar.optional,
            )
            if scalar.integer
            else row.text(scalar.name, required=scalar.required, max_length=scalar.max_length)
        )

    english = {}
    for key, scalar in interchange.ENGLISH_FIELDS.items():
        if key in record:
            english[scalar.attribute] = row.text(key, max_length=scalar.max_length)
    clean["english"] = english if interchange.has_english(record) else None

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

    if not kept("CapThucHien"):
        level = row.text("CapThucHien") or ImplementingLevel.PROVINCE
        clean["implementing_level"] = _choice(ImplementingLevel, level)
        if clean["implementing_level"] is None:
            row.error("CapThucHien", _("giá trị “%(value)s” không hợp lệ.") % {"value": level})

    if not kept("MaDonViTiepNhan"):
        unit_code = row.text("MaDonViTiepNhan", required=True)
        clean["receiving_unit"] = units.get(unit_code)
        if unit_code and clean["receiving_unit"] is None:
            row.error(
                "MaDonViTiepNhan",
                _("không có đơn vị có mã định danh “%(code)s”.") % {"code": unit_code},
            )

    if not kept("CachThucThucHien"):
        methods = []
        for method in row.items("CachThucThucHien"):
            value = _choice(ApplicationMethod, method) if isinstance(method, str) else None
            if value is None:
                row.error(
                    "CachThucThucHien", _("giá trị “%(value)s” không hợp lệ.") % {"value": method}
                )
            elif value not in methods:
                methods.append(value)
        if not methods and not row.items("CachThucThucHien"):
            # The page cannot be saved without one (it was a validation error at publishing).
            row.error("CachThucThucHien", _("không được để trống."))
        clean["methods"] = methods

    clean["steps"] = None if left_out("TrinhTuThucHien") else []
    for item in [] if clean["steps"] is None else row.items("TrinhTuThucHien"):
        title = str(item.get("TenBuoc", "")).strip() if isinstance(item, dict) else ""
        if not title:
            row.error("TrinhTuThucHien", _("mỗi bước cần có TenBuoc."))
            continue
        step = ProcedureStep(
            title=title[:255], description=item.get("MoTa") or "", from_national=keep_local
        )
        step._english = _item_english(item, "TrinhTuThucHien", {"title": 255})
        clean["steps"].append(step)

    clean["components"] = None if left_out("ThanhPhanHoSo") else []
    for item in [] if clean["components"] is None else row.items("ThanhPhanHoSo"):
        name = str(item.get("TenGiayTo", "")).strip() if isinstance(item, dict) else ""
        if not name:
            row.error("ThanhPhanHoSo", _("mỗi giấy tờ cần có TenGiayTo."))
            continue
        template_title = str(item.get("MauDon") or "").strip()
        template = documents.get(template_title) if template_title else None
        component = DossierComponent(
            name=name[:500],
            originals=row.integer("ThanhPhanHoSo", value=item.get("SoBanChinh", 1)) or 0,
            copies=row.integer("ThanhPhanHoSo", value=item.get("SoBanSao", 0)) or 0,
            is_required=_boolean(item.get("BatBuoc", True)),
            template=template,
            note=str(item.get("GhiChu") or "")[:500],
            from_national=keep_local,
        )
        component._english = _item_english(item, "ThanhPhanHoSo", {"name": 500, "note": 500})
        if template_title and template is None:
            if keep_local:
                # The template an editor uploaded for this document may be under another
                # title: the merge keeps it, and warns only if there is none.
                component._wanted_template = template_title
            else:
                row.error(
                    "ThanhPhanHoSo",
                    _(
                        "không tìm thấy mẫu “%(title)s” trong thư viện tài liệu; hãy tải tệp "
                        "lên trước."
                    )
                    % {"title": template_title},
                )
        clean["components"].append(component)

    clean["fees"] = None if left_out("PhiLePhi") else []
    for item in [] if clean["fees"] is None else row.items("PhiLePhi"):
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
        rule = FeeRule(
            label=label[:255],
            kind=kind or FeeKind.FIXED,
            amount=amount or 0,
            unit_label=unit_label[:100],
            quantity_field=str(item.get("TruongSoLuong") or "").strip()[:100],
        )
        # What the record says of how the fee is computed; the merge keeps the rest.
        rule._given = set(item)
        rule._english = _item_english(item, "PhiLePhi", {"label": 255, "unit_label": 100})
        clean["fees"].append(rule)

    clean["legal_links"] = None if left_out("VanBanPhapLy") else []
    missing = []
    for reference in [] if clean["legal_links"] is None else row.items("VanBanPhapLy"):
        # A number, or (from the national catalogue) {SoVanBan, TenVanBan}.
        if isinstance(reference, dict):
            number_symbol = str(reference.get("SoVanBan") or "").strip()
            title = str(reference.get("TenVanBan") or "").strip()
        else:
            number_symbol, title = str(reference).strip(), ""
        document = legal_documents.get(number_symbol)
        if document is not None:
            if all(link.document != document for link in clean["legal_links"]):
                clean["legal_links"].append(LegalBasisLink(document=document))
            continue
        if not keep_local:
            row.error(
                "VanBanPhapLy",
                _("không có văn bản số “%(number)s” trên cổng.") % {"number": number_symbol},
            )
            continue
        # The national catalogue cites documents the portal has not published: the
        # reference goes to the free-text legal basis, and the editors are told.
        warnings.append(
            RowError(
                number,
                "VanBanPhapLy",
                _("không có văn bản số “%(number)s” trên cổng; đã ghi vào căn cứ pháp lý (khác).")
                % {"number": number_symbol},
            )
        )
        missing.append(" ".join(part for part in (number_symbol, title) if part))
    if missing:
        text = clean.get("legal_basis", "")
        lines = [line for line in text.splitlines() if line.strip()]
        lines += [line for line in missing if line not in lines]
        clean["legal_basis"] = "\n".join(lines)
    return clean


def _unique_slug(index, title, code, exclude_pk=None):
    base = slugify(normalise(title))[:200] or slugify(code)
    siblings = index.get_children().exclude(pk=exclude_pk)
    slug = base
    if siblings.filter(slug=slug).exists():
        slug = f"{base}-{slugify(code.replace('.', '-'))}"
    return slug


def _same(a, b):
    return normalise(a) == normalise(b)


def _added_here(current, national, name):
    """The rows editors added here: not marked as from the national catalogue, and no
    national row has their name (`name(row)`)."""
    return [
        row
        for row in current
        if not row.from_national and not any(_same(name(row), name(n)) for n in national)
    ]


def _merge_steps(national, current):
    """The national steps, in the record's order, then the steps editors added here.

    A current step counts as an editor's (kept) when it is not marked as from the
    national catalogue and no national step has its name; one that has is taken
    over by the national one (so that rows written before the mark existed, or a
    step an editor typed that the national catalogue now lists, are not doubled).
    Editors' steps go after the national ones: the national sequence has no place
    for them, and keeping them between two national steps would need the national
    steps never to be renamed.
    """
    return national + _added_here(current, national, lambda step: step.title)


def _merge_components(national, current, *, number, warnings):
    """As `_merge_steps`, for dossier documents; a national document also keeps the
    template and note an editor attached to the same document here."""
    for component in national:
        match = next((c for c in current if _same(c.name, component.name)), None)
        if match is not None:
            component.template = component.template or match.template
            component.note = component.note or match.note
        wanted = getattr(component, "_wanted_template", "")
        if wanted and component.template is None:
            warnings.append(
                RowError(
                    number,
                    "ThanhPhanHoSo",
                    _(
                        "“%(name)s”: chưa có mẫu “%(title)s” trong thư viện tài liệu; hãy tải "
                        "tệp lên để người nộp tải về được."
                    )
                    % {"name": component.name, "title": wanted},
                )
            )
    return national + _added_here(current, national, lambda component: component.name)


def _merge_fees(national, current):
    """The national fees; a fee an editor wired to the online form (per unit, with the
    field giving the number of units) keeps that wiring when the record is silent on it."""
    for rule in national:
        match = next((r for r in current if _same(r.label, rule.label)), None)
        if match is None:
            continue
        given = getattr(rule, "_given", set())
        if "CachTinh" not in given and "DonViTinh" not in given:
            rule.kind, rule.unit_label = match.kind, match.unit_label
        if "TruongSoLuong" not in given:
            rule.quantity_field = match.quantity_field
    return national


def _short(value, limit=80):
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


LIST_ITEM_NAMES = {
    "TrinhTuThucHien": lambda item: item["TenBuoc"],
    "ThanhPhanHoSo": lambda item: item["TenGiayTo"],
    "PhiLePhi": lambda item: f"{item['MoTa']} {item['SoTien']:,}".replace(",", "."),
}


def _short_form(key, value, *, mark_local):
    """A field's value as a report shows it: a list by count and item names."""
    if not isinstance(value, list):
        return _short(value)
    names = []
    for item in value:
        name = _short(LIST_ITEM_NAMES[key](item) if key in LIST_ITEM_NAMES else item, 40)
        if mark_local and isinstance(item, dict) and item.get("_national") is False:
            name = _("%(name)s (thêm tại cổng)") % {"name": name}
        names.append(name)
    count = _("%(count)s mục") % {"count": len(value)}
    return _short(f"{count}: {'; '.join(names)}" if names else count, 400)


def _snapshot(procedure):
    """The procedure as a record (what an export shows), with the mark of each step and
    document: a row taken over by the national catalogue is a change too."""
    record = procedure_record(procedure)
    for key, rows in (
        ("TrinhTuThucHien", procedure.steps.all()),
        ("ThanhPhanHoSo", procedure.dossier_components.all()),
    ):
        for item, row in zip(record[key], rows, strict=True):
            item["_national"] = row.from_national
    return record


def _changes(before, after, *, mark_local):
    return [
        FieldChange(
            key,
            _short_form(key, before[key], mark_local=mark_local),
            _short_form(key, after[key], mark_local=mark_local),
        )
        for key in interchange.FIELDS
        if before[key] != after[key]
    ]


# The language of the records' English fields (interchange.ENGLISH).
ENGLISH_LANGUAGE = "en"
# What an English page takes from its Vietnamese page as it is: codes, numbers, choices.
_FACTS = (
    "code",
    "sector_id",
    "service_level",
    "implementing_level",
    "receiving_unit_id",
    "methods",
    "processing_days",
    "retention_months",
)
_TEXTS = tuple(field.attribute for field in interchange.ENGLISH_FIELDS.values())
_ROWS = {
    "steps": (ProcedureStep, ("title", "description", "from_national")),
    "dossier_components": (
        DossierComponent,
        ("name", "originals", "copies", "is_required", "template", "note", "from_national"),
    ),
    "fee_rules": (FeeRule, ("label", "kind", "amount", "unit_label", "quantity_field")),
    "legal_basis_links": (LegalBasisLink, ("document",)),
}
_ROW_TEXTS = {
    "steps": ("title", "description"),
    "dossier_components": ("name", "note"),
    "fee_rules": ("label", "unit_label"),
}


def _vietnamese_texts(procedure):
    """The texts of a procedure before the import changes them: what the English page
    translates now, to tell a translation that still holds from one that is stale."""
    return {
        "fields": {name: getattr(procedure, name) for name in _TEXTS},
        "rows": {
            relation: [{name: getattr(row, name) for name in names} for row in rows]
            for relation, names in _ROW_TEXTS.items()
            for rows in [getattr(procedure, relation).all()]
        },
    }


def _translations_kept(page, before):
    """(field, Vietnamese text) → English text of the English page as it is, for the
    texts it has translated (pairing rows by their order)."""
    kept = {}
    if before is None:
        return kept
    for name, vietnamese in before["fields"].items():
        if getattr(page, name) != vietnamese:
            kept[(name, vietnamese)] = getattr(page, name)
    for relation, rows in before["rows"].items():
        for vietnamese_row, english_row in zip(rows, getattr(page, relation).all(), strict=False):
            for name, vietnamese in vietnamese_row.items():
                if getattr(english_row, name) != vietnamese:
                    kept[(relation, name, vietnamese)] = getattr(english_row, name)
    return kept


def _write_english(procedure, rows, english, before, *, number, user, result):
    """Make the English page of `procedure` (created if missing) say what the record
    says in English. A text the record gives only in Vietnamese keeps the page's
    English while the Vietnamese it translates is unchanged; otherwise the page shows
    the Vietnamese text, which it marks as not translated (services.untranslated).
    Codes, numbers and choices are the Vietnamese page's."""
    locale = Locale.objects.filter(language_code=ENGLISH_LANGUAGE).first()
    page = procedure.get_translation_or_none(locale) if locale is not None else None
    if page is None:
        parent = procedure.get_parent()
        index = parent.get_translation_or_none(locale) if locale is not None else None
        if index is None:
            result.warnings.append(
                RowError(
                    number,
                    "MaTTHC",
                    _("chưa có trang danh mục tiếng Anh; phần tiếng Anh của dòng chưa được ghi."),
                )
            )
            return
        page = procedure.copy_for_translation(locale)
        title = english.get("title") or procedure.title
        page.slug = _unique_slug(index, title, procedure.code, exclude_pk=page.pk)
        before = None
    else:
        page = page.specific
    kept = _translations_kept(page, before)
    for name in _FACTS:
        setattr(page, name, getattr(procedure, name))
    for name in _TEXTS:
        vietnamese = getattr(procedure, name)
        setattr(page, name, english.get(name) or kept.get((name, vietnamese), vietnamese))
    for relation, (model, names) in _ROWS.items():
        copies = []
        for order, row in enumerate(rows[relation]):
            copy = model(sort_order=order, **{name: getattr(row, name) for name in names})
            given = getattr(row, "_english", {})
            for name in _ROW_TEXTS.get(relation, ()):
                vietnamese = getattr(row, name)
                text = given.get(name) or kept.get((relation, name, vietnamese), vietnamese)
                setattr(copy, name, text)
            copies.append(copy)
        setattr(page, relation, copies)
    page.save_revision(user=user).publish(user=user)
    result.translated.append(page)


def _record_code(record):
    return str(record.get("MaTTHC") or "").strip() if isinstance(record, dict) else ""


def import_procedures(
    *, rows, user=None, language_code="vi", keep_local=False, skip_bad_rows=False
):
    """Create or update procedures (matched by national code) from catalogue records.

    `rows` are (row number, record) pairs as `interchange.loads` returns them.
    Every row is checked first; if any is bad, ProcedureImportRejected lists each
    problem by row and field and nothing is written. Otherwise everything is
    written and published in one transaction. With `skip_bad_rows` a bad row is
    left out instead (its errors in `result.refused`) and the good ones are written.

    `keep_local=True` is the update from the national catalogue, which owns some
    of a procedure and not the rest:

    - a field the record leaves out keeps its value (the online form, the service
      level, the notes… are never in a record built from the national catalogue);
    - the steps and dossier documents of the record replace those an earlier
      update brought (`from_national`), and those editors added here are kept,
      after the national ones (`_merge_steps`, `_merge_components`); a national
      document keeps the template an editor attached to it;
    - a fee keeps how an editor wired it to the online form (`_merge_fees`);
    - a legal document the portal has not published does not refuse the row: it
      goes to the free-text legal basis, with a warning; so does a template not in
      the library;
    - a procedure the record leaves as it is gets no new revision
      (`result.unchanged`): a daily update must not pile up revisions.

    `result.changes` names, per updated procedure, each field that changed, old
    and new in short form.
    """
    locale = Locale.objects.get(language_code=language_code)
    index = ProcedureIndexPage.objects.filter(locale=locale).first()
    if index is None:
        raise ProcedureImportRejected([_("Chưa có trang danh mục thủ tục hành chính để nhập vào.")])
    result = ImportResult()
    errors = []

    units = {unit.identifier_code: unit for unit in AgencyUnit.objects.all()}
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    documents = {document.title: document for document in Document.objects.all()}
    legal_documents = {
        page.number_symbol: page for page in LegalDocumentPage.objects.filter(locale=locale)
    }
    existing = {page.code: page for page in Procedure.objects.filter(locale=locale)}
    cleaned, seen = [], {}
    for number, record in rows:
        first_error = len(errors)
        row_warnings = []
        clean = _clean_record(
            number,
            record,
            errors,
            units=units,
            sectors=sectors,
            documents=documents,
            legal_documents=legal_documents,
            keep_local=keep_local,
            existing=existing.get(_record_code(record)),
            warnings=row_warnings,
        )
        if clean is not None and clean["code"] in seen:
            errors.append(
                RowError(
                    number,
                    "MaTTHC",
                    _("mã “%(code)s” trùng với dòng %(other)s.")
                    % {"code": clean["code"], "other": seen[clean["code"]]},
                )
            )
        if skip_bad_rows and len(errors) > first_error:
            result.refused[number] = errors[first_error:]
            del errors[first_error:]
            continue
        if clean is None:
            continue
        seen[clean["code"]] = number
        result.warnings += row_warnings
        cleaned.append((number, clean))
    if errors:
        raise ProcedureImportRejected(errors)

    with transaction.atomic():
        for number, clean in cleaned:
            if "new_sector" in clean:
                code, name = clean.pop("new_sector")
                if code not in sectors:
                    sectors[code] = Sector.objects.create(code=code, name=name)
                clean["sector"] = sectors[code]
            steps = clean.pop("steps")
            components = clean.pop("components")
            fees = clean.pop("fees")
            legal_links = clean.pop("legal_links")
            english = clean.pop("english")
            procedure = existing.get(clean["code"])
            is_new = procedure is None
            before = None
            vietnamese = None if is_new or english is None else _vietnamese_texts(procedure)
            if is_new:
                procedure = Procedure(
                    slug=_unique_slug(index, clean["title"], clean["code"]), locale=locale
                )
            else:
                before = _snapshot(procedure)
            if keep_local and not is_new:
                current_steps = list(procedure.steps.all())
                current_components = list(procedure.dossier_components.all())
                current_fees = list(procedure.fee_rules.all())
                steps = current_steps if steps is None else _merge_steps(steps, current_steps)
                components = (
                    current_components
                    if components is None
                    else _merge_components(
                        components,
                        current_components,
                        number=number,
                        warnings=result.warnings,
                    )
                )
                fees = current_fees if fees is None else _merge_fees(fees, current_fees)
                if legal_links is None:
                    legal_links = list(procedure.legal_basis_links.all())
            elif keep_local:
                steps, fees, legal_links = steps or [], fees or [], legal_links or []
                components = _merge_components(
                    components or [], [], number=number, warnings=result.warnings
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
            report = {"number": number, "user": user, "result": result}
            rows = {
                "steps": steps,
                "dossier_components": components,
                "fee_rules": fees,
                "legal_basis_links": legal_links,
            }

            if is_new:
                index.add_child(instance=procedure)
                result.created.append(procedure)
            else:
                changes = _changes(before, _snapshot(procedure), mark_local=keep_local)
                if keep_local and not changes:
                    result.unchanged.append(procedure)
                    if english is not None:
                        _write_english(procedure, rows, english, vietnamese, **report)
                    continue
                if keep_local and procedure.has_unpublished_changes:
                    result.warnings.append(
                        RowError(
                            number,
                            "MaTTHC",
                            _(
                                "thủ tục có bản nháp chưa xuất bản; bản cập nhật từ CSDL quốc "
                                "gia được xuất bản, bản nháp vẫn còn trong lịch sử sửa đổi."
                            ),
                        )
                    )
                result.changes[procedure.code] = changes
                result.updated.append(procedure)
            procedure.save_revision(user=user).publish(user=user)
            if english is not None:
                _write_english(procedure, rows, english, vietnamese, **report)
    return result
