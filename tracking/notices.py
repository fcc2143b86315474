"""Notices to the applicant, as PDF, per Thông tư 01/2018/TT-VPCP.

Mẫu 01 "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", Mẫu 02 "Phiếu yêu cầu bổ
sung, hoàn thiện hồ sơ", Mẫu 03 "Phiếu từ chối tiếp nhận, giải quyết hồ sơ" and
Mẫu 04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả", laid out like the official
forms, with a QR code to the public status page, and signed by the agency
(PAdES). The interface takes plain values so that it does not depend on the
application model.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from xml.sax.saxutils import escape, quoteattr

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from core.pdf import FONT, FONT_BOLD, MOTTO, build_pdf, register_fonts
from tracking.signing import sign_pdf

QR_SIZE = 32 * mm


class NoticeKind(models.TextChoices):
    """The four notices of Thông tư 01/2018/TT-VPCP (Mẫu 01–04)."""

    RECEIPT = "01", gettext_lazy("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    SUPPLEMENT = "02", gettext_lazy("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
    REFUSAL = "03", gettext_lazy("Phiếu từ chối tiếp nhận, giải quyết hồ sơ")
    APOLOGY = "04", gettext_lazy("Phiếu xin lỗi và hẹn lại ngày trả kết quả")


# Register-number suffixes as agencies write them on the forms (e.g. "Số: …/TNHS").
NUMBER_SUFFIX = {
    NoticeKind.RECEIPT: "TNHS",
    NoticeKind.SUPPLEMENT: "BSHS",
    NoticeKind.REFUSAL: "TCHS",
    NoticeKind.APOLOGY: "XLHS",
}


@dataclass(frozen=True)
class NoticeContext:
    """What a notice says. Datetimes are aware; they print in the portal's time zone."""

    agency_name: str
    agency_parent: str
    agency_code: str
    agency_address: str
    agency_phone: str
    agency_email: str
    unit_name: str
    dossier_code: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    applicant_email: str
    procedure_name: str
    procedure_code: str
    received_at: datetime
    due_date: date | None
    documents: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    new_due_date: date | None = None
    status_url: str = ""
    officer_name: str = ""
    issued_at: datetime | None = None
    language: str = "vi"


class IncompleteNotice(ValueError):
    """The context lacks what this kind of notice must state."""


def _required_for(kind: NoticeKind, context: NoticeContext) -> list[str]:
    missing = []
    if kind == NoticeKind.RECEIPT and context.due_date is None:
        missing.append("due_date")
    if kind in (NoticeKind.SUPPLEMENT, NoticeKind.REFUSAL, NoticeKind.APOLOGY) and not (
        context.reasons or (kind == NoticeKind.SUPPLEMENT and context.documents)
    ):
        missing.append("reasons")
    if kind == NoticeKind.APOLOGY and context.new_due_date is None:
        missing.append("new_due_date")
    if not context.status_url:
        missing.append("status_url")
    return missing


def render_notice(kind: NoticeKind, context: NoticeContext, *, sign: bool = True) -> bytes:
    """The notice of `kind` as a PDF, signed by the agency unless `sign` is false.

    Raises IncompleteNotice when the context lacks what the form must state
    (the appointment date of a receipt, the reasons of a refusal…).
    """
    kind = NoticeKind(kind)
    missing = _required_for(kind, context)
    if missing:
        raise IncompleteNotice(f"Notice {kind.value} needs {', '.join(missing)}")
    with translation.override(context.language):
        pdf = _NoticeBuilder(kind, context).build()
        if not sign:
            return pdf
        return sign_pdf(pdf, reason=str(kind.label), location=_place(context))


def _place(context: NoticeContext) -> str:
    """The locality of the date line: the last part of the agency's address."""
    place = context.agency_address.rsplit(",", 1)[-1].strip()
    for prefix in ("tỉnh ", "Tỉnh ", "thành phố ", "Thành phố ", "TP. "):
        if place.startswith(prefix):
            return place[len(prefix) :]
    return place


def _text(value) -> str:
    """User data, escaped for ReportLab's paragraph markup."""
    return escape(str(value or ""))


