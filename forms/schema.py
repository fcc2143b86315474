"""The frozen form schema: plain JSON that a `FormVersion` keeps, and the rules read from it.

A schema is a dict::

    {"slug", "title": {"vi", "en"}, "intro": {"vi", "en"},
     "steps": [{"key", "title", "description", "condition",
                "fields": [{"type", "name", "label", "help", "required", "condition",
                            ...type options...}]}]}

Conditions are ``{"field", "operator", "values", "effect"}``: the field or step is
shown (effect "show") or required (effect "require") only when the answer of
`field` equals / is one of / is not one of `values`. Everything here works on
the schema alone, so a version in use never changes under an applicant.
"""

from datetime import date

from django.utils.translation import get_language

from forms.constants import DISPLAY_TYPES, NO, YES, Effect, FieldType, Operator


def text(value, language=None) -> str:
    """The text of a {"vi", "en"} pair in the language asked for (Vietnamese as fallback)."""
    if not isinstance(value, dict):
        return value or ""
    language = (language or get_language() or "vi")[:2]
    return value.get(language) or value.get("vi") or ""


def steps(schema):
    return schema.get("steps", [])


def input_fields(step):
    """The fields of a step that take an answer (not headings or help text)."""
    return [f for f in step.get("fields", []) if f["type"] not in DISPLAY_TYPES]


def all_input_fields(schema):
    return [field for step in steps(schema) for field in input_fields(step)]


def field_by_name(schema, name):
    for field in all_input_fields(schema):
        if field["name"] == name:
            return field
    return None


def step_by_key(schema, key):
    for step in steps(schema):
        if step["key"] == key:
            return step
    return None


def _as_strings(value) -> set[str]:
    if value is None or value == "" or value == []:
        return set()
    if isinstance(value, bool):
        return {YES if value else NO}
    if isinstance(value, list):
        return {str(item) for item in value if not isinstance(item, dict)}
    if isinstance(value, dict):
        return set()
    return {str(value)}


def condition_holds(condition, answers) -> bool:
    """Whether `condition` is met by `answers` ({field name: value})."""
    if not condition or not condition.get("field"):
        return True
    given = _as_strings(answers.get(condition["field"]))
    values = {str(v) for v in condition.get("values", [])}
    operator = condition.get("operator", Operator.EQUALS)
    if operator == Operator.NOT_IN:
        return not given & values
    return bool(given & values)


def is_shown(item, answers) -> bool:
    condition = item.get("condition")
    if condition and condition.get("effect", Effect.SHOW) == Effect.SHOW:
        return condition_holds(condition, answers)
    return True


def is_required(field, answers) -> bool:
    """Required by the field itself, or by a "require" condition that holds; never when hidden."""
    if not is_shown(field, answers):
        return False
    condition = field.get("condition")
    if (
        condition
        and condition.get("effect") == Effect.REQUIRE
        and condition_holds(condition, answers)
    ):
        return True
    return bool(field.get("required"))


def visible_steps(schema, answers_by_step):
    """Keys of the steps shown for these answers, in order.

    A step's condition reads only answers of the visible steps before it, so a
    stale answer on a step that became hidden never switches anything on.
    """
    shown, seen = [], {}
    for step in steps(schema):
        if is_shown(step, seen):
            shown.append(step["key"])
            seen.update(resolve_step(step, answers_by_step.get(step["key"], {}), seen))
    return shown


def resolve_step(step, step_answers, earlier):
    """Answers of the visible fields of one step; hidden fields' answers are dropped."""
    context = {**earlier, **step_answers}
    return {
        field["name"]: step_answers[field["name"]]
        for field in input_fields(step)
        if field["name"] in step_answers and is_shown(field, context)
    }


def resolve_answers(schema, answers_by_step) -> dict:
    """The final answers: those of visible fields of visible steps, as one flat dict."""
    resolved = {}
    for step in steps(schema):
        if not is_shown(step, resolved):
            continue
        resolved.update(resolve_step(step, answers_by_step.get(step["key"], {}), resolved))
    return resolved


def format_value(field, value, language=None) -> str:
    """An answer as the applicant and the desk read it."""
    kind = field["type"]
    if value is None or value == "" or value == []:
        return ""
    if kind in (FieldType.SELECT, FieldType.RADIO, FieldType.CHECKBOXES):
        labels = {c["value"]: text(c["label"], language) for c in field.get("choices", [])}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, str(v)) for v in values)
    if kind in (FieldType.YES_NO, FieldType.DECLARATION):
        from django.utils.translation import gettext

        yes = value in (True, YES)
        if kind == FieldType.DECLARATION:
            return gettext("Đã cam kết") if yes else ""
        return gettext("Có") if yes else gettext("Không")
    if kind == FieldType.DATE:
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except (TypeError, ValueError):
            return str(value)
    if kind == FieldType.FILE:
        return ", ".join(item.get("original_name", "") for item in value)
    if kind == FieldType.ADDRESS:
        from forms.divisions import address_text

        return address_text(value)
    if kind == FieldType.GROUP:
        rows = []
        for row in value:
            parts = [
                f"{text(sub['label'], language)}: {format_value(sub, row.get(sub['name']), language)}"
                for sub in field.get("fields", [])
                if row.get(sub["name"]) not in (None, "", [])
            ]
            rows.append("; ".join(parts))
        return "\n".join(f"{n}. {row}" for n, row in enumerate(rows, start=1))
    return str(value)


def answer_rows(schema, answers, language=None):
    """(step title, label, value) rows of the answers, in the order of the form."""
    rows = []
    for step in steps(schema):
        for field in input_fields(step):
            if field["name"] in answers:
                value = format_value(field, answers[field["name"]], language)
                rows.append((text(step["title"], language), text(field["label"], language), value))
    return rows


def uploaded_files(schema, answers):
    """(field, stored file metadata) of every file in the answers."""
    for field in all_input_fields(schema):
        if field["type"] == FieldType.FILE:
            for item in answers.get(field["name"]) or []:
                yield field, item


def prefilled_answers(schema, answers):
    """Answers of the fields that carry a prefill source, by source: who the applicant is."""
    found = {}
    for field in all_input_fields(schema):
        source = field.get("prefill")
        value = answers.get(field["name"])
        if source and value not in (None, "", []) and source not in found:
            found[source] = (
                format_value(field, value, "vi") if not isinstance(value, str) else value
            )
    return found
