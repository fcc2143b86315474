"""PDF building blocks shared by the apps: Vietnamese-capable fonts and simple documents."""

import io
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_noop
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

# Quốc hiệu and tiêu ngữ, atop every administrative document and form (Nghị định
# 30/2020/NĐ-CP). Blank forms print them in Vietnamese whatever the language of the
# rest; notices translate them (the catalogue has them as msgids).
MOTTO = (
    gettext_noop("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    gettext_noop("Độc lập - Tự do - Hạnh phúc"),
)
# One page setup for every document the portal issues: A4, the official margins.
PAGE = {
    "pagesize": A4,
    "leftMargin": 25 * mm,
    "rightMargin": 20 * mm,
    "topMargin": 20 * mm,
    "bottomMargin": 20 * mm,
}


def build_pdf(story, *, title, author="", subject="", language="vi") -> bytes:
    """Lay `story` (ReportLab flowables) out on the portal's page; the PDF's bytes."""
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        **PAGE,
        title=title,
        author=author,
        subject=subject or title,
        creator=author,
        lang=language,
    ).build(story)
    return buffer.getvalue()


@cache
def register_fonts():
    """Register a TrueType font with every Vietnamese glyph (ReportLab's built-ins lack them)."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)
    return FONT


@cache
def styles():
    register_fonts()
    base = getSampleStyleSheet()
    return {
        "body": ParagraphStyle(
            "body", parent=base["BodyText"], fontName=FONT, fontSize=11, leading=15
        ),
        "small": ParagraphStyle(
            "small", parent=base["BodyText"], fontName=FONT, fontSize=9, leading=12
        ),
        "title": ParagraphStyle(
            "title",
            parent=base["Title"],
            fontName=FONT_BOLD,
            fontSize=15,
            leading=20,
            alignment=TA_CENTER,
        ),
        "heading": ParagraphStyle(
            "heading", parent=base["Heading2"], fontName=FONT_BOLD, fontSize=12, leading=16
        ),
        "center": ParagraphStyle(
            "center",
            parent=base["BodyText"],
            fontName=FONT_BOLD,
            fontSize=11,
            leading=15,
            alignment=TA_CENTER,
        ),
    }


def simple_document_pdf(*, title, header_lines=(), paragraphs=(), author="", subject=""):
    """A one-column A4 document: centred header lines, a title, then paragraphs."""
    s = styles()
    story = [Paragraph(line, s["center"]) for line in header_lines]
    if header_lines:
        story.append(Spacer(1, 8 * mm))
    story.append(Paragraph(title, s["title"]))
    story.append(Spacer(1, 6 * mm))
    for paragraph in paragraphs:
        story.append(Paragraph(paragraph, s["body"]))
        story.append(Spacer(1, 3 * mm))
    return build_pdf(story, title=title, author=author, subject=subject)
