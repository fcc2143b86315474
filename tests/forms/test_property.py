"""Random answers to generated definitions: the engine never fails with a server
error and never accepts an answer its field would refuse."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms import divisions, validators
from forms.blocks import compile_steps
from forms.dynamic import StepForm
from forms.schema import is_required

from .conftest import PDF, choices, field, single_step, when

OPTIONS = choices(("a", "A", ""), ("b", "B", ""), ("c", "C", ""))
TEXTS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "0912345678",
            "056190001234",
            "0100109106",
            "a@b.vn",
            "12",
            "2024-02-30",
            "01/02/2000",
            "a",
            "yes",
        ]
    ),
)


@st.composite
def field_specs(draw, index):
    kind = draw(
        st.sampled_from(
            [
                "text",
                "textarea",
                "number",
                "date",
                "email",
                "phone",
                "cccd",
                "tax_code",
                "select",
                "radio",
                "checkboxes",
                "yes_no",
                "declaration",
                "address",
                "file",
            ]
        )
    )
    options = {}
    if kind in ("text", "textarea"):
        options = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "min_length": st.integers(1, 5),
                    "max_length": st.integers(6, 12),
                    "pattern": st.just("[a-z]+"),
                },
            )
        )
    if kind == "number":
        options = {"min_value": draw(st.integers(-5, 5)), "max_value": draw(st.integers(6, 50))}
    if kind in ("select", "radio", "checkboxes"):
        options = {"choices": OPTIONS}
    if kind == "file":
        options = {"extensions": ["pdf"], "max_size_mb": 1}
    if kind == "group":
        options = {
            "min_rows": draw(st.integers(0, 2)),
            "max_rows": 3,
            "fields": [
                field("text", "ten", "Tên", max_length=5),
                field("number", "so", "Số", required=False, min_value=0, max_value=9),
            ],
        }
    if index and draw(st.booleans()):
        options["condition"] = when(
            "f0",
            *draw(st.lists(st.sampled_from(["a", "b", "yes", "x"]), min_size=1, max_size=2)),
            operator=draw(st.sampled_from(["equals", "in", "not_in"])),
            effect=draw(st.sampled_from(["show", "require"])),
        )
    return field(kind, f"f{index}", f"Trường {index}", required=draw(st.booleans()), **options)


@st.composite
def cases(draw):
    raw = [draw(field_specs(i)) for i in range(draw(st.integers(1, 5)))]
    schema = {"steps": compile_steps(single_step(*raw))}
    data, files = {}, {}
    for spec in schema["steps"][0]["fields"]:
        name = spec["name"]
        if spec["type"] == "address":
            data[f"{name}__province"] = draw(st.sampled_from(["", "56", "1", "999", "x"]))
            data[f"{name}__ward"] = draw(
                st.sampled_from(["", next(iter(divisions.wards("56"))), "1"])
            )
        elif spec["type"] == "file":
            content = draw(st.sampled_from([PDF, b"GIF89a", b""]))
            if draw(st.booleans()):
                files[name] = SimpleUploadedFile(draw(st.sampled_from(["a.pdf", "b.exe"])), content)
        elif spec["type"] == "group":
            for row in range(3):
                for sub in ("ten", "so"):
                    if draw(st.booleans()):
                        data[f"{name}__{row}__{sub}"] = draw(TEXTS)
        elif spec["type"] == "checkboxes":
            data[name] = draw(st.lists(st.sampled_from(["a", "b", "z"]), max_size=3))
        elif draw(st.booleans()):
            data[name] = draw(TEXTS)
    return schema, data, files


class FakeStored:
    def __init__(self, upload):
        self.storage_name, self.original_name = f"x/{upload.name}", upload.name
        self.content_type, self.size, self.sha256 = "application/pdf", upload.size, ""


def fake_store(upload, *, folder, **limits):
    from core.uploads import check_upload

    check_upload(upload, **limits)
    return FakeStored(upload)


def refused(check, value):
    try:
        check(value)
    except ValidationError:
        return True
    return False


def assert_acceptable(spec, value):
    kind = spec["type"]
    if kind == "phone":
        assert not refused(validators.clean_phone, value)
    elif kind == "cccd":
        assert not refused(validators.clean_cccd, value)
    elif kind == "tax_code":
        assert not refused(validators.clean_tax_code, value)
    elif kind == "number":
        assert spec["min_value"] <= Decimal(str(value)) <= spec["max_value"]
    elif kind in ("select", "radio"):
        assert value in {"a", "b", "c"}
    elif kind == "checkboxes":
        assert set(value) <= {"a", "b", "c"}
    elif kind == "address":
        assert value["ward"] in divisions.wards(value["province"])
    elif kind in ("text", "textarea"):
        assert spec.get("min_length", 0) <= len(value) <= spec.get("max_length", 10**6)
        if spec.get("pattern"):
            assert re.fullmatch(spec["pattern"], value)
    elif kind == "group":
        assert max(spec.get("min_rows") or 1, 1) <= len(value) <= 3
        for row in value:
            assert 0 < len(row["ten"]) <= 5
            assert 0 <= Decimal(str(row.get("so", 0))) <= 9
    elif kind == "file":
        assert all(item["original_name"].endswith(".pdf") for item in value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_random_answers_never_crash_and_invalid_answers_never_pass(case):
    schema, data, files = case
    step = schema["steps"][0]
    form = StepForm(data=data, files=files, schema=schema, step=step, store_upload=fake_store)
    if not form.is_valid():
        return
    context = dict(form.answers)
    for spec in step["fields"]:
        value = form.answers.get(spec["name"])
        if value is None:
            assert not is_required(spec, context), spec
            continue
        assert_acceptable(spec, value)
