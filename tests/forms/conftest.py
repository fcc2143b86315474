"""Helpers of the form engine tests: small definitions and a wizard walker."""

import pytest

from tests.factories import (
    PDF,
    PNG,
    block,
    choices,
    field,
    make_definition,
    pdf,
    single_step,
    step,
    when,
)

from .factories import newsletter_procedure, printing_procedure


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


@pytest.fixture
def newsletter(db):
    """The newsletter licence procedure (level 4, fixed fee) and its published
    five-step online form, slug giay-phep-xuat-ban-ban-tin."""
    return newsletter_procedure()


@pytest.fixture
def printing(db):
    """The printing establishment registration (level 3) and its online form,
    slug dang-ky-co-so-in."""
    return printing_procedure()


__all__ = [
    "PDF",
    "PNG",
    "block",
    "choices",
    "field",
    "make_definition",
    "pdf",
    "single_step",
    "step",
    "when",
]
