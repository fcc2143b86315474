"""StreamField blocks editors build a form with, in the Wagtail admin, without code.

`compile_steps` turns the stream into the plain JSON schema of `forms.schema`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from forms.constants import Effect, FieldType, Operator, PrefillSource

NAME_HELP = _(
    "Tên kỹ thuật, duy nhất trong biểu mẫu, chỉ gồm chữ thường không dấu, số và dấu gạch dưới, "
    "ví dụ ten_to_chuc. Không đổi sau khi đã xuất bản."
)
EXTENSION_CHOICES = [(e, e.upper()) for e in ("pdf", "jpg", "jpeg", "png", "docx", "xlsx", "zip")]


class StepConditionBlock(blocks.StructBlock):
    field = blocks.CharBlock(
        label=_("trường điều kiện"),
        required=False,
        help_text=_("Tên kỹ thuật của câu hỏi quyết định; để trống nếu luôn áp dụng."),
    )
    operator = blocks.ChoiceBlock(
        label=_("phép so sánh"), choices=Operator.choices, default=Operator.EQUALS
    )
    values = blocks.CharBlock(
        label=_("giá trị"),
        required=False,
        help_text=_("Các giá trị cách nhau bởi dấu phẩy; với câu Có/Không dùng yes hoặc no."),
    )

    class Meta:
        label = _("Điều kiện hiện bước")
        collapsed = True


class ConditionBlock(StepConditionBlock):
    effect = blocks.ChoiceBlock(label=_("tác dụng"), choices=Effect.choices, default=Effect.SHOW)

    class Meta:
        label = _("Điều kiện")
        collapsed = True


class ChoiceItemBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("giá trị"), max_length=100)
    label = blocks.CharBlock(label=_("nhãn (tiếng Việt)"))
    label_en = blocks.CharBlock(label=_("nhãn (tiếng Anh)"), required=False)


class BaseFieldBlock(blocks.StructBlock):
    name = blocks.RegexBlock(
        regex=r"^[a-z][a-z0-9_]{0,49}$",
        label=_("tên kỹ thuật"),
        help_text=NAME_HELP,
        error_messages={"invalid": _("Chỉ dùng chữ thường không dấu, số và dấu gạch dưới.")},
    )
    label = blocks.CharBlock(label=_("nhãn (tiếng Việt)"))
    label_en = blocks.CharBlock(label=_("nhãn (tiếng Anh)"), required=False)
    help = blocks.TextBlock(label=_("hướng dẫn (tiếng Việt)"), required=False, rows=2)
    help_en = blocks.TextBlock(label=_("hướng dẫn (tiếng Anh)"), required=False, rows=2)
    required = blocks.BooleanBlock(label=_("bắt buộc"), required=False)
    prefill = blocks.ChoiceBlock(
        label=_("điền sẵn từ hồ sơ người dùng"), choices=PrefillSource.choices, required=False
    )
    default = blocks.CharBlock(label=_("giá trị mặc định"), required=False)
    condition = ConditionBlock(required=False)


class TextFieldBlock(BaseFieldBlock):
    min_length = blocks.IntegerBlock(label=_("số ký tự tối thiểu"), required=False, min_value=0)
    max_length = blocks.IntegerBlock(label=_("số ký tự tối đa"), required=False, min_value=1)
    pattern = blocks.CharBlock(
        label=_("mẫu kiểm tra (biểu thức chính quy)"), required=False, max_length=200
    )
    pattern_message = blocks.CharBlock(label=_("thông báo khi sai mẫu"), required=False)
    pattern_message_en = blocks.CharBlock(
        label=_("thông báo khi sai mẫu (tiếng Anh)"), required=False
    )


class NumberFieldBlock(BaseFieldBlock):
    min_value = blocks.DecimalBlock(label=_("giá trị nhỏ nhất"), required=False)
    max_value = blocks.DecimalBlock(label=_("giá trị lớn nhất"), required=False)


class ChoiceFieldBlock(BaseFieldBlock):
    choices = blocks.ListBlock(ChoiceItemBlock(), label=_("các lựa chọn"), min_num=1)


class FileFieldBlock(BaseFieldBlock):
    extensions = blocks.MultipleChoiceBlock(
        label=_("định dạng được nhận"), choices=EXTENSION_CHOICES, required=False
    )
    max_size_mb = blocks.IntegerBlock(
        label=_("dung lượng tối đa (MB)"), required=False, min_value=1, max_value=50
    )
    multiple = blocks.BooleanBlock(label=_("cho phép nhiều tệp"), required=False)


class TextBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("nội dung (tiếng Việt)"))
    text_en = blocks.TextBlock(label=_("nội dung (tiếng Anh)"), required=False)


class RowFieldsBlock(blocks.StreamBlock):
    text = TextFieldBlock(label=FieldType.TEXT.label)
    number = NumberFieldBlock(label=FieldType.NUMBER.label)
    date = BaseFieldBlock(label=FieldType.DATE.label)
    email = BaseFieldBlock(label=FieldType.EMAIL.label)
    phone = BaseFieldBlock(label=FieldType.PHONE.label)
    cccd = BaseFieldBlock(label=FieldType.CCCD.label)
    tax_code = BaseFieldBlock(label=FieldType.TAX_CODE.label)
    select = ChoiceFieldBlock(label=FieldType.SELECT.label)
    yes_no = BaseFieldBlock(label=FieldType.YES_NO.label)


class GroupFieldBlock(BaseFieldBlock):
    min_rows = blocks.IntegerBlock(label=_("số dòng tối thiểu"), required=False, min_value=0)
    max_rows = blocks.IntegerBlock(
        label=_("số dòng tối đa"), required=False, min_value=1, max_value=20
    )
    fields = RowFieldsBlock(label=_("các cột"))


class StepFieldsBlock(blocks.StreamBlock):
    text = TextFieldBlock(label=FieldType.TEXT.label, icon="pilcrow")
    textarea = TextFieldBlock(label=FieldType.TEXTAREA.label, icon="doc-full")
    number = NumberFieldBlock(label=FieldType.NUMBER.label, icon="order")
    date = BaseFieldBlock(label=FieldType.DATE.label, icon="date")
    email = BaseFieldBlock(label=FieldType.EMAIL.label, icon="mail")
    phone = BaseFieldBlock(label=FieldType.PHONE.label, icon="mobile-alt")
    cccd = BaseFieldBlock(label=FieldType.CCCD.label, icon="user")
    tax_code = BaseFieldBlock(label=FieldType.TAX_CODE.label, icon="tag")
    select = ChoiceFieldBlock(label=FieldType.SELECT.label, icon="list-ul")
    radio = ChoiceFieldBlock(label=FieldType.RADIO.label, icon="radio-full")
    checkboxes = ChoiceFieldBlock(label=FieldType.CHECKBOXES.label, icon="tasks")
    yes_no = BaseFieldBlock(label=FieldType.YES_NO.label, icon="radio-full")
    address = BaseFieldBlock(label=FieldType.ADDRESS.label, icon="site")
    file = FileFieldBlock(label=FieldType.FILE.label, icon="doc-full-inverse")
    group = GroupFieldBlock(label=FieldType.GROUP.label, icon="table")
    declaration = BaseFieldBlock(label=FieldType.DECLARATION.label, icon="success")
    heading = TextBlock(label=FieldType.HEADING.label, icon="title")
    paragraph = TextBlock(label=FieldType.PARAGRAPH.label, icon="help")


class StepBlock(blocks.StructBlock):
    key = blocks.RegexBlock(
        regex=r"^[a-z0-9][a-z0-9-]{0,49}$",
        label=_("đường dẫn của bước"),
        help_text=_("Chữ thường không dấu và dấu gạch ngang, ví dụ thong-tin-to-chuc."),
        error_messages={"invalid": _("Chỉ dùng chữ thường không dấu, số và dấu gạch ngang.")},
    )
    title = blocks.CharBlock(label=_("tên bước (tiếng Việt)"))
    title_en = blocks.CharBlock(label=_("tên bước (tiếng Anh)"), required=False)
    description = blocks.TextBlock(label=_("mô tả (tiếng Việt)"), required=False, rows=2)
    description_en = blocks.TextBlock(label=_("mô tả (tiếng Anh)"), required=False, rows=2)
    condition = StepConditionBlock(required=False)
    fields = StepFieldsBlock(label=_("các trường"))

    class Meta:
        icon = "form"
        label = _("Bước")


class StepsBlock(blocks.StreamBlock):
    step = StepBlock()


# Compiling the stream into the schema


def _pair(value, key):
    return {"vi": value.get(key) or "", "en": value.get(f"{key}_en") or ""}


def _condition(value):
    if not value or not value.get("field"):
        return None
    values = value.get("values") or ""
    return {
        "field": value["field"].strip(),
        "operator": value.get("operator") or Operator.EQUALS,
        "values": [v.strip() for v in values.split(",") if v.strip()],
        "effect": value.get("effect") or Effect.SHOW,
    }


def _number(value):
    if value in (None, ""):
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


OPTIONAL_KEYS = ("min_length", "max_length", "min_rows", "max_rows", "max_size_mb")


def compile_field(kind, value):
    """One field block's raw value as a schema field."""
    if kind in (FieldType.HEADING, FieldType.PARAGRAPH):
        return {"type": kind, "text": _pair(value, "text")}
    field = {
        "type": kind,
        "name": value["name"],
        "label": _pair(value, "label"),
        "help": _pair(value, "help"),
        "required": bool(value.get("required")),
        "prefill": value.get("prefill") or "",
        "default": value.get("default") or "",
        "condition": _condition(value.get("condition")),
    }
    for key in OPTIONAL_KEYS:
        if value.get(key) not in (None, ""):
            field[key] = int(value[key])
    for key in ("min_value", "max_value"):
        if value.get(key) not in (None, ""):
            field[key] = _number(value[key])
    if value.get("pattern"):
        field["pattern"] = value["pattern"]
        field["pattern_message"] = _pair(value, "pattern_message")
    if "choices" in value:
        field["choices"] = [
            {"value": c["value"], "label": _pair(c, "label")} for c in value["choices"]
        ]
    if kind == FieldType.FILE:
        field["extensions"] = list(value.get("extensions") or [])
        field["multiple"] = bool(value.get("multiple"))
    if kind == FieldType.GROUP:
        field["fields"] = [
            compile_field(child["type"], child["value"]) for child in value.get("fields", [])
        ]
    return field


def _raw_value(item):
    """A block's raw value: ListBlock items are stored as {"type": "item", "value": …}."""
    return item.get("value", item) if isinstance(item, dict) and "type" in item else item


def normalise_raw(value):
    """Raw stream JSON with ListBlock items unwrapped, so compiling reads plain dicts."""
    if isinstance(value, list):
        return [normalise_raw(_raw_value(v) if _is_list_item(v) else v) for v in value]
    if isinstance(value, dict):
        return {k: normalise_raw(v) for k, v in value.items()}
    return value


def _is_list_item(value):
    return isinstance(value, dict) and value.get("type") == "item" and "value" in value


def compile_steps(raw_steps):
    """The raw data of the `steps` StreamField as the schema's list of steps."""
    compiled = []
    for item in normalise_raw(list(raw_steps)):
        value = item["value"]
        compiled.append(
            {
                "key": value["key"],
                "title": _pair(value, "title"),
                "description": _pair(value, "description"),
                "condition": _condition(value.get("condition")),
                "fields": [
                    compile_field(child["type"], child["value"])
                    for child in value.get("fields", [])
                ],
            }
        )
    return compiled
