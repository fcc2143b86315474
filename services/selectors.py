"""Reads of the procedure catalogue: listing, filters, search, export records."""

from django.db.models import Case, Count, IntegerField, Q, Value, When

from portal.serving import public

from . import interchange, untranslated
from .models import Procedure, ProcedureIndexPage, Sector
from .text import normalise


def catalogue_procedures(*, index):
    """Live public procedures of a catalogue page, with what a result line shows."""
    return (
        public(Procedure.objects.child_of(index).live())
        .select_related("sector", "receiving_unit")
        .prefetch_related("fee_rules")
        .order_by("sector__sort_order", "title")
    )


def search_procedures(procedures, query):
    """Procedures whose name, code, sector or keywords contain every word of `query`.

    Diacritics, case and word order do not matter: "cap giay phep" and "giấy phép
    cấp" both find "Cấp giấy phép…". Procedures whose name holds the whole phrase
    come first, then those whose name holds every word, then the rest.
    """
    phrase = normalise(query)
    words = phrase.split()
    if not words:
        return procedures
    condition = Q()
    name_has_every_word = Q()
    for word in words:
        condition &= Q(search_text__icontains=word)
        name_has_every_word &= Q(search_name__icontains=word)
    return (
        procedures.filter(condition)
        .annotate(
            relevance=Case(
                When(search_name__icontains=phrase, then=Value(2)),
                When(name_has_every_word, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-relevance", "title")
    )


def filter_procedures(procedures, *, query="", sector=None, level=None, unit=None):
    """Narrow a catalogue by sector, service level and receiving unit, then search."""
    if sector is not None:
        procedures = procedures.filter(sector=sector)
    if level is not None:
        procedures = procedures.filter(service_level=level)
    if unit is not None:
        procedures = procedures.filter(receiving_unit=unit)
    if query:
        procedures = search_procedures(procedures, query)
    return procedures


def catalogue_for(home):
    """The live catalogue page under a home page (in that home page's language), or None."""
    if home is None:
        return None
    return public(ProcedureIndexPage.objects.live()).descendant_of(home).first()


def sectors_with_procedures(*, index):
    """Sectors with at least one live procedure in the catalogue, with how many, in order.

    (A procedure behind a view restriction still lists its sector; its page asks for login.)
    """
    procedures = Procedure.objects.child_of(index).live()
    return (
        Sector.objects.filter(procedures__in=procedures)
        .annotate(procedure_count=Count("procedures"))
        .order_by("sort_order", "name")
    )


def procedure_records(*, language_code="vi", english_language="en"):
    """Every live procedure of one language as a national-catalogue record (see
    interchange), with the English its English page has translated (`english_record`)."""
    procedures = (
        Procedure.objects.live()
        .filter(locale__language_code=language_code)
        .select_related("sector", "receiving_unit")
        .prefetch_related(
            "steps", "dossier_components__template", "fee_rules", "legal_basis_links__document"
        )
        .order_by("code")
    )
    translations = {}
    if english_language and english_language != language_code:
        translations = {
            page.translation_key: page
            for page in Procedure.objects.filter(
                locale__language_code=english_language,
                translation_key__in=[procedure.translation_key for procedure in procedures],
            ).prefetch_related("steps", "dossier_components", "fee_rules")
        }
    records = []
    for procedure in procedures:
        record = procedure_record(procedure)
        translation = translations.get(procedure.translation_key)
        if translation is not None:
            record.update(english_record(translation, record))
        records.append(record)
    return records


_ENGLISH_ROWS = {
    "TrinhTuThucHien": "steps",
    "ThanhPhanHoSo": "dossier_components",
    "PhiLePhi": "fee_rules",
}


def english_record(translation, record):
    """The English fields (interchange.ENGLISH) of `record` from its English page: only
    the texts translated there, a text still in Vietnamese being left out. The list
    items are those of `record`, with their English added by position."""
    vietnamese = set(translation.source_language_texts or ())

    def translated(text):
        lines = {untranslated.clean(line) for line in str(text or "").splitlines()} - {""}
        return bool(lines) and not lines & vietnamese

    english = {
        key: getattr(translation, field.attribute)
        for key, field in interchange.ENGLISH_FIELDS.items()
        if translated(getattr(translation, field.attribute))
    }
    for key, relation in _ENGLISH_ROWS.items():
        items = [dict(item) for item in record[key]]
        for item, row in zip(items, getattr(translation, relation).all(), strict=False):
            for name, attribute in interchange.ENGLISH_ITEM_TEXTS[key].items():
                if translated(getattr(row, attribute)):
                    item[f"{name}{interchange.ENGLISH}"] = getattr(row, attribute)
        english[key] = items
    return english


def procedure_record(procedure):
    record = {
        field.name: getattr(procedure, field.attribute) for field in interchange.SCALAR_FIELDS
    }
    record.update(
        {
            "MaLinhVuc": procedure.sector.code,
            "TenLinhVuc": procedure.sector.name,
            "CapThucHien": procedure.implementing_level,
            "MaDonViTiepNhan": procedure.receiving_unit.identifier_code,
            "CachThucThucHien": list(procedure.methods),
            "TrinhTuThucHien": [
                {"TenBuoc": step.title, "MoTa": step.description} for step in procedure.steps.all()
            ],
            "ThanhPhanHoSo": [
                {
                    "TenGiayTo": component.name,
                    "SoBanChinh": component.originals,
                    "SoBanSao": component.copies,
                    "BatBuoc": component.is_required,
                    "MauDon": component.template.title if component.template else "",
                    "GhiChu": component.note,
                }
                for component in procedure.dossier_components.all()
            ],
            "PhiLePhi": [
                {
                    "MoTa": rule.label,
                    "CachTinh": rule.kind,
                    "SoTien": rule.amount,
                    "DonViTinh": rule.unit_label,
                    "TruongSoLuong": rule.quantity_field,
                }
                for rule in procedure.fee_rules.all()
            ],
            "VanBanPhapLy": [
                link.document.number_symbol for link in procedure.legal_basis_links.all()
            ],
        }
    )
    return {name: record[name] for name in interchange.FIELDS}
