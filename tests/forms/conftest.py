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
