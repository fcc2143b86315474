"""Pictures and files the demo content needs: drawn here, except the news photographs,
which are real photographs in the public domain or under CC0 shipped in
demo_data/photos/ (CREDITS.md there names each one's source and licence)."""

import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents.models import Document
from wagtail.images.models import Image

from core.pdf import FONT_DIR, MOTTO, simple_document_pdf


def _font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def get_or_create_image(title, draw_png):
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = draw_png()
        image = Image.objects.create(
            title=title,
            file=ImageFile(io.BytesIO(data), name=f"{slugify(title)[:60] or 'image'}.png"),
        )
    return image


PHOTOS_DIR = Path(__file__).resolve().parent / "demo_data" / "photos"


def get_or_create_photo(title, filename, alt):
    """The library image of a shipped photograph (by title), with its alt text as the
    image's description, which templates give as `alt`."""
    image = Image.objects.filter(title=title).first()
    if image is None:
        with open(PHOTOS_DIR / filename, "rb") as photo:
            image = Image.objects.create(
                title=title, description=alt, file=ImageFile(photo, name=filename)
            )
    return image


def get_or_create_document(title, pdf_bytes_factory, filename):
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(pdf_bytes_factory()), save=False)
        document.save()
    return document


def portrait_png(name):
    def draw():
        image = PILImage.new("RGB", (240, 300), (226, 221, 212))
        canvas = ImageDraw.Draw(image)
        canvas.ellipse((70, 50, 170, 150), fill=(120, 110, 100))
        canvas.rounded_rectangle((40, 165, 200, 300), radius=40, fill=(120, 110, 100))
        initials = "".join(part[0] for part in name.split()[-2:])
        font = _font(40, bold=True)
        width = canvas.textlength(initials, font=font)
        canvas.text(((240 - width) / 2, 78), initials, font=font, fill=(255, 255, 255))
        return _png(image)

    return draw


def structure_chart_png(agency_name, leaders, units):
    """An organisation chart: the agency, its leadership, then its units in rows."""

    def draw():
        width, box_w, box_h = 1200, 260, 84
        rows = [units[i : i + 4] for i in range(0, len(units), 4)]
        height = 330 + len(rows) * 130
        image = PILImage.new("RGB", (width, height), (255, 255, 255))
        canvas = ImageDraw.Draw(image)
        title_font, font = _font(24, bold=True), _font(17)

        def box(x, y, text, fill, colour=(27, 27, 27), w=box_w, f=font):
            canvas.rounded_rectangle(
                (x, y, x + w, y + box_h), radius=8, fill=fill, outline=(122, 15, 18), width=2
            )
            lines = _wrap(canvas, text, f, w - 20)[:3]
            ty = y + (box_h - 22 * len(lines)) / 2
            for line in lines:
                tw = canvas.textlength(line, font=f)
                canvas.text((x + (w - tw) / 2, ty), line, font=f, fill=colour)
                ty += 22

        box((width - 520) / 2, 30, agency_name, (163, 22, 26), (255, 255, 255), w=520, f=title_font)
        canvas.line((width / 2, 114, width / 2, 150), fill=(122, 15, 18), width=3)
        box((width - 520) / 2, 150, leaders, (246, 243, 238), w=520)
        canvas.line((width / 2, 234, width / 2, 270), fill=(122, 15, 18), width=3)
        y = 290
        for row in rows:
            gap = (width - len(row) * box_w) / (len(row) + 1)
            canvas.line(
                (gap + box_w / 2, y - 20, width - gap - box_w / 2, y - 20),
                fill=(122, 15, 18),
                width=3,
            )
            for i, unit in enumerate(row):
                x = gap + i * (box_w + gap)
                canvas.line((x + box_w / 2, y - 20, x + box_w / 2, y), fill=(122, 15, 18), width=3)
                box(x, y, unit, (255, 255, 255))
            y += 130
        return _png(image)

    return draw


def legal_pdf(*, issuer, number, doc_type, title, summary, date_text, body):
    def build():
        return simple_document_pdf(
            title=f"{doc_type.upper()}<br/>{title}",
            header_lines=[
                issuer.upper(),
                *MOTTO,
                f"Số: {number} — {date_text}",
            ],
            paragraphs=[f"<b>Trích yếu:</b> {summary}", *body],
            author=issuer,
            subject=summary,
        )

    return build
