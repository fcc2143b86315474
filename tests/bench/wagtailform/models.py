"""A plain Wagtail `FormPage` (wagtail.contrib.forms), the yardstick of a form step."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField


class BenchFormField(AbstractFormField):
    page = ParentalKey("BenchFormPage", on_delete=models.CASCADE, related_name="form_fields")


class BenchFormPage(AbstractForm):
    template = "bench/form_page.html"
    landing_page_template = "bench/form_page.html"
