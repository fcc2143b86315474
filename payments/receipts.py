"""The electronic receipt ("biên lai thu phí, lệ phí điện tử") of a paid fee, as a signed PDF."""

from xml.sax.saxutils import escape

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from core.pdf import FONT, FONT_BOLD, build_pdf, styles
from payments.words import vnd_in_words
from portal.models import AgencySettings
from services.fees import format_vnd
from tracking.issuing import keep_notice_pdf
from tracking.links import status_url
from tracking.models import ApplicationFile
from tracking.signing import sign_pdf

RECEIPT_FIELD = "payment_receipt"


def _text(value) -> str:
    return escape(str(value or ""))


def render_receipt(payment, *, sign: bool = True) -> bytes:
    """The receipt of a paid `payment`: payer, dossier, fee lines, total, transaction."""
    agency = AgencySettings.load()
    application = payment.application
    s = styles()
    paid_at = timezone.localtime(payment.paid_at or timezone.now())
    with translation.override("vi"):
        title = _("BIÊN LAI THU PHÍ, LỆ PHÍ ĐIỆN TỬ")
        story = [
            Paragraph(_text(agency.governing_body.upper()), s["center"]),
            Paragraph(_text(agency.name.upper()), s["center"]),
            Spacer(1, 6 * mm),
            Paragraph(_text(title), s["title"]),
            Paragraph(_("Số: %(number)s") % {"number": _text(payment.order_ref)}, s["center"]),
            Spacer(1, 6 * mm),
        ]
        facts = [
            (_("Người nộp tiền"), application.applicant_name),
            (_("Địa chỉ"), application.applicant_address),
            (_("Mã hồ sơ"), application.dossier_code),
            (_("Thủ tục"), application.procedure_name),
            (
                _("Hình thức thanh toán"),
                _("Trực tuyến qua cổng thanh toán (%(provider)s)") % {"provider": payment.provider},
            ),
            (_("Mã giao dịch thanh toán"), payment.provider_transaction_no),
            (_("Thời điểm thanh toán"), paid_at.strftime("%H:%M:%S %d/%m/%Y")),
        ]
        for label, value in facts:
            story.append(Paragraph(f"<b>{_text(label)}:</b> {_text(value)}", s["body"]))
        story.append(Spacer(1, 4 * mm))
        rows = [[_("Khoản thu"), _("Số lượng"), _("Đơn giá"), _("Thành tiền")]]
        for line in payment.fee_lines:
            quantity = f"{line['quantity']} {line.get('unit_label', '')}".strip()
            rows.append(
                [
                    Paragraph(_text(line["label"]), s["body"]),
                    quantity,
                    format_vnd(line["unit_amount"]),
                    format_vnd(line["unit_amount"] * line["quantity"]),
                ]
            )
        rows.append([_("Tổng cộng"), "", "", format_vnd(payment.amount)])
        table = Table(rows, colWidths=[80 * mm, 25 * mm, 30 * mm, 30 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 10),
                    ("FONT", (0, 0), (-1, 0), FONT_BOLD, 10),
                    ("FONT", (0, -1), (-1, -1), FONT_BOLD, 10),
                    ("GRID", (0, 0), (-1, -1), 0.5, "#555555"),
                    ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        story += [table, Spacer(1, 3 * mm)]
        story.append(
            Paragraph(
                _("Số tiền bằng chữ: %(words)s.") % {"words": _text(vnd_in_words(payment.amount))},
                s["body"],
            )
        )
        story.append(Spacer(1, 6 * mm))
        story.append(
            Paragraph(
                _("Tra cứu tình trạng hồ sơ: %(url)s") % {"url": _text(status_url(application))},
                s["small"],
            )
        )
        pdf = build_pdf(story, title=f"{title} – {application.dossier_code}", author=agency.name)
        if not sign:
            return pdf
        return sign_pdf(pdf, reason=str(title), location=agency.address.rsplit(",", 1)[-1].strip())


def issue_receipt(payment, event) -> ApplicationFile:
    """Render, sign and keep the receipt among the application's notices, on the payment event."""
    pdf = render_receipt(payment)
    return keep_notice_pdf(
        payment.application,
        event,
        pdf,
        name=f"bien-lai-{payment.application.dossier_code}-{payment.order_ref}.pdf",
        field_name=RECEIPT_FIELD,
        label=_("Biên lai thu phí, lệ phí điện tử"),
        folder="receipts",
    )
