"""Editors manage procedures and sectors in the admin, with revisions and moderation."""

import pytest
from wagtail.models import Page

from services.models import FeeRule, Procedure, Sector

from .conftest import shared_catalogue

pytestmark = pytest.mark.django_db

built_catalogue = shared_catalogue()


@pytest.fixture
def admin_client(client, admin_user):
    """Logged in as a superuser (pytest-django's `admin_user`, username "admin")."""
    client.force_login(admin_user)
    return client


def vi(code):
    return Procedure.objects.get(code=code, locale__language_code="vi")


def test_the_procedure_editor_shows_every_part(admin_client):
    procedure = vi("1.004227.000.00.00.H34")
    html = admin_client.get(f"/admin/pages/{procedure.pk}/edit/").content.decode()
    for label in [
        "Mã thủ tục",
        "Trình tự thực hiện",
        "Thành phần hồ sơ",
        "Phí, lệ phí",
        "Căn cứ pháp lý",
        "Trực tuyến",
        "Mẫu đơn, tờ khai",
        "Trường số lượng trên biểu mẫu",
    ]:
        assert label in html, label


def test_a_procedure_can_be_added_under_the_catalogue_only(admin_client, catalogue):
    response = admin_client.get(f"/admin/pages/add/services/procedure/{catalogue.pk}/")
    assert response.status_code == 200
    home = Page.objects.get(depth=2, locale__language_code="vi")
    response = admin_client.get(f"/admin/pages/add/services/procedure/{home.pk}/")
    assert response.status_code != 200


def test_a_draft_of_a_procedure_keeps_the_live_version():
    procedure = vi("1.005442.000.00.00.H34")
    procedure.title = "Cấp giấy phép bưu chính (dự thảo sửa đổi)"
    procedure.save_revision()
    procedure.refresh_from_db()
    assert procedure.title == "Cấp giấy phép bưu chính"
    assert procedure.has_unpublished_changes
    assert procedure.get_latest_revision_as_object().title.endswith("(dự thảo sửa đổi)")


def test_procedures_go_through_the_moderation_workflow():
    assert vi("1.005442.000.00.00.H34").get_workflow() is not None


def test_a_per_unit_fee_needs_a_unit():
    from django.core.exceptions import ValidationError

    rule = FeeRule(label="Phí", kind="theo_don_vi", amount=1000)
    with pytest.raises(ValidationError) as error:
        rule.clean()
    assert "unit_label" in error.value.message_dict


def test_two_procedures_cannot_share_a_code_in_one_language():
    from django.core.exceptions import ValidationError

    procedure = vi("1.005442.000.00.00.H34")
    procedure.code = "1.004227.000.00.00.H34"
    with pytest.raises(ValidationError) as error:
        procedure.clean()
    assert error.value.message_dict["code"] == ["Đã có thủ tục khác với mã này."]


def test_methods_are_stored_as_a_list():
    procedure = vi("1.004227.000.00.00.H34")
    procedure.methods = ["truc_tuyen"]
    procedure.save()
    assert vi("1.004227.000.00.00.H34").methods == ["truc_tuyen"]
    assert vi("1.004227.000.00.00.H34").method_labels() == ["Trực tuyến"]


def test_sectors_are_managed_as_snippets(admin_client):
    response = admin_client.get("/admin/snippets/services/sector/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Xuất bản, In và Phát hành" in html
    assert Sector.objects.count() >= 6


def test_an_editor_publishes_a_new_procedure_from_the_admin(admin_client, catalogue):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    unit = catalogue.get_children().first().specific.receiving_unit
    data = nested_form_data(
        {
            "title": "Cấp lại giấy phép hoạt động in",
            "slug": "cap-lai-giay-phep-hoat-dong-in",
            "code": "1.003726.000.00.00.H34",
            "sector": Sector.objects.get(code="xuat-ban").pk,
            "service_level": 2,
            "implementing_level": "tinh",
            "receiving_unit": unit.pk,
            "deciding_agency": "Giám đốc Sở",
            "applicants": "Cơ sở in có giấy phép bị mất, hư hỏng.",
            "processing_days": 7,
            "result": "Giấy phép hoạt động in (cấp lại).",
            "steps": inline_formset([{"title": "Nộp hồ sơ", "description": ""}]),
            "dossier_components": inline_formset(
                [{"name": "Đơn đề nghị cấp lại", "originals": 1, "copies": 0, "is_required": "on"}]
            ),
            "fee_rules": inline_formset(
                [{"label": "Phí", "kind": "theo_don_vi", "amount": 5000, "unit_label": "trang"}]
            ),
            "legal_basis_links": inline_formset([]),
            "action-publish": "publish",
        }
    )
    data["methods"] = ["truc_tiep", "buu_chinh"]  # two ticked checkboxes
    response = admin_client.post(f"/admin/pages/add/services/procedure/{catalogue.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    procedure = Procedure.objects.get(code="1.003726.000.00.00.H34")
    assert procedure.live
    assert procedure.methods == ["truc_tiep", "buu_chinh"]
    assert procedure.fee_rules.get().unit_label == "trang"
    assert procedure.search_text.startswith("cap lai giay phep hoat dong in")


def test_an_unsaved_draft_of_a_procedure_previews_with_its_dossier():
    procedure = vi("1.004227.000.00.00.H34")
    procedure.title = "Bản xem trước"
    procedure.dossier_components = [*procedure.dossier_components.all()][:1]
    response = procedure.make_preview_request()
    html = response.rendered_content
    assert response.status_code == 200
    assert "Bản xem trước" in html
    assert "Tờ khai đề nghị cấp giấy phép xuất bản bản tin" in html


def test_the_catalogue_previews(catalogue):
    assert catalogue.make_preview_request().status_code == 200


def test_editors_see_every_procedure_in_one_filterable_list(admin_client):
    response = admin_client.get("/admin/procedures/", {"service_level": 4})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cấp giấy phép xuất bản bản tin (địa phương)" in html
    assert "Cấp giấy phép bưu chính" not in html
    assert "1.004227.000.00.00.H34" in html
