"""Conditions are checked on the server: a hidden field is never required and
its stale answer is dropped; a hidden step is skipped."""

from forms.blocks import compile_steps
from forms.dynamic import StepForm
from forms.schema import resolve_answers, visible_steps

from .conftest import choices, field, single_step, step, when

KIND = field(
    "radio",
    "loai",
    "Loại hình",
    choices=choices(("dn", "Doanh nghiệp", ""), ("hkd", "Hộ kinh doanh", ""), ("khac", "Khác", "")),
)
OTHER = field("text", "loai_khac", "Loại khác", condition=when("loai", "khac"))
TAX = field(
    "tax_code",
    "mst",
    "Mã số thuế",
    required=False,
    condition=when("loai", "dn", "hkd", operator="in", effect="require"),
)
NOTE = field("text", "ghi_chu", "Ghi chú", condition=when("loai", "dn", operator="not_in"))


def step_form(data, *raw_fields, earlier=None):
    schema = {"steps": compile_steps(single_step(*raw_fields))}
    return StepForm(data=data, schema=schema, step=schema["steps"][0], earlier_answers=earlier)


def test_a_hidden_field_is_not_required():
    form = step_form({"loai": "dn"}, KIND, OTHER)
    assert form.is_valid(), form.errors
    assert form.answers == {"loai": "dn"}


def test_a_shown_field_is_required():
    form = step_form({"loai": "khac"}, KIND, OTHER)
    assert form.errors == {"loai_khac": ["Vui lòng nhập thông tin này."]}


def test_the_stale_answer_of_a_hidden_field_is_dropped_even_if_invalid():
    form = step_form({"loai": "dn", "loai_khac": "cũ", "ghi_chu": "x"}, KIND, OTHER, NOTE)
    assert form.is_valid()
    assert form.answers == {"loai": "dn"}


def test_a_require_condition_makes_an_optional_field_required():
    assert step_form({"loai": "hkd"}, KIND, TAX).errors == {"mst": ["Vui lòng nhập thông tin này."]}
    form = step_form({"loai": "khac", "loai_khac": "x"}, KIND, OTHER, TAX)
    assert form.is_valid()


def test_a_hidden_field_with_an_invalid_value_does_not_block_the_step():
    bad_tax = field("tax_code", "mst", "MST", condition=when("loai", "dn"))
    form = step_form({"loai": "hkd", "mst": "123"}, KIND, bad_tax)
    assert form.is_valid()
    assert "mst" not in form.answers


def test_conditions_read_answers_of_earlier_steps():
    form = step_form({}, OTHER, earlier={"loai": "khac"})
    assert form.errors == {"loai_khac": ["Vui lòng nhập thông tin này."]}
    assert step_form({}, OTHER, earlier={"loai": "dn"}).is_valid()


SCHEMA = {
    "steps": compile_steps(
        [
            step("mot", "Một", "", [KIND]),
            step("hai", "Hai", "", [field("text", "ten_dn", "Tên")], condition=when("loai", "dn")),
            step(
                "ba", "Ba", "", [field("text", "ten", "Tên người", condition=when("ten_dn", "X"))]
            ),
        ]
    )
}


def test_a_step_is_shown_only_when_its_condition_holds():
    assert visible_steps(SCHEMA, {"mot": {"loai": "dn"}}) == ["mot", "hai", "ba"]
    assert visible_steps(SCHEMA, {"mot": {"loai": "hkd"}}) == ["mot", "ba"]


def test_answers_of_a_step_that_became_hidden_are_dropped_with_what_depended_on_them():
    answers = {"mot": {"loai": "hkd"}, "hai": {"ten_dn": "X"}, "ba": {"ten": "An"}}
    assert resolve_answers(SCHEMA, answers) == {"loai": "hkd"}
    answers["mot"]["loai"] = "dn"
    assert resolve_answers(SCHEMA, answers) == {"loai": "dn", "ten_dn": "X", "ten": "An"}
