"""Demo catalogue of the demo agency: procedures of a provincial Department of Science
and Technology, which since 2025 also carries out those of the former Department of
Information and Communications (press, publishing, posts, telecommunications, IT).

Names follow the national catalogue; codes, fees and time limits are illustrative.
Loading is idempotent: what exists (matched by code, slug or title) is left alone,
so running it twice changes nothing and never overwrites an editor's work.
"""

import io

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale

from core.datafiles import demo_data
from core.models import AgencyUnit
from core.pdf import MOTTO, simple_document_pdf
from forms.models import FormDefinition
from portal import demo_media
from portal.demo import child
from portal.models import LegalDocumentPage

from .constants import ApplicationMethod, ImplementingLevel
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

# The content itself is data: demo_data/catalogue.json (defaults, sectors, procedures).
CATALOGUE = demo_data(__file__, "catalogue")
DEFAULTS = CATALOGUE["defaults"]
AGENCY_NAME = DEFAULTS["agency_name"]
SECTORS = CATALOGUE["sectors"]
PROCEDURES = CATALOGUE["procedures"]

ALL_METHODS = [ApplicationMethod.IN_PERSON, ApplicationMethod.POST, ApplicationMethod.ONLINE]
OFFLINE_METHODS = [ApplicationMethod.IN_PERSON, ApplicationMethod.POST]

# The online form (by slug) each level-3/4 procedure uses, for the form engine to link.
ONLINE_FORM_SLUGS = {
    p["code"]: p["online_form_slug"] for p in PROCEDURES if "online_form_slug" in p
}


def template_docx(title, labels):
    """A fillable blank form as DOCX: the national motto, the title, one line per label."""
    from docx import Document as DocxDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = DocxDocument()
    for line in MOTTO:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).bold = True
    document.add_heading(title.upper(), level=1)
    document.add_paragraph(f"Kính gửi: {AGENCY_NAME}")
    for number, label in enumerate(labels, start=1):
        document.add_paragraph(f"{number}. {label}: " + "." * 60)
    document.add_paragraph(
        "Chúng tôi cam kết chịu trách nhiệm về tính chính xác của các thông tin trên."
    )
    document.add_paragraph("NGƯỜI ĐỨNG ĐẦU CƠ QUAN, TỔ CHỨC\n(Ký, ghi rõ họ tên, đóng dấu)")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def template_pdf(title, labels):
    """The same blank form as a PDF, with the portal's Vietnamese fonts."""
    return simple_document_pdf(
        title=title.upper(),
        header_lines=list(MOTTO),
        paragraphs=[f"Kính gửi: {AGENCY_NAME}"]
        + [f"{number}. {label}: " + "." * 50 for number, label in enumerate(labels, start=1)]
        + ["NGƯỜI ĐỨNG ĐẦU CƠ QUAN, TỔ CHỨC (Ký, ghi rõ họ tên, đóng dấu)"],
        author=AGENCY_NAME,
        subject=title,
    )


def template_document(name, fmt, labels):
    build = template_docx if fmt == "docx" else template_pdf
    filename = f"{slugify(normalise(name))[:80]}.{fmt}"
    return demo_media.get_or_create_document(name, lambda: build(name, labels), filename)


def ensure_sectors():
    sectors = {}
    for order, (code, name, name_en) in enumerate(SECTORS):
        sectors[code], _ = Sector.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "sort_order": order}
        )
    return sectors


def ensure_catalogue(home):
    return child(
        home,
        ProcedureIndexPage,
        "thu-tuc-hanh-chinh",
        title="Thủ tục hành chính",
        show_in_menus=True,
        intro="Tra cứu thủ tục hành chính thuộc thẩm quyền giải quyết của Sở theo lĩnh vực, mức "
        "độ dịch vụ công trực tuyến và đơn vị tiếp nhận; tải mẫu đơn, tờ khai và nộp hồ sơ trực "
        "tuyến.",
        search_description="Danh mục thủ tục hành chính và dịch vụ công trực tuyến của Sở.",
        keywords="thủ tục hành chính, dịch vụ công trực tuyến, mẫu đơn",
    )


def build_procedure(data, *, sectors, units, legal_documents):
    procedure = Procedure(
        title=data["title"],
        slug=data["slug"],
        code=data["code"],
        sector=sectors[data["sector"]],
        service_level=data["level"],
        implementing_level=ImplementingLevel.PROVINCE,
        receiving_unit=units[data["unit"]],
        deciding_agency=DEFAULTS["deciding_agency"],
        applicants=data["applicants"],
        methods=ALL_METHODS if data["level"] >= 3 else OFFLINE_METHODS,
        methods_note=DEFAULTS["reception_note"],
        processing_days=data["days"],
        processing_note=DEFAULTS["time_note"],
        requirements=data.get("requirements", ""),
        result=data["result"],
        legal_basis=data["legal_text"],
        keywords=data["keywords"],
        search_description=f"{data['title']}: hồ sơ, thời hạn, phí, lệ phí và mẫu đơn.",
    )
    if data.get("online_form_slug"):
        procedure.online_form = FormDefinition.objects.filter(slug=data["online_form_slug"]).first()
    procedure.steps = [
        ProcedureStep(title=title, description=description, sort_order=order)
        for order, (title, description) in enumerate(DEFAULTS["standard_steps"])
    ]
    components = []
    for order, component in enumerate(data["components"]):
        template = None
        if "template" in component:
            fmt, labels = component["template"]
            template = template_document(component["name"], fmt, labels)
        components.append(
            DossierComponent(
                name=component["name"],
                originals=component.get("originals", 1),
                copies=component.get("copies", 0),
                is_required=component.get("required", True),
                note=component.get("note", ""),
                template=template,
                sort_order=order,
            )
        )
    procedure.dossier_components = components
    procedure.fee_rules = [
        FeeRule(
            label=label,
            kind=kind,
            amount=amount,
            unit_label=unit_label,
            quantity_field=quantity_field,
            sort_order=order,
        )
        for order, (label, kind, amount, unit_label, quantity_field) in enumerate(data["fees"])
    ]
    procedure.legal_basis_links = [
        LegalBasisLink(document=legal_documents[number], sort_order=order)
        for order, number in enumerate(data["legal"])
        if number in legal_documents
    ]
    return procedure