def _date_words(value: date) -> str:
    return _("ngày %(day)02d tháng %(month)02d năm %(year)d") % {
        "day": value.day,
        "month": value.month,
        "year": value.year,
    }


def _time_words(value: datetime) -> str:
    local = timezone.localtime(value)
    return _("%(hour)02d giờ %(minute)02d phút, %(date)s") % {
        "hour": local.hour,
        "minute": local.minute,
        "date": _date_words(local.date()),
    }


class _NoticeBuilder:
    def __init__(self, kind: NoticeKind, context: NoticeContext):
        self.kind = kind
        self.context = context
        register_fonts()
        self.body = ParagraphStyle(
            "notice-body",
            fontName=FONT,
            fontSize=11.5,
            leading=16,
            alignment=TA_JUSTIFY,
            spaceAfter=3,
        )
        self.item = ParagraphStyle("notice-item", parent=self.body, leftIndent=8 * mm)
        self.center = ParagraphStyle(
            "notice-center", parent=self.body, alignment=TA_CENTER, spaceAfter=0
        )
        self.center_bold = ParagraphStyle(
            "notice-center-bold", parent=self.center, fontName=FONT_BOLD
        )
        self.header = ParagraphStyle("notice-header", parent=self.center, fontSize=10, leading=13.5)
        self.header_bold = ParagraphStyle(
            "notice-header-bold", parent=self.header, fontName=FONT_BOLD
        )
        self.title = ParagraphStyle(
            "notice-title", parent=self.center_bold, fontSize=13.5, leading=18, spaceAfter=2
        )
        self.small = ParagraphStyle(
            "notice-small", parent=self.body, fontSize=9, leading=12, alignment=0
        )

    # --- Parts of the form.

    def heading(self):
        c = self.context
        left = []
        if c.agency_parent:
            left.append(Paragraph(_text(c.agency_parent.upper()), self.header))
        left.append(Paragraph(_text(c.agency_name.upper()), self.header_bold))
        left.append(HRFlowable(width="35%", thickness=0.6, spaceBefore=1, spaceAfter=4))
        left.append(
            Paragraph(
                _("Số: %(number)s")
                % {"number": _text(f"{c.dossier_code}/{NUMBER_SUFFIX[self.kind]}")},
                self.header,
            )
        )
        right = [
            *(Paragraph(_(line), self.header_bold) for line in MOTTO),
            HRFlowable(width="55%", thickness=0.6, spaceBefore=1, spaceAfter=4),
            Paragraph(self.place_and_date(), self.header),
        ]
        table = Table([[left, right]], colWidths=[78 * mm, 87 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [table, Spacer(1, 8 * mm)]

    def place_and_date(self):
        issued = timezone.localtime(self.context.issued_at or timezone.now()).date()
        place = _place(self.context)
        words = _date_words(issued)
        return _text(f"{place}, {words}") if place else _text(words.capitalize())

    def titled(self):
        c = self.context
        return [
            Paragraph(_text(str(self.kind.label).upper()), self.title),
            Paragraph(
                _("Mã hồ sơ: %(code)s") % {"code": f"<b>{_text(c.dossier_code)}</b>"}, self.center
            ),
            Spacer(1, 6 * mm),
        ]

    def line(self, label, value):
        return Paragraph(f"{label} {_text(value)}", self.body)

    def items(self, values):
        return [
            Paragraph(f"{number}. {_text(value)}", self.item)
            for number, value in enumerate(values, start=1)
        ]

    def unit(self):
        return self.context.unit_name or self.context.agency_name

    def applicant_lines(self, *, received_by_unit=True):
        c = self.context
        if received_by_unit:
            lead = _("%(unit)s tiếp nhận hồ sơ của: %(name)s") % {
                "unit": _text(self.unit()),
                "name": f"<b>{_text(c.applicant_name)}</b>",
            }
        else:
            lead = _("Hồ sơ của: %(name)s") % {"name": f"<b>{_text(c.applicant_name)}</b>"}
        lines = [Paragraph(lead, self.body), self.line(_("Địa chỉ:"), c.applicant_address)]
        contact = _("Số điện thoại: %(phone)s  Thư điện tử: %(email)s") % {
            "phone": _text(c.applicant_phone),
            "email": _text(c.applicant_email),
        }
        lines.append(Paragraph(contact, self.body))
        procedure = c.procedure_name
        if c.procedure_code:
            procedure = f"{procedure} ({_('mã thủ tục')} {c.procedure_code})"
        lines.append(self.line(_("Nội dung yêu cầu giải quyết:"), procedure))
        return lines

    def signatures(self, *, role, with_applicant=False):
        right = [
            Paragraph(f"<b>{_text(role)}</b>", self.center),
            Paragraph(_("(Ký và ghi rõ họ tên)"), self.center),
            Spacer(1, 14 * mm),
            Paragraph(f"<b>{_text(self.context.officer_name)}</b>", self.center),
        ]
        left = []
        if with_applicant:
            left = [
                Paragraph(f"<b>{_('NGƯỜI NỘP HỒ SƠ')}</b>", self.center),
                Paragraph(_("(Ký và ghi rõ họ tên)"), self.center),
                Spacer(1, 14 * mm),
                Paragraph(f"<b>{_text(self.context.applicant_name)}</b>", self.center),
            ]
        table = Table([[left, right]], colWidths=[80 * mm, 85 * mm])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return [Spacer(1, 6 * mm), KeepTogether([table])]

    def status_block(self):
        url = self.context.status_url
        widget = QrCodeWidget(url, barLevel="M")
        left, bottom, right, top = widget.getBounds()
        drawing = Drawing(
            QR_SIZE,
            QR_SIZE,
            transform=[QR_SIZE / (right - left), 0, 0, QR_SIZE / (top - bottom), 0, 0],
        )
        drawing.add(widget)
        text = [
            Paragraph(_("Tra cứu tình trạng giải quyết hồ sơ:"), self.small),
            Paragraph(
                f"<link href={quoteattr(url)}>{_text(url)}</link>",
                self.small,
            ),
            Paragraph(
                _("Quét mã QR hoặc nhập mã hồ sơ %(code)s tại trang tra cứu.")
                % {"code": _text(self.context.dossier_code)},
                self.small,
            ),
        ]
        table = Table([[drawing, text]], colWidths=[QR_SIZE + 4 * mm, 130 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (0, 0), 0),
                ]
            )
        )
        return [Spacer(1, 8 * mm), KeepTogether([table])]

    def agency_footer(self):
        c = self.context
        parts = [c.agency_name]
        if c.agency_code:
            parts.append(_("Mã định danh: %(code)s") % {"code": c.agency_code})
        if c.agency_address:
            parts.append(c.agency_address)
        if c.agency_phone:
            parts.append(_("Điện thoại: %(phone)s") % {"phone": c.agency_phone})
        if c.agency_email:
            parts.append(_("Thư điện tử: %(email)s") % {"email": c.agency_email})
        return [Spacer(1, 4 * mm), Paragraph(_text(" · ".join(parts)), self.small)]

    # --- Bodies of the four forms.

    def receipt(self):
        c = self.context
        story = self.applicant_lines()
        story.append(Paragraph(_("1. Thành phần hồ sơ nộp gồm:"), self.body))
        story += self.items(c.documents or [_("Theo hồ sơ nộp trực tuyến")])
        story.append(
            Paragraph(
                _("2. Thời gian nhận hồ sơ: %(time)s") % {"time": _time_words(c.received_at)},
                self.body,
            )
        )
        story.append(
            Paragraph(
                _("3. Thời gian trả kết quả giải quyết hồ sơ: %(date)s")
                % {"date": _date_words(c.due_date)},
                self.body,
            )
        )
        story.append(
            Paragraph(
                _("4. Theo dõi tình trạng hồ sơ bằng mã hồ sơ %(code)s.")
                % {"code": f"<b>{_text(c.dossier_code)}</b>"},
                self.body,
            )
        )
        story += self.signatures(role=_("NGƯỜI TIẾP NHẬN HỒ SƠ"), with_applicant=True)
        return story

    def supplement(self):
        c = self.context
        story = self.applicant_lines(received_by_unit=False)
        story.append(
            Paragraph(
                _(
                    "Ngày %(received)s, %(unit)s đã tiếp nhận hồ sơ của ông/bà. "
                    "Sau khi xem xét, đề nghị ông/bà bổ sung, hoàn thiện hồ sơ gồm những "
                    "nội dung sau:"
                )
                % {
                    "received": timezone.localtime(c.received_at).strftime("%d/%m/%Y"),
                    "unit": _text(self.unit()),
                },
                self.body,
            )
        )
        story += self.items(c.documents or c.reasons)
        if c.documents and c.reasons:
            story.append(Paragraph(_("Lý do:"), self.body))
            story += self.items(c.reasons)
        contact = c.agency_phone or c.agency_email
        story.append(
            Paragraph(
                _(
                    "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ "
                    "%(unit)s (%(contact)s) để được hướng dẫn."
                )
                % {"unit": _text(self.unit()), "contact": _text(contact)},
                self.body,
            )
        )
        story += self.signatures(role=_("NGƯỜI HƯỚNG DẪN"))
        return story

    def refusal(self):
        c = self.context
        story = self.applicant_lines()
        story.append(
            Paragraph(
                _(
                    "Qua xem xét, %(unit)s thông báo không tiếp nhận, giải quyết hồ sơ "
                    "này với lý do cụ thể như sau:"
                )
                % {"unit": _text(self.unit())},
                self.body,
            )
        )
        story += self.items(c.reasons)
        story.append(Paragraph(_("Xin thông báo cho ông/bà được biết và thực hiện./."), self.body))
        story += self.signatures(role=_("NGƯỜI TIẾP NHẬN HỒ SƠ"))
        return story

    def apology(self):
        c = self.context
        agency = _text(c.agency_name)
        story = [
            Paragraph(
                _("%(received)s, %(agency)s tiếp nhận giải quyết hồ sơ của:")
                % {
                    "received": _date_words(timezone.localtime(c.received_at).date()).capitalize(),
                    "agency": agency,
                },
                self.body,
            ),
            self.line(_("Ông/bà:"), c.applicant_name),
            self.line(_("Địa chỉ:"), c.applicant_address),
            self.line(_("Nội dung yêu cầu giải quyết:"), c.procedure_name),
        ]
        if c.due_date:
            story.append(
                Paragraph(
                    _("Thời hẹn trả kết quả giải quyết hồ sơ: %(date)s.")
                    % {"date": _date_words(c.due_date)},
                    self.body,
                )
            )
        story.append(
            Paragraph(
                _(
                    "Tuy nhiên đến nay, %(agency)s chưa trả kết quả giải quyết hồ sơ của "
                    "ông/bà đúng hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả."
                )
                % {"agency": agency},
                self.body,
            )
        )
        story.append(Paragraph(_("Lý do:"), self.body))
        story += self.items(c.reasons)
        story.append(
            Paragraph(
                _(
                    "Sự chậm trễ này đã gây phiền hà cho ông/bà. %(agency)s xin lỗi ông/bà "
                    "và hẹn trả kết quả giải quyết hồ sơ vào %(date)s."
                )
                % {"agency": agency, "date": _date_words(c.new_due_date)},
                self.body,
            )
        )
        story.append(Paragraph(_("Kính mong nhận được sự thông cảm của ông/bà."), self.body))
        story += self.signatures(role=_("ĐẠI DIỆN CƠ QUAN"))
        return story

    def build(self) -> bytes:
        bodies = {
            NoticeKind.RECEIPT: self.receipt,
            NoticeKind.SUPPLEMENT: self.supplement,
            NoticeKind.REFUSAL: self.refusal,
            NoticeKind.APOLOGY: self.apology,
        }
        story = self.heading() + self.titled() + bodies[self.kind]()
        story += self.status_block() + self.agency_footer()
        title = f"{self.kind.label} – {self.context.dossier_code}"
        return build_pdf(
            story, title=title, author=self.context.agency_name, language=self.context.language
        )
