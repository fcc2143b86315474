"""Django forms built from a step of a frozen schema.

Every Django field is declared optional: whether an answer is required depends
on conditions (`forms.schema.is_required`), which `StepForm.clean` checks once
the step's own answers are known. A hidden field is therefore never required,
and its answer (and any error it had) is dropped.
"""

import json
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator, RegexValidator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.uploads import DEFAULT_EXTENSIONS, store_private_upload
from forms import dates, divisions, validators
from forms.constants import DISPLAY_TYPES, NO, YES, FieldType
from forms.schema import input_fields, is_required, is_shown, text

DEFAULT_MAX_ROWS = 5
MAX_FILES = 10
UPLOAD_FOLDER = "forms/drafts"

REQUIRED_MESSAGE = _("Vui lòng nhập thông tin này.")
CHOOSE_MESSAGE = _("Vui lòng chọn một phương án.")


def _error_messages(field):
    return {"required": REQUIRED_MESSAGE, "invalid_choice": _("Lựa chọn không hợp lệ.")}


def allowed_extensions(spec) -> tuple[str, ...]:
    """The file types a file field takes: its own list, else the portal's default."""
    return tuple(spec.get("extensions") or DEFAULT_EXTENSIONS)


class ListSelect(forms.Select):
    """A select whose options are written in Python instead of one template each.

    Django renders every option through `select_option.html`; for the ~300
    communes and wards of a province that cost more than the rest of a step.
    The markup is the same: the attributes Django computes, escaped by
    `format_html`.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _group, choices, _index in widget["optgroups"]
                for option in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True
    template_name = "django/forms/widgets/file.html"


class UploadField(forms.Field):
    """One or many files; checking and storing happen in `StepForm.clean`."""

    def __init__(self, *, multiple=False, accept="", **kwargs):
        attrs = {"accept": accept} if accept else {}
        widget = MultipleFileInput(attrs=attrs) if multiple else forms.FileInput(attrs=attrs)
        super().__init__(widget=widget, **kwargs)

    def to_python(self, data):
        if not data:
            return []
        return list(data) if isinstance(data, list | tuple) else [data]

    def bound_data(self, data, initial):
        return initial

    def has_changed(self, initial, data):
        return bool(data)


def _text_validators(spec):
    found = []
    if spec.get("min_length"):
        found.append(
            MinLengthValidator(
                spec["min_length"],
                message=_("Cần ít nhất %(limit_value)d ký tự (hiện có %(show_value)d)."),
            )
        )
    if spec.get("max_length"):
        found.append(
            MaxLengthValidator(
                spec["max_length"],
                message=_("Tối đa %(limit_value)d ký tự (hiện có %(show_value)d)."),
            )
        )
    if spec.get("pattern"):
        message = text(spec.get("pattern_message")) or _("Giá trị không đúng định dạng yêu cầu.")
        found.append(RegexValidator(f"^(?:{spec['pattern']})$", message=message))
    return found


class _CleanedCharField(forms.CharField):
    def __init__(self, *, cleaner, **kwargs):
        self.cleaner = cleaner
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return self.cleaner(value) if value else value


def _choices(spec):
    return [(c["value"], text(c["label"])) for c in spec.get("choices", [])]


def build_field(spec, *, province=None):
    """The Django field of one simple (single-input) field specification."""
    kind = spec["type"]
    common = {
        "label": text(spec.get("label")),
        "help_text": text(spec.get("help")),
        "required": False,
        "error_messages": _error_messages(spec),
    }
    if kind == FieldType.TEXT:
        return forms.CharField(validators=_text_validators(spec), **common)
    if kind == FieldType.TEXTAREA:
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4}), validators=_text_validators(spec), **common
        )
    if kind == FieldType.NUMBER:
        field = forms.DecimalField(
            min_value=spec.get("min_value"), max_value=spec.get("max_value"), **common
        )
        field.error_messages.update(
            invalid=_("Vui lòng nhập một số."),
            min_value=_("Giá trị phải lớn hơn hoặc bằng %(limit_value)s."),
            max_value=_("Giá trị phải nhỏ hơn hoặc bằng %(limit_value)s."),
        )
        for validator in field.validators:
            code = getattr(validator, "code", "")
            if code in ("min_value", "max_value"):
                validator.message = field.error_messages[code]
        return field
    if kind == FieldType.DATE:
        # Typed day/month/year in a text input: a browser's date input follows its locale.
        common["help_text"] = " ".join(filter(None, [common["help_text"], str(dates.FORMAT_HINT)]))
        return dates.DayMonthYearField(**common)
    if kind == FieldType.EMAIL:
        field = forms.EmailField(**common)
        field.error_messages["invalid"] = _("Địa chỉ thư điện tử không hợp lệ.")
        field.validators[-1].message = field.error_messages["invalid"]
        return field
    if kind == FieldType.PHONE:
        return _CleanedCharField(
            cleaner=validators.clean_phone,
            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            **common,
        )
    if kind == FieldType.CCCD:
        return _CleanedCharField(
            cleaner=validators.clean_cccd,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 12}),
            **common,
        )
    if kind == FieldType.TAX_CODE:
        return _CleanedCharField(cleaner=validators.clean_tax_code, **common)
    if kind == FieldType.SELECT:
        return forms.ChoiceField(choices=[("", _("— Chọn —"))] + _choices(spec), **common)
    if kind == FieldType.RADIO:
        return forms.ChoiceField(choices=_choices(spec), widget=forms.RadioSelect, **common)
    if kind == FieldType.CHECKBOXES:
        return forms.MultipleChoiceField(
            choices=_choices(spec), widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == FieldType.YES_NO:
        return forms.ChoiceField(
            choices=[(YES, _("Có")), (NO, _("Không"))], widget=forms.RadioSelect, **common
        )
    if kind == FieldType.DECLARATION:
        return forms.BooleanField(**common)
    if kind == FieldType.FILE:
        # The browser is offered exactly what `_store_one` accepts.
        extensions = allowed_extensions(spec)
        return UploadField(
            multiple=bool(spec.get("multiple")),
            accept=",".join(f".{e}" for e in extensions),
            **common,
        )
    raise ValueError(f"unknown field type {kind!r}")


def to_json(value):
    """A cleaned value as the JSON an answer is kept in."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value is False or value == {}