def ensure_procedures(catalogue):
    sectors = ensure_sectors()
    units = {unit.identifier_code: unit for unit in AgencyUnit.objects.all()}
    legal_documents = {
        page.number_symbol: page
        for page in LegalDocumentPage.objects.filter(locale=catalogue.locale)
    }
    existing_codes = set(
        Procedure.objects.filter(locale=catalogue.locale).values_list("code", flat=True)
    )
    existing_slugs = set(catalogue.get_children().values_list("slug", flat=True))
    procedures = []
    for data in PROCEDURES:
        if data["code"] in existing_codes or data["slug"] in existing_slugs:
            continue
        procedure = build_procedure(
            data, sectors=sectors, units=units, legal_documents=legal_documents
        )
        catalogue.add_child(instance=procedure)
        procedure.save_revision().publish()
        procedures.append(procedure)
    return procedures


def ensure_online_forms(catalogue):
    """Link the level-3/4 procedures loaded before the form engine to their form.

    Only a procedure without a form is touched, so an editor's choice stays."""
    forms_by_slug = {f.slug: f for f in FormDefinition.objects.all()}
    for procedure in Procedure.objects.child_of(catalogue).filter(online_form__isnull=True):
        form = forms_by_slug.get(ONLINE_FORM_SLUGS.get(procedure.code, ""))
        if form is not None:
            procedure.online_form = form
            procedure.save_revision().publish()


def english_texts(data):
    """The English of a demo procedure: its text fields, and the texts of its steps,
    dossier documents and fees, row by row in their order."""
    return {
        "fields": {
            "title": data["title_en"],
            "deciding_agency": DEFAULTS["deciding_agency_en"],
            "applicants": data["applicants_en"],
            "methods_note": DEFAULTS["reception_note_en"],
            "processing_note": DEFAULTS["time_note_en"],
            "requirements": data.get("requirements_en", ""),
            "result": data["result_en"],
            "legal_basis": data["legal_text_en"],
        },
        "steps": [{"title": t, "description": d} for t, d in DEFAULTS["standard_steps_en"]],
        "dossier_components": [
            {"name": c["name_en"], "note": c.get("note_en", "")} for c in data["components"]
        ],
        "fee_rules": [{"label": label, "unit_label": unit} for label, unit in data["fees_en"]],
    }


def translate(procedure_en, procedure, english):
    """Put the English in `procedure_en` wherever it still holds the Vietnamese of
    `procedure` (a field or a row an editor translated is left as it is). Whether
    anything changed."""
    changed = False
    for name, text in english["fields"].items():
        if getattr(procedure_en, name) == getattr(procedure, name) and text != getattr(
            procedure_en, name
        ):
            setattr(procedure_en, name, text)
            changed = True
    for relation in ("steps", "dossier_components", "fee_rules"):
        rows = list(getattr(procedure_en, relation).all())
        sources = list(getattr(procedure, relation).all())
        for row, source, texts in zip(rows, sources, english[relation], strict=False):
            for name, text in texts.items():
                if getattr(row, name) == getattr(source, name) and text != getattr(row, name):
                    setattr(row, name, text)
                    changed = True
        # Set again, or the revision would be made of the rows as stored.
        setattr(procedure_en, relation, rows)
    return changed


def ensure_english(catalogue, en):
    """English versions of the catalogue and of each procedure (Nghị định 42/2022 Điều 4).

    A procedure's English page is made when missing; on an English page made before the
    demo had its English texts, what is still Vietnamese is translated, and what an
    editor changed stays."""
    if catalogue.get_parent().get_translation_or_none(en) is None:
        return
    catalogue_en = catalogue.get_translation_or_none(en)
    if catalogue_en is None:
        catalogue_en = catalogue.copy_for_translation(en)
        catalogue_en.title = "Administrative procedures"
        catalogue_en.slug = "procedures"
        catalogue_en.intro = (
            "Find the Department's administrative procedures by sector, online service level and "
            "receiving unit; download the official forms and apply online."
        )
        catalogue_en.search_description = "Administrative procedures and online public services."
        catalogue_en.keywords = "administrative procedures, online public services, forms"
        catalogue_en.save_revision().publish()
    english = {data["code"]: data for data in PROCEDURES}
    for procedure in Procedure.objects.child_of(catalogue):
        data = english.get(procedure.code)
        if data is None:
            continue
        procedure_en = procedure.get_translation_or_none(en)
        if procedure_en is None:
            procedure_en = procedure.copy_for_translation(en)
            procedure_en.slug = slugify(data["title_en"])
            procedure_en.search_description = (
                f"{data['title_en']}: dossier, time limit, fees and official forms."
            )
        else:
            procedure_en = procedure_en.specific
        if translate(procedure_en, procedure, english_texts(data)) or not procedure_en.live:
            procedure_en.save_revision().publish()


@transaction.atomic
def load(home):
    """The demo catalogue under the demo home page, with its English version. Idempotent."""
    catalogue = ensure_catalogue(home)
    ensure_procedures(catalogue)
    ensure_online_forms(catalogue)
    en = Locale.objects.filter(language_code="en").first()
    if en is not None:
        ensure_english(catalogue, en)
    return catalogue
