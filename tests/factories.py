"""The data tests build: a small agency and the pages, procedures and forms a test adds.

Every database test starts from `build_agency()` (conftest loads it once per test
process): the page tree with a Vietnamese home page as the default site's root, the
agency's identity and two units. A test adds what it is about with the factories
below, inside its own transaction. Only the tests marked `demo` see the demo content.
"""

import datetime
import io
import json

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, Site

from core.models import AgencyUnit
from forms.models import FormDefinition
from forms.operations import publish_definition
from portal.models import (
    AgencySettings,
    ArticleIndexPage,
    ArticlePage,
    HomePage,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    StandardPage,
)
from services.constants import ApplicationMethod, FeeKind
from services.models import FeeRule, Procedure, ProcedureIndexPage, ProcedureStep, Sector

AGENCY = {
    "name": "Sở Khoa học và Công nghệ tỉnh Khánh Hòa",
    "name_en": "Khanh Hoa Department of Science and Technology",
    "governing_body": "Ủy ban nhân dân tỉnh Khánh Hòa",
    "identifier_code": "000.00.12.H34",
    "address": "Số 04 Phan Chu Trinh, phường Nha Trang, tỉnh Khánh Hòa",
    "phone": "0258 3822 535",
    "email": "skhcn@khanhhoa.gov.vn",
    "responsible_person": "Ông Trần Minh Đức, Giám đốc Sở",
}
# The one-stop office receives applications; a division decides them.
OFFICE = "000.01.12.H34"
DIVISION = "000.03.12.H34"
UNITS = [
    (OFFICE, "Văn phòng Sở", "Office of the Department"),
    (DIVISION, "Phòng Báo chí, Xuất bản", "Press and Publishing Division"),
]
HOME_TITLE = "Cổng thông tin điện tử Sở Khoa học và Công nghệ"


def build_agency():
    """The agency every database test starts from; returns its home page."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=vi)
    home = HomePageFactory(parent=root, title=HOME_TITLE, slug="trang-chu", locale=vi)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
        create_defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": AGENCY["name"],
        },
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()  # Wagtail's welcome page
    agency = AgencySettings.load()
    for key, value in AGENCY.items():
        setattr(agency, key, value)
    agency.save()
    for order, (code, name, name_en) in enumerate(UNITS):
        AgencyUnitFactory(identifier_code=code, name=name, name_en=name_en, sort_order=order)
    return home


def home_page():
    return HomePage.objects.get(depth=2, locale__language_code="vi")


def english(page, **fields):
    """The English translation of `page` (its parent translated first), published."""
    en = Locale.objects.get(language_code="en")
    parent = page.get_parent().specific
    if parent.depth > 1 and parent.get_translation_or_none(en) is None:
        english(parent, slug=f"{parent.slug}-en")
    translation = page.get_translation_or_none(en)
    if translation is None:
        translation = page.copy_for_translation(en)
    for key, value in fields.items():
        setattr(translation, key, value)
    translation.save_revision().publish()
    return translation.specific


class AgencyUnitFactory(DjangoModelFactory):
    class Meta:
        model = AgencyUnit
        django_get_or_create = ("identifier_code",)

    identifier_code = factory.Sequence(lambda n: f"000.{n + 10:02d}.12.H34")
    name = factory.Sequence(lambda n: f"Phòng chuyên môn số {n + 1}")
    address = AGENCY["address"]


def unit(code=OFFICE):
    return AgencyUnit.objects.get(identifier_code=code)


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under `parent` and published, as an editor would."""

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        instance = super()._create_instance(model_class, parent or home_page(), kwargs)
        instance.save_revision().publish()
        instance.refresh_from_db()
        return instance


class HomePageFactory(PublishedPageFactory):
    class Meta:
        model = HomePage

    lead = "Thông tin về cơ quan, thủ tục hành chính và dịch vụ công trực tuyến."


