"""Enumerations of the form engine."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FieldType(models.TextChoices):
    TEXT = "text", _("Văn bản ngắn")
    TEXTAREA = "textarea", _("Văn bản dài")
    NUMBER = "number", _("Số")
    DATE = "date", _("Ngày")
    EMAIL = "email", _("Thư điện tử")
    PHONE = "phone", _("Số điện thoại")
    CCCD = "cccd", _("Số căn cước công dân")
    TAX_CODE = "tax_code", _("Mã số thuế")
    SELECT = "select", _("Danh sách chọn")
    RADIO = "radio", _("Chọn một")
    CHECKBOXES = "checkboxes", _("Chọn nhiều")
    YES_NO = "yes_no", _("Có / Không")
    ADDRESS = "address", _("Địa chỉ")
    FILE = "file", _("Tệp đính kèm")
    GROUP = "group", _("Nhóm lặp lại")
    DECLARATION = "declaration", _("Cam kết")
    HEADING = "heading", _("Tiêu đề")
    PARAGRAPH = "paragraph", _("Đoạn hướng dẫn")


# Blocks that show text but take no answer.
DISPLAY_TYPES = {FieldType.HEADING, FieldType.PARAGRAPH}
CHOICE_TYPES = {FieldType.SELECT, FieldType.RADIO, FieldType.CHECKBOXES}


class Operator(models.TextChoices):
    EQUALS = "equals", _("bằng")
    IN = "in", _("là một trong")
    NOT_IN = "not_in", _("không là một trong")


class Effect(models.TextChoices):
    SHOW = "show", _("chỉ hiện khi")
    REQUIRE = "require", _("bắt buộc khi")


class PrefillSource(models.TextChoices):
    """Attributes of the signed-in applicant's profile a field can start from."""

    FULL_NAME = "full_name", _("Họ và tên")
    ID_NUMBER = "id_number", _("Số định danh cá nhân")
    DATE_OF_BIRTH = "date_of_birth", _("Ngày sinh")
    PHONE = "phone", _("Số điện thoại")
    EMAIL = "email", _("Thư điện tử")
    ADDRESS = "address", _("Địa chỉ")
    TAX_CODE = "tax_code", _("Mã số thuế")
    COMPANY_NAME = "company_name", _("Tên tổ chức, doanh nghiệp")


YES = "yes"
NO = "no"