def address_keys(name):
    return f"{name}__province", f"{name}__ward", f"{name}__street"


def group_key(name, row, sub):
    return f"{name}__{row}__{sub}"


def group_rows(spec):
    return max(1, min(int(spec.get("max_rows") or DEFAULT_MAX_ROWS), 20))


def initial_for(spec, value):
    """Initial data of the Django field(s) of one field from a stored answer."""
    kind, name = spec["type"], spec["name"]
    if kind == FieldType.ADDRESS and isinstance(value, dict):
        province, ward, street = address_keys(name)
        return {
            province: value.get("province"),
            ward: value.get("ward"),
            street: value.get("street"),
        }
    if kind == FieldType.GROUP and isinstance(value, list):
        found = {}
        for row, item in enumerate(value[: group_rows(spec)]):
            for sub in spec.get("fields", []):
                found[group_key(name, row, sub["name"])] = item.get(sub["name"])
        return found
    if kind == FieldType.FILE or value is None:
        return {}
    if kind == FieldType.DATE:
        # A stored answer (ISO) shows as the applicant types it: dd/mm/yyyy.
        value = dates.as_date(value) or value
    return {name: value}


class StepForm(forms.Form):
    """The form of one step. After `is_valid()`, `answers` holds the step's JSON answers."""

    error_css_class = "field-error"

    def __init__(
        self,
        *args,
        schema,
        step,
        earlier_answers=None,
        uploads=None,
        store_upload=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.schema, self.step = schema, step
        self.earlier = earlier_answers or {}
        self.uploads = {k: list(v) for k, v in (uploads or {}).items()}
        self.stored_now, self.replaced = [], []
        self.answers = {}
        self._store = store_upload
        for spec in input_fields(step):
            self._add(spec)

    # Building

    def _add(self, spec):
        kind, name = spec["type"], spec["name"]
        if kind == FieldType.ADDRESS:
            province, ward, street = address_keys(name)
            chosen = self._raw(province) or (self.initial.get(province) or "")
            self.fields[province] = forms.ChoiceField(
                label=_("Tỉnh, thành phố"),
                choices=[("", _("— Chọn tỉnh, thành phố —"))] + list(divisions.provinces().items()),
                widget=ListSelect,
                required=False,
                error_messages=_error_messages(spec),
            )
            self.fields[ward] = forms.ChoiceField(
                label=_("Xã, phường, đặc khu"),
                choices=[("", _("— Chọn xã, phường —"))] + list(divisions.wards(chosen).items()),
                widget=ListSelect,
                required=False,
                error_messages={
                    "invalid_choice": _("Xã, phường không thuộc tỉnh, thành phố đã chọn.")
                },
            )
            self.fields[street] = forms.CharField(
                label=_("Số nhà, đường, thôn, xóm"), required=False, max_length=255
            )
            self.fields[ward].widget.attrs["data-wards-of"] = self[province].auto_id
            return
        if kind == FieldType.GROUP:
            for row in range(group_rows(spec)):
                for sub in spec.get("fields", []):
                    field = build_field(sub)
                    field.label = f"{text(sub['label'])} ({_('dòng')} {row + 1})"
                    self.fields[group_key(name, row, sub["name"])] = field
            return
        self.fields[name] = build_field(spec)

    def _raw(self, key):
        if not self.is_bound:
            return ""
        return self.data.get(self.add_prefix(key)) or ""

    # Cleaning

    def _value(self, spec, cleaned):
        kind, name = spec["type"], spec["name"]
        if kind == FieldType.ADDRESS:
            province, ward, street = (cleaned.get(k) or "" for k in address_keys(name))
            if not (province or ward or street):
                return None
            return {"province": province, "ward": ward, "street": street.strip()}
        if kind == FieldType.GROUP:
            rows = []
            for row in range(group_rows(spec)):
                item = {
                    sub["name"]: to_json(cleaned.get(group_key(name, row, sub["name"])))
                    for sub in spec.get("fields", [])
                }
                if any(not is_empty(v) for v in item.values()):
                    rows.append((row, {k: v for k, v in item.items() if not is_empty(v)}))
            return rows
        if kind == FieldType.FILE:
            return None
        return to_json(cleaned.get(name))

    def _keys(self, spec):
        kind, name = spec["type"], spec["name"]
        if kind == FieldType.ADDRESS:
            return list(address_keys(name))
        if kind == FieldType.GROUP:
            return [
                group_key(name, row, sub["name"])
                for row in range(group_rows(spec))
                for sub in spec.get("fields", [])
            ]
        return [name]

    def clean(self):
        cleaned = super().clean()
        specs = input_fields(self.step)
        values = {spec["name"]: self._value(spec, cleaned) for spec in specs}
        context = {**self.earlier}
        for spec in specs:
            value = values[spec["name"]]
            if spec["type"] == FieldType.GROUP:
                value = [item for _row, item in value]
            context[spec["name"]] = value
        for spec in specs:
            name = spec["name"]
            if not is_shown(spec, context):
                for key in self._keys(spec):
                    self._errors.pop(key, None)
                continue
            required = is_required(spec, context)
            kind = spec["type"]
            if kind == FieldType.FILE:
                self._clean_files(spec, cleaned.get(name) or [], required)
                continue
            if kind == FieldType.ADDRESS:
                self._clean_address(spec, values[name], required)
                continue
            if kind == FieldType.GROUP:
                self._clean_group(spec, values[name], required)
                continue
            value = values[name]
            if is_empty(value):
                if required and name not in self._errors:
                    message = (
                        _("Vui lòng xác nhận cam kết để tiếp tục.")
                        if kind == FieldType.DECLARATION
                        else CHOOSE_MESSAGE
                        if kind
                        in (
                            FieldType.SELECT,
                            FieldType.RADIO,
                            FieldType.YES_NO,
                            FieldType.CHECKBOXES,
                        )
                        else REQUIRED_MESSAGE
                    )
                    self.add_error(name, message)
                continue
            if name not in self._errors:
                self.answers[name] = value
        return cleaned

    def _clean_address(self, spec, value, required):
        province_key, ward_key, street_key = address_keys(spec["name"])
        if any(key in self._errors for key in (province_key, ward_key, street_key)):
            return
        if value is None:
            if required:
                self.add_error(province_key, _("Vui lòng chọn tỉnh, thành phố."))
            return
        if not value["province"]:
            self.add_error(province_key, _("Vui lòng chọn tỉnh, thành phố."))
        elif not value["ward"]:
            self.add_error(ward_key, _("Vui lòng chọn xã, phường."))
        elif value["ward"] not in divisions.wards(value["province"]):
            self.add_error(ward_key, _("Xã, phường không thuộc tỉnh, thành phố đã chọn."))
        else:
            self.answers[spec["name"]] = value

    def _clean_group(self, spec, rows, required):
        name = spec["name"]
        keys = self._keys(spec)
        if any(key in self._errors for key in keys):
            return
        first = keys[0]
        subs = spec.get("fields", [])
        for row, item in rows:
            for sub in subs:
                if sub.get("required") and is_empty(item.get(sub["name"])):
                    self.add_error(
                        group_key(name, row, sub["name"]),
                        _("Vui lòng nhập thông tin này cho dòng đã điền."),
                    )
        minimum = int(spec.get("min_rows") or (1 if required else 0))
        if (rows and len(rows) < minimum) or (not rows and required):
            self.add_error(
                first, _("Cần nhập ít nhất %(count)d dòng.") % {"count": max(minimum, 1)}
            )
            return
        if any(key in self._errors for key in keys):
            return
        if rows:
            self.answers[name] = [item for _row, item in rows]

    def _clean_files(self, spec, new_files, required):
        name = spec["name"]
        if new_files:
            if not spec.get("multiple"):
                new_files = new_files[:1]
            if len(new_files) > MAX_FILES:
                self.add_error(name, _("Chỉ nhận tối đa %(count)d tệp.") % {"count": MAX_FILES})
                return
            stored = []
            try:
                for upload in new_files:
                    stored.append(self._store_one(spec, upload))
            except ValidationError as error:
                self.replaced.extend(stored)
                self.add_error(name, error)
                return
            self.replaced.extend(self.uploads.get(name, []))
            self.stored_now.extend(stored)
            self.uploads[name] = stored
        current = self.uploads.get(name, [])
        if not current:
            if required:
                self.add_error(name, _("Vui lòng đính kèm tệp."))
            return
        self.answers[name] = current

    def _store_one(self, spec, upload):
        extensions = allowed_extensions(spec)
        max_bytes = int(float(spec.get("max_size_mb") or 10) * 1024 * 1024)
        store = self._store or store_private_upload
        stored = store(upload, folder=UPLOAD_FOLDER, extensions=extensions, max_bytes=max_bytes)
        return {
            "storage_name": stored.storage_name,
            "original_name": stored.original_name,
            "content_type": stored.content_type,
            "size": stored.size,
            "sha256": stored.sha256,
        }

    # Showing

    def layout(self):
        """What the step template shows, in order: blocks, fields, addresses, groups."""
        items = []
        context = {**self.earlier, **self.answers}
        for spec in self.step.get("fields", []):
            kind = spec["type"]
            condition = spec.get("condition") or {}
            if condition.get("field") in self.earlier and not is_shown(spec, self.earlier):
                continue
            item = {
                "kind": kind,
                "spec": spec,
                "label": text(spec.get("label")),
                "help": text(spec.get("help")),
                "required": is_required(spec, context) if kind not in DISPLAY_TYPES else False,
                "condition": json.dumps(condition)
                if condition.get("field") in self._names()
                else "",
            }
            if kind == FieldType.ADDRESS:
                item["parts"] = [self[key] for key in address_keys(spec["name"])]
            elif kind == FieldType.GROUP:
                subs = spec.get("fields", [])
                item["columns"] = [text(sub["label"]) for sub in subs]
                item["rows"] = [
                    [self[group_key(spec["name"], row, sub["name"])] for sub in subs]
                    for row in range(group_rows(spec))
                ]
                item["shown_rows"] = self._rows_in_use(spec)
            elif kind in (FieldType.HEADING, FieldType.PARAGRAPH):
                pass
            else:
                item["field"] = self[spec["name"]]
                item["uploads"] = self.uploads.get(spec["name"], [])
            items.append(item)
        return items

    def _rows_in_use(self, spec):
        """Rows to show at first: the minimum, every row with something in it, and one more."""
        used = 0
        for row, bound in enumerate(
            [self[group_key(spec["name"], r, sub["name"])] for sub in spec.get("fields", [])]
            for r in range(group_rows(spec))
        ):
            if any(b.value() not in (None, "", []) for b in bound) or bound[0].errors:
                used = row + 1
        return max(int(spec.get("min_rows") or 1), used + 1 if used else 1)

    def _names(self):
        return {spec["name"] for spec in input_fields(self.step)}
