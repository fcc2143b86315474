"""Model fields of the catalogue."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst


class MultipleChoiceField(models.CharField):
    """A set of choices, stored as comma-separated values and edited as checkboxes."""

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, list | tuple):
            return list(value)
        return [item for item in str(value).split(",") if item]

    def get_prep_value(self, value):
        if isinstance(value, list | tuple):
            return ",".join(value)
        return value or ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        allowed = {str(key) for key, _label in self.flatchoices}
        for item in value:
            if item not in allowed:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.choices,
            "required": not self.blank,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for key in ("choices_form_class", "coerce", "empty_value", "max_length"):
            defaults.pop(key, None)
        return form_class(**defaults)