class StandardPageFactory(PublishedPageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Trang thông tin {n + 1}")


class ArticleIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "Tin tức, sự kiện"
    slug = "tin-tuc"
    show_in_menus = True


class ArticlePageFactory(PublishedPageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Hội nghị chuyển đổi số lần thứ {n + 1}")
    date = factory.LazyFunction(datetime.date.today)
    author = "Văn phòng Sở"
    summary = "Sở tổ chức hội nghị triển khai kế hoạch chuyển đổi số năm 2026."
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Hội nghị đã thống nhất các nhiệm vụ trọng tâm.</p>")]
    )


class LegalDocumentIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = LegalDocumentIndexPage

    title = "Văn bản pháp luật"
    slug = "van-ban"
    show_in_menus = True


def pdf_document(title="Văn bản", name="van-ban.pdf"):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document


class LegalDocumentPageFactory(PublishedPageFactory):
    class Meta:
        model = LegalDocumentPage

    title = factory.LazyAttribute(lambda o: f"Quyết định {o.number_symbol}")
    number_symbol = factory.Sequence(lambda n: f"{n + 1}/QĐ-UBND")
    document_type = LegalDocumentPage.DocumentType.DECISION
    issuer = "Ủy ban nhân dân tỉnh Khánh Hòa"
    issue_date = datetime.date(2026, 3, 1)
    status = LegalDocumentPage.Status.IN_FORCE
    summary = "Ban hành Quy chế quản lý, vận hành Cổng thông tin điện tử của Sở."


class SectorFactory(DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = "G08-TT11"
    name = "Xuất bản, In và Phát hành"
    name_en = "Publishing, printing and distribution"


class ProcedureIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = ProcedureIndexPage
        django_get_or_create = ("slug", "parent")

    title = "Thủ tục hành chính"
    slug = "thu-tuc-hanh-chinh"
    show_in_menus = True
    parent = factory.LazyFunction(home_page)


class ProcedureFactory(PublishedPageFactory):
    """A catalogue procedure. `fees=[(label, amount), …]` adds fixed fees;
    `steps=[(title, description), …]` its sequence."""

    class Meta:
        model = Procedure

    parent = factory.LazyFunction(lambda: ProcedureIndexPageFactory())
    title = "Cấp giấy phép xuất bản bản tin (địa phương)"
    slug = factory.Sequence(lambda n: f"thu-tuc-{n + 1}")
    code = factory.Sequence(lambda n: f"1.{4227 + n:06d}.000.00.00.H34")
    sector = factory.SubFactory(SectorFactory)
    service_level = 3
    receiving_unit = factory.LazyFunction(unit)
    deciding_agency = "Sở Khoa học và Công nghệ"
    applicants = "Cơ quan, tổ chức, đơn vị sự nghiệp"
    methods = factory.LazyAttribute(
        lambda o: (
            [ApplicationMethod.IN_PERSON, ApplicationMethod.POST]
            + ([ApplicationMethod.ONLINE] if o.service_level >= 3 else [])
        )
    )
    processing_days = 10
    processing_note = "kể từ ngày nhận đủ hồ sơ hợp lệ"
    result = "Giấy phép xuất bản bản tin"

    fees = ()
    steps = ()

    @classmethod
    def _create(cls, model_class, *args, fees=(), steps=(), **kwargs):
        procedure = model_class(**{k: v for k, v in kwargs.items() if k != "parent"})
        procedure.fee_rules = [
            FeeRule(label=label, kind=FeeKind.FIXED, amount=amount, sort_order=order)
            for order, (label, amount) in enumerate(fees)
        ]
        procedure.steps = [
            ProcedureStep(title=title, description=description, sort_order=order)
            for order, (title, description) in enumerate(steps)
        ]
        kwargs["parent"].add_child(instance=procedure)
        procedure.save_revision().publish()
        procedure.refresh_from_db()
        return procedure


# Building blocks of a form's steps, as the admin's StreamField stores them.


def field(kind, name, label, label_en="", *, required=True, **options):
    return {
        "type": kind,
        "value": {
            "name": name,
            "label": label,
            "label_en": label_en,
            "required": required,
            **options,
        },
    }


def block(kind, text, text_en=""):
    return {"type": kind, "value": {"text": text, "text_en": text_en}}


def choices(*triples):
    return [{"value": v, "label": label, "label_en": label_en} for v, label, label_en in triples]


def when(name, *values, operator="equals", effect="show"):
    return {"field": name, "operator": operator, "values": ",".join(values), "effect": effect}


def step(key, title, title_en, fields, *, description="", condition=None):
    value = {
        "key": key,
        "title": title,
        "title_en": title_en,
        "description": description,
        "fields": fields,
    }
    if condition:
        value["condition"] = condition
    return {"type": "step", "value": value}


# A one-page PDF with a correct cross-reference table: readable by pyHanko and poppler,
# so that it can be signed when it is recorded as a result (tracking.results).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>> endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000053 00000 n \n"
    b"0000000103 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n167\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name="giay-to.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_definition(steps, slug="thu-nghiem", publish=True, **extra):
    definition = FormDefinition(
        slug=slug, title="Biểu mẫu thử nghiệm", title_en="Test form", **extra
    )
    definition.steps = json.dumps(steps, ensure_ascii=False)
    definition.full_clean()
    definition.save()
    if publish:
        publish_definition(definition=definition)
    return definition


def single_step(*fields, key="buoc-1"):
    return [step(key, "Bước một", "Step one", list(fields))]


def online_procedure(*, form=None, level=3, fees=(), **fields):
    """A level-3 (or 4) procedure whose online form is `form` (a one-step form by default)."""
    if form is None:
        form = make_definition(
            single_step(
                field("text", "ten_to_chuc", "Tên cơ quan, tổ chức", "Organisation"),
                field("email", "thu_dien_tu", "Thư điện tử", "E-mail"),
                field("file", "giay_to", "Bản sao quyết định thành lập", "Founding decision"),
            ),
            slug="to-khai-ban-tin",
        )
    return ProcedureFactory(online_form=form, service_level=level, fees=fees, **fields)
