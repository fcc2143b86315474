"""The one shared StreamField vocabulary of the public site."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tiêu đề"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("Cấp"), choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "portal/blocks/heading.html"
        label = _("Tiêu đề mục")
        preview_value = {"text": "Chức năng, nhiệm vụ", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False)
    alt = blocks.CharBlock(
        label=_("Mô tả thay thế"),
        required=False,
        help_text=_("Mô tả nội dung ảnh cho người khiếm thị; để trống nếu ảnh chỉ để trang trí."),
    )

    class Meta:
        icon = "image"
        template = "portal/blocks/image.html"
        label = _("Ảnh")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tệp"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False)

    class Meta:
        icon = "doc-full"
        template = "portal/blocks/document.html"
        label = _("Tệp đính kèm")


class PersonBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Họ và tên"))
    position = blocks.CharBlock(label=_("Chức vụ"), required=False)
    phone = blocks.CharBlock(label=_("Điện thoại"), required=False)
    email = blocks.EmailBlock(label=_("Thư điện tử"), required=False)
    photo = ImageChooserBlock(label=_("Ảnh"), required=False)
    note = blocks.TextBlock(label=_("Ghi chú"), required=False)

    class Meta:
        icon = "user"
        template = "portal/blocks/person.html"
        label = _("Người liên hệ")
        preview_value = {
            "name": "Nguyễn Văn An",
            "position": "Phó Giám đốc, Người phát ngôn",
            "phone": "0236 3822 111",
            "email": "nvan@example.gov.vn",
        }


class NoticeBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(label=_("Nội dung"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        template = "portal/blocks/notice.html"
        label = _("Khung lưu ý")
        preview_value = {"text": "<p>Hồ sơ nộp trực tuyến được tiếp nhận cả ngày nghỉ.</p>"}


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        icon="pilcrow",
        label=_("Đoạn văn"),
        template="portal/blocks/paragraph.html",
        preview_value="<p>Sở Thông tin và Truyền thông là cơ quan chuyên môn thuộc UBND tỉnh.</p>",
    )
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()
    person = PersonBlock()
    notice = NoticeBlock()
    table = TableBlock(
        label=_("Bảng"),
        template="portal/blocks/table.html",
        table_options={"renderer": "text", "startRows": 3, "startCols": 3},
    )
