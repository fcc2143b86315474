"""Editors build, preview, publish, export and import forms in the Wagtail admin."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.test.utils.form_data import nested_form_data, streamfield

from forms import operations
from forms.models import FormDefinition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter")]


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def newsletter():
    return FormDefinition.objects.get(slug="giay-phep-xuat-ban-ban-tin")


def test_the_forms_are_listed_and_editable_in_the_admin(admin_client):
    html = admin_client.get("/admin/snippets/forms/formdefinition/").content.decode()
    assert "Tờ khai đề nghị cấp giấy phép xuất bản bản tin" in html
    response = admin_client.get(f"/admin/snippets/forms/formdefinition/edit/{newsletter().pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lưu và xuất bản phiên bản mới" in html
    assert "ten_to_chuc" in html


def simple_form_data(label="Họ và tên", **extra):
    step_value = {
        "key": "thong-tin",
        "title": "Thông tin người nộp",
        "title_en": "",
        "description": "",
        "description_en": "",
        "condition": {"field": "", "operator": "equals", "values": ""},
        "fields": streamfield(
            [
                (
                    "text",
                    {
                        "name": "ho_ten",
                        "label": label,
                        "label_en": "Full name",
                        "help": "",
                        "help_en": "",
                        "required": "on",
                        "prefill": "full_name",
                        "default": "",
                        "condition": {
                            "field": "",
                            "operator": "equals",
                            "values": "",
                            "effect": "show",
                        },
                        "min_length": "",
                        "max_length": "100",
                        "pattern": "",
                        "pattern_message": "",
                        "pattern_message_en": "",
                    },
                )
            ]
        ),
    }
    data = nested_form_data(
        {
            "title": "Đơn đề nghị thử nghiệm",
            "title_en": "",
            "slug": "don-thu-nghiem",
            "intro": "",
            "intro_en": "",
            "maintenance_message": "",
            "steps": streamfield([("step", step_value)]),
            **extra,
        }
    )
    return data


def test_an_editor_creates_a_form_without_code(admin_client):
    data = simple_form_data()
    response = admin_client.post("/admin/snippets/forms/formdefinition/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    definition = FormDefinition.objects.get(slug="don-thu-nghiem")
    field = definition.build_schema()["steps"][0]["fields"][0]
    assert (field["name"], field["label"]["vi"], field["max_length"]) == (
        "ho_ten",
        "Họ và tên",
        100,
    )
    response = admin_client.post(f"/admin/bieu-mau/{definition.pk}/xuat-ban/")
    assert response.status_code == 302
    assert definition.versions.get().number == 1
    assert admin_client.get("/bieu-mau/don-thu-nghiem/", follow=True).status_code == 200


def test_the_admin_preview_shows_every_step():
    definition = newsletter()
    definition.title = "Bản nháp chưa lưu"
    response = definition.make_preview_request()
    html = response.rendered_content
    assert "Bản nháp chưa lưu" in html
    assert "Thành viên ban biên tập" in html
    assert "Mẫu trình bày tên gọi của bản tin" in html


def test_publishing_from_the_admin_without_changes_says_so(admin_client):
    response = admin_client.post(f"/admin/bieu-mau/{newsletter().pk}/xuat-ban/", follow=True)
    assert "Không có thay đổi so với phiên bản 1." in response.content.decode()


def test_export_and_import_through_the_admin(admin_client):
    response = admin_client.get(f"/admin/bieu-mau/{newsletter().pk}/xuat-json/")
    data = json.loads(response.content)
    assert data["format"] == operations.EXPORT_FORMAT
    data["slug"] = "ban-tin-nhap-lai"
    upload = SimpleUploadedFile("bieu-mau.json", json.dumps(data).encode())
    response = admin_client.post("/admin/bieu-mau/nhap-json/", {"file": upload, "publish": "on"})
    assert response.status_code == 302
    assert FormDefinition.objects.get(slug="ban-tin-nhap-lai").live_version.number == 1


def test_a_broken_import_file_is_explained(admin_client):
    upload = SimpleUploadedFile("hong.json", b"{not json")
    response = admin_client.post("/admin/bieu-mau/nhap-json/", {"file": upload})
    assert "Tệp không phải JSON hợp lệ." in response.content.decode()


def test_the_admin_offers_json_import_and_export_buttons(admin_client):
    html = admin_client.get("/admin/snippets/forms/formdefinition/").content.decode()
    assert "/admin/bieu-mau/nhap-json/" in html
    html = admin_client.get(
        f"/admin/snippets/forms/formdefinition/edit/{newsletter().pk}/"
    ).content.decode()
    assert f"/admin/bieu-mau/{newsletter().pk}/xuat-json/" in html


def test_editors_can_search_the_forms(admin_client, printing):
    response = admin_client.get("/admin/snippets/forms/formdefinition/", {"q": "bản tin"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tờ khai đề nghị cấp giấy phép xuất bản bản tin" in html
    assert "Tờ khai đăng ký hoạt động cơ sở in" not in html


def test_save_and_publish_freezes_the_form_as_edited(admin_client):
    admin_client.post("/admin/snippets/forms/formdefinition/add/", simple_form_data())
    definition = FormDefinition.objects.get(slug="don-thu-nghiem")
    data = simple_form_data(label="Họ, chữ đệm và tên", **{"forms-publish": "1"})
    response = admin_client.post(
        f"/admin/snippets/forms/formdefinition/edit/{definition.pk}/", data, follow=True
    )
    assert "Đã xuất bản phiên bản 1" in response.content.decode()
    label = definition.versions.get().schema["steps"][0]["fields"][0]["label"]["vi"]
    assert label == "Họ, chữ đệm và tên"
