"""Helpers of the form engine tests: small definitions and a wizard walker."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forms.models import FormDefinition
from forms.operations import publish_definition

# Building blocks of a form's steps, as the admin's StreamField stores them.


def field(kind, name, label, label_en="", *, required=True, **options):
    return {
        "type": kind,
        "value": {
            "name": name,
            "label": label,
            "label_en": label_en,
            "required": required,
            **options,
        },
    }


def block(kind, text, text_en=""):
    return {"type": kind, "value": {"text": text, "text_en": text_en}}


def choices(*triples):
    return [{"value": v, "label": label, "label_en": label_en} for v, label, label_en in triples]


def when(name, *values, operator="equals", effect="show"):
    return {"field": name, "operator": operator, "values": ",".join(values), "effect": effect}


def step(key, title, title_en, fields, *, description="", condition=None):
    value = {
        "key": key,
        "title": title,
        "title_en": title_en,
        "description": description,
        "fields": fields,
    }
    if condition:
        value["condition"] = condition
    return {"type": "step", "value": value}


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name="giay-to.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_definition(steps, slug="thu-nghiem", publish=True, **extra):
    definition = FormDefinition(
        slug=slug, title="Biểu mẫu thử nghiệm", title_en="Test form", **extra
    )
    definition.steps = json.dumps(steps, ensure_ascii=False)
    definition.full_clean()
    definition.save()
    if publish:
        publish_definition(definition=definition)
    return definition


def single_step(*fields, key="buoc-1"):
    return [step(key, "Bước một", "Step one", list(fields))]


class Walker:
    """Fills a wizard the way a browser posts it."""

    def __init__(self, client, slug):
        self.client, self.slug = client, slug

    def url(self, step=None):
        return f"/bieu-mau/{self.slug}/" + (f"{step}/" if step else "")

    def post(self, step, data=None, **extra):
        payload = {f"bieu-mau-{self.slug}-current_step": step}
        for key, value in (data or {}).items():
            payload[f"{step}-{key}"] = value
        payload.update(extra)
        return self.client.post(self.url(step), payload)


@pytest.fixture
def walker_for(client):
    return lambda slug: Walker(client, slug)


__all__ = ["block", "choices", "field", "step", "when", "make_definition", "single_step", "pdf"]
