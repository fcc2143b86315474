"""Django's form renderer, with the plain inputs and text areas written in Python.

Every text, e-mail, number, date, hidden, checkbox or file input is rendered by
Django through three templates (`text.html`, `input.html`, `attrs.html`): on a
form step of a dozen fields that was a tenth of the page's time. The markup
written here is the same, character for character (tests compare it with the
templates'); every other widget, and the forms themselves, still go through the
templates.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
# The widgets whose template is nothing but `input.html`.
INPUTS = frozenset(
    f"{WIDGETS}{name}.html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "input",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)
TEXTAREA = f"{WIDGETS}textarea.html"


def _text(value):
    """`{{ value|stringformat:'s' }}`: the value as text, escaped unless already safe."""
    text = str(value)
    return mark_safe(text) if isinstance(value, SafeData) else conditional_escape(text)  # noqa: S308 (safe in, safe out, as the filter does)


def _attrs(attrs):
    """`attrs.html`: ` name="value"` each, a bare name for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_input(widget):
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return mark_safe(  # noqa: S308 (every part escaped above)
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>"
    )


def render_textarea(widget):
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return mark_safe(  # noqa: S308 (every part escaped above)
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in INPUTS:
            return render_input(context["widget"])
        if template_name == TEXTAREA:
            return render_textarea(context["widget"])
        return super().render(template_name, context, request)
