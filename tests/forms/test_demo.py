"""The demo's online forms: real-looking, linked to their procedures, loaded once."""

import pytest
from django.core.management import call_command

from forms.models import FormDefinition
from forms.schema import all_input_fields, steps
from services.demo import ONLINE_FORM_SLUGS
from services.models import Procedure

pytestmark = [pytest.mark.demo, pytest.mark.django_db]


@pytest.mark.parametrize("slug", sorted(set(ONLINE_FORM_SLUGS.values())))
def test_each_demo_form_has_steps_conditions_a_group_and_uploads(slug):
    schema = FormDefinition.objects.get(slug=slug).live_version.schema
    fields = all_input_fields(schema)
    kinds = {f["type"] for f in fields}
    assert len(steps(schema)) >= 4
    assert {"group", "file", "declaration", "address"} <= kinds
    assert any(f.get("condition") for f in fields) or any(s.get("condition") for s in steps(schema))
    assert all(f["label"]["en"] for f in fields)


def test_every_online_procedure_is_linked_to_its_form_in_both_languages():
    for code, slug in ONLINE_FORM_SLUGS.items():
        for procedure in Procedure.objects.filter(code=code):
            assert procedure.online_form.slug == slug
            assert procedure.online_application_url().endswith(f"/bieu-mau/{slug}/")


def test_loading_the_demo_again_keeps_an_editors_change_to_a_form():
    FormDefinition.objects.filter(slug="dang-ky-co-so-in").update(title="Tên do biên tập viên sửa")
    call_command("load_demo", verbosity=0)
    assert FormDefinition.objects.get(slug="dang-ky-co-so-in").title == "Tên do biên tập viên sửa"
    assert FormDefinition.objects.get(slug="dang-ky-co-so-in").versions.count() == 1
