"""The form renderer writes plain inputs and text areas itself: the markup must be
Django's, character for character, whatever the attributes and values."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from core.rendering import INPUTS, TEXTAREA, FormRenderer
from core.rendering import WIDGETS as WIDGETS_DIR

WIDGETS = [
    forms.TextInput,
    forms.EmailInput,
    forms.NumberInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.HiddenInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.CheckboxInput,
    forms.FileInput,
    forms.Textarea,
]
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
names = st.from_regex(r"[a-z][a-z0-9_-]{0,12}", fullmatch=True)
attr_values = st.one_of(text, st.booleans(), st.integers(), text.map(mark_safe), st.just(None))


@settings(max_examples=300, deadline=None)
@given(
    widget=st.sampled_from(WIDGETS),
    name=names,
    value=st.one_of(st.none(), text, st.integers(), st.booleans()),
    attrs=st.dictionaries(names, attr_values, max_size=5),
)
def test_the_same_markup_as_djangos_templates(widget, name, value, attrs):
    instance = widget(attrs=attrs)
    ours = instance.render(name, value, renderer=FormRenderer())
    djangos = instance.render(name, value, renderer=DjangoTemplates())
    assert ours == djangos


def test_a_bound_field_of_a_portal_form_is_written_by_it(settings):
    class Lookup(forms.Form):
        ma = forms.CharField(label="Mã số hồ sơ", help_text="Ví dụ")
        ghi_chu = forms.CharField(widget=forms.Textarea, required=False)
        kind = forms.ChoiceField(choices=[("a", "Á"), ("b", "<B>")])

    form = Lookup({"ma": '000.01"><script>', "ghi_chu": "dòng 1\n<dòng 2>", "kind": "b"})
    assert form.renderer.__class__ is FormRenderer  # the setting
    html = str(form["ma"])
    assert 'value="000.01&quot;&gt;&lt;script&gt;"' in html
    assert 'aria-describedby="id_ma_helptext"' in html
    assert str(form["ghi_chu"]).endswith(">\ndòng 1\n&lt;dòng 2&gt;</textarea>")
    # Other widgets still go through Django's templates.
    assert '<option value="b" selected>&lt;B&gt;</option>' in str(form["kind"])
    assert (
        html
        == forms.BoundField(
            Lookup(form.data, renderer=DjangoTemplates()), form.fields["ma"], "ma"
        ).as_widget()
    )


def test_it_writes_only_what_djangos_templates_say():
    # Should Django change these templates, the renderer must change with them.
    from django.forms.renderers import get_default_renderer

    engine = DjangoTemplates().engine
    include = '{% include "django/forms/widgets/input.html" %}'
    for name in INPUTS - {f"{WIDGETS_DIR}input.html"}:
        assert engine.get_template(name).template.source.strip() == include, name
    assert engine.get_template(TEXTAREA).template.source == (
        '<textarea name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>\n'
        "{% if widget.value %}{{ widget.value }}{% endif %}</textarea>\n"
    )
    assert isinstance(get_default_renderer(), FormRenderer)
