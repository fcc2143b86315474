"""Publishing freezes a version; editing never changes what applicants fill."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from forms import operations
from forms.models import FormDefinition

from .conftest import field, make_definition, single_step, when

pytestmark = pytest.mark.django_db


def test_publishing_freezes_the_schema_and_editing_does_not_change_it():
    definition = make_definition(single_step(field("text", "ten", "Tên")))
    first = definition.live_version
    definition.steps = json.dumps(
        single_step(field("text", "ten", "Họ và tên")), ensure_ascii=False
    )
    definition.save()
    first.refresh_from_db()
    assert first.schema["steps"][0]["fields"][0]["label"]["vi"] == "Tên"
    second = operations.publish_definition(definition=definition)
    assert (first.number, second.number) == (1, 2)
    assert second.schema["steps"][0]["fields"][0]["label"]["vi"] == "Họ và tên"


def test_publishing_without_changes_makes_no_new_version():
    definition = make_definition(single_step(field("text", "ten", "Tên")))
    assert operations.publish_definition(definition=definition).number == 1
    assert definition.versions.count() == 1


def test_a_definition_with_duplicate_names_or_dangling_conditions_cannot_be_saved():
    definition = FormDefinition(slug="sai", title="Sai")
    definition.steps = json.dumps(
        single_step(
            field("text", "ten", "Tên"),
            field("text", "ten", "Tên nữa"),
            field("text", "khac", "Khác", condition=when("khong_co", "x")),
        )
    )
    with pytest.raises(ValidationError) as error:
        definition.full_clean()
    text = " ".join(error.value.message_dict["steps"])
    assert "“ten” bị trùng" in text
    assert "“khong_co” không có trong biểu mẫu" in text


def test_export_then_import_gives_back_the_same_form(tmp_path, newsletter):
    original = FormDefinition.objects.get(slug="giay-phep-xuat-ban-ban-tin")
    exported = operations.export_definition(original)
    path = tmp_path / "form.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    exported_again = json.loads(json.dumps(exported))
    exported_again["slug"] = "ban-sao"
    copy = operations.import_definition(exported_again, publish=True)
    assert copy.build_schema()["steps"] == original.build_schema()["steps"]
    assert copy.live_version.number == 1
    call_command("import_form", str(path), verbosity=0)
    assert FormDefinition.objects.filter(slug=original.slug).count() == 1


def test_the_export_command_writes_json(tmp_path, printing):
    target = tmp_path / "out.json"
    call_command("export_form", "dang-ky-co-so-in", output=str(target), verbosity=0)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["title"] == "Tờ khai đăng ký hoạt động cơ sở in"


def test_importing_something_else_is_refused_in_vietnamese():
    with pytest.raises(operations.FormsError) as error:
        operations.import_definition({"hello": 1})
    assert "không phải là biểu mẫu" in str(error.value.message)


def test_importing_a_form_with_errors_names_them(printing):
    data = operations.export_definition(FormDefinition.objects.get(slug="dang-ky-co-so-in"))
    data["slug"] = "loi"
    data["steps"][0]["value"]["fields"].append(data["steps"][0]["value"]["fields"][0])
    with pytest.raises(operations.FormsError) as error:
        operations.import_definition(data)
    assert "“ten_co_so” bị trùng" in str(error.value.message)
    assert not FormDefinition.objects.filter(slug="loi").exists()
