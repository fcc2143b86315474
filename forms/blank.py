"""Blank forms for level 2 (Nghị định 42/2022 Điều 11): the steps, labels and
help texts of a published version with room to write, as PDF and DOCX.

A version never changes, so each file is built once and kept in the default
storage under a name made of the version's id.
"""

import io
from enum import StrEnum
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.pdf import MOTTO
from forms import divisions
from forms.constants import CHOICE_TYPES, FieldType
from forms.schema import steps, text

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DOTS = "." * 80


class Item(StrEnum):
    """What one line of a blank form's outline is."""

    TITLE = "title"
    STEP = "step"
    HEADING = "heading"
    TEXT = "text"
    FIELD = "field"  # (kind, label, help, lines to write on)
    CHOICES = "choices"  # (kind, label, help, options)
    TABLE = "table"  # (kind, label, help, columns, rows)
    SIGN = "sign"


def storage_name(version, fmt, language="vi") -> str:
    return f"forms/blank/{version.definition_id}-{version.pk}-v{version.number}-{language}.{fmt}"


def download_name(version, fmt) -> str:
    return f"{slugify(version.schema.get('slug', 'bieu-mau'))}-v{version.number}.{fmt}"


def cached_blank_form(version, fmt, language="vi"):
    """(storage name, content type) of the blank form in a language, built on first use."""
    name = storage_name(version, fmt, language)
    if not default_storage.exists(name):
        build = build_pdf if fmt == "pdf" else build_docx
        content = build(version.schema, language)
        name = default_storage.save(name, ContentFile(content))
    return name, FORMATS[fmt]


def outline(schema, language="vi"):
    """What a blank form shows, line by line: (an `Item`, its text, …)."""
    items = [(Item.TITLE, text(schema["title"], language).upper())]
    if text(schema.get("intro"), language):
        items.append((Item.TEXT, text(schema["intro"], language)))
    for number, step in enumerate(steps(schema), start=1):
        items.append((Item.STEP, f"{_('Phần')} {number}. {text(step['title'], language)}"))
        if text(step.get("description"), language):
            items.append((Item.TEXT, text(step["description"], language)))
        for field in step["fields"]:
            kind = field["type"]
            if kind == FieldType.HEADING:
                items.append((Item.HEADING, text(field["text"], language)))
                continue
            if kind == FieldType.PARAGRAPH:
                items.append((Item.TEXT, text(field["text"], language)))
                continue
            label = text(field["label"], language)
            if field.get("required"):
                label += " (*)"
            help_text = text(field.get("help"), language)
            if kind in CHOICE_TYPES:
                options = [text(c["label"], language) for c in field.get(Item.CHOICES, [])]
                items.append((Item.CHOICES, label, help_text, options))
            elif kind == FieldType.YES_NO:
                items.append((Item.CHOICES, label, help_text, [_("Có"), _("Không")]))
            elif kind == FieldType.DECLARATION:
                items.append((Item.CHOICES, label, help_text, [_("Tôi cam kết")]))
            elif kind == FieldType.GROUP:
                columns = [text(sub["label"], language) for sub in field.get("fields", [])]
                rows = max(int(field.get("min_rows") or 0), 3)
                items.append((Item.TABLE, label, help_text, columns, rows))
            elif kind == FieldType.FILE:
                items.append(
                    (Item.FIELD, label, help_text or _("Nộp kèm bản giấy hoặc bản điện tử."), 1)
                )
            elif kind == FieldType.ADDRESS:
                hint = _("Số nhà, đường; xã/phường; tỉnh/thành phố (%(count)d tỉnh, thành phố)") % {
                    "count": len(divisions.provinces())
                }
                items.append((Item.FIELD, label, help_text or hint, 2))
            else:
                lines = 3 if kind == FieldType.TEXTAREA else 1
                items.append((Item.FIELD, label, help_text, lines))
    items.append((Item.TEXT, _("Tôi cam đoan những thông tin đã khai là đúng sự thật.")))
    items.append((Item.SIGN, _("NGƯỜI KHAI (Ký, ghi rõ họ tên)")))
    return items


def build_pdf(schema, language="vi") -> bytes:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from core.pdf import FONT, build_pdf, styles

    s = styles()
    title = text(schema["title"], language)
    story = [Paragraph(escape(line), s["center"]) for line in MOTTO] + [Spacer(1, 6 * mm)]
    for item in outline(schema, language):
        kind = item[0]
        if kind == Item.TITLE:
            story += [Paragraph(escape(item[1]), s["title"]), Spacer(1, 4 * mm)]
        elif kind in (Item.STEP, "heading"):
            story.append(Paragraph(escape(item[1]), s["heading"]))
        elif kind == Item.TEXT:
            story.append(Paragraph(escape(item[1]), s["body"]))
        elif kind == Item.SIGN:
            story += [Spacer(1, 10 * mm), Paragraph(escape(item[1]), s["center"])]
        else:
            label, help_text = item[1], item[2]
            story.append(Paragraph(f"{escape(label)}:", s["body"]))
            if help_text:
                story.append(Paragraph(f"<i>{escape(help_text)}</i>", s["small"]))
            if kind == Item.CHOICES:
                for option in item[3]:
                    story.append(Paragraph(f"☐ {escape(option)}", s["body"]))
            elif kind == Item.TABLE:
                columns, rows = item[3], item[4]
                table = Table(
                    [["STT", *columns]]
                    + [[str(n)] + [""] * len(columns) for n in range(1, rows + 1)]
                )
                table.setStyle(
                    TableStyle(
                        [
                            ("FONT", (0, 0), (-1, -1), FONT, 9),
                            ("GRID", (0, 0), (-1, -1), 0.5, "#555555"),
                            ("ROWBACKGROUNDS", (0, 1), (-1, -1), ["#ffffff"]),
                            ("BOTTOMPADDING", (0, 1), (-1, -1), 10),
                        ]
                    )
                )
                story.append(table)
            else:
                for _line in range(item[3]):
                    story.append(Paragraph(DOTS, s["body"]))
        story.append(Spacer(1, 2 * mm))
    return build_pdf(story, title=title, language=language)


def build_docx(schema, language="vi") -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    for line in MOTTO:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).bold = True
    for item in outline(schema, language):
        kind = item[0]
        if kind == Item.TITLE:
            document.add_heading(item[1], level=1)
        elif kind == Item.STEP:
            document.add_heading(item[1], level=2)
        elif kind == Item.HEADING:
            document.add_heading(item[1], level=3)
        elif kind == Item.TEXT:
            document.add_paragraph(item[1])
        elif kind == Item.SIGN:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.add_run(item[1]).bold = True
        else:
            label, help_text = item[1], item[2]
            document.add_paragraph().add_run(f"{label}:").bold = True
            if help_text:
                document.add_paragraph().add_run(help_text).italic = True
            if kind == Item.CHOICES:
                for option in item[3]:
                    document.add_paragraph(f"☐ {option}")
            elif kind == Item.TABLE:
                columns, rows = item[3], item[4]
                table = document.add_table(rows=rows + 1, cols=len(columns) + 1)
                table.style = "Table Grid"
                for index, heading in enumerate(["STT", *columns]):
                    table.rows[0].cells[index].text = heading
                for number in range(1, rows + 1):
                    table.rows[number].cells[0].text = str(number)
            else:
                for _line in range(item[3]):
                    document.add_paragraph(DOTS)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
