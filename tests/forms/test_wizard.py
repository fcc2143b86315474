"""The applicant's journey through the newsletter licence form, with the test client."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forms import divisions
from forms.models import Draft
from tracking.links import application_for_token
from tracking.models import Application

from .conftest import PNG, Walker, pdf
from .factories import NEWSLETTER_SLUG

# Every test walks the newsletter licence form of its procedure (tests/forms/factories.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter")]

SLUG = NEWSLETTER_SLUG
WARD = next(iter(divisions.wards("56")))

ORGANISATION = {
    "ten_to_chuc": "Công ty TNHH Truyền thông Biển Xanh",
    "ma_so_thue": "0100109106",
    "dia_chi_tru_so__province": "56",
    "dia_chi_tru_so__ward": WARD,
    "dia_chi_tru_so__street": "12 Trần Phú",
    "dien_thoai": "0912345678",
    "thu_dien_tu": "lienhe@bienxanh.vn",
}
RESPONSIBLE = {
    "ho_ten": "Nguyễn Thị Hương",
    "so_cccd": "056190001234",
    "ngay_sinh": "1990-05-02",
    "chuc_vu": "Giám đốc",
    "co_the_nha_bao": "no",
}
NEWSLETTER = {
    "ten_ban_tin": "Bản tin Biển Xanh",
    "muc_dich": "Thông tin hoạt động nội bộ của công ty tới người lao động.",
    "noi_dung": "Tin hoạt động, chính sách, gương người tốt việc tốt.",
    "ky_han": "hang_thang",
    "kho": "19 x 27 cm",
    "so_trang": "16",
    "so_luong": "500",
    "ngon_ngu": ["vi"],
    "pham_vi": "noi_bo",
}
BOARD = {"ban_bien_tap__0__ho_ten": "Trần Văn Bình", "ban_bien_tap__0__chuc_danh": "Trưởng ban"}


@pytest.fixture
def walker(client):
    return Walker(client, SLUG)


def fill_until_documents(walker):
    for step, data in [
        ("co-quan-to-chuc", ORGANISATION),
        ("nguoi-chiu-trach-nhiem", RESPONSIBLE),
        ("thong-tin-ban-tin", NEWSLETTER),
        ("ban-bien-tap", BOARD),
    ]:
        response = walker.post(step, data)
        assert response.status_code == 302, (step, response.content.decode()[:3000])


def fill_documents(walker):
    response = walker.post(
        "tai-lieu-dinh-kem",
        {
            "quyet_dinh_thanh_lap": pdf("quyet-dinh.pdf"),
            "mau_trinh_bay": [pdf("mau-1.pdf"), pdf("mau-2.pdf")],
            "cam_ket": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/xem-lai/")


def test_the_start_url_opens_the_first_step_with_progress(client):
    response = client.get(f"/bieu-mau/{SLUG}/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/bieu-mau/{SLUG}/co-quan-to-chuc/"
    assert "Bước 1/6" in html
    assert "Tên cơ quan, tổ chức" in html
    assert 'aria-current="step"' in html


def test_a_failed_step_shows_errors_next_to_fields_and_in_a_summary(walker):
    data = dict(ORGANISATION, dien_thoai="123", ma_so_thue="0100109107")
    response = walker.post("co-quan-to-chuc", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vui lòng sửa các lỗi sau" in html
    assert html.count("Số điện thoại không hợp lệ") == 2
    assert "sai chữ số kiểm tra" in html
    assert 'value="Công ty TNHH Truyền thông Biển Xanh"' in html


def test_back_and_next_keep_the_answers(walker):
    fill_until_documents(walker)
    html = walker.client.get(walker.url("co-quan-to-chuc")).content.decode()
    assert 'value="Công ty TNHH Truyền thông Biển Xanh"' in html
    assert f'<option value="{WARD}" selected>' in html
    html = walker.client.get(walker.url("ban-bien-tap")).content.decode()
    assert 'value="Trần Văn Bình"' in html


def test_a_step_failing_on_another_field_keeps_the_uploads(walker):
    fill_until_documents(walker)
    response = walker.post("tai-lieu-dinh-kem", {"quyet_dinh_thanh_lap": pdf("quyet-dinh.pdf")})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vui lòng xác nhận cam kết" in html
    assert "quyet-dinh.pdf" in html
    response = walker.post("tai-lieu-dinh-kem", {"mau_trinh_bay": pdf("mau.pdf"), "cam_ket": "on"})
    assert response.status_code == 302


def test_an_upload_refused_for_its_content_keeps_the_other_answers(walker):
    fill_until_documents(walker)
    fake = pdf("gia-mao.pdf", content=PNG)
    response = walker.post(
        "tai-lieu-dinh-kem",
        {"quyet_dinh_thanh_lap": fake, "mau_trinh_bay": pdf("mau.pdf"), "cam_ket": "on"},
    )
    html = response.content.decode()
    assert "không khớp với định dạng PDF" in html
    assert "mau.pdf" in html
    assert 'name="tai-lieu-dinh-kem-cam_ket" id="id_tai-lieu-dinh-kem-cam_ket" checked' in html
    html = walker.client.get(walker.url("co-quan-to-chuc")).content.decode()
    assert 'value="Công ty TNHH Truyền thông Biển Xanh"' in html


def test_a_conditional_field_appears_when_needed(walker):
    walker.post("co-quan-to-chuc", ORGANISATION)
    response = walker.post("nguoi-chiu-trach-nhiem", dict(RESPONSIBLE, co_the_nha_bao="yes"))
    assert "Số thẻ nhà báo" in response.content.decode()
    assert response.context["wizard"]["form"].errors == {
        "so_the_nha_bao": ["Vui lòng nhập thông tin này."]
    }


def test_the_review_page_lists_the_answers_with_change_links(walker):
    fill_until_documents(walker)
    fill_documents(walker)
    html = walker.client.get(walker.url("xem-lai")).content.decode()
    assert "Xem lại thông tin trước khi nộp" in html
    assert "Bản tin Biển Xanh" in html
    assert "Hằng tháng" in html
    assert f"12 Trần Phú, {divisions.wards('56')[WARD]}, Khánh Hòa" in html
    assert "mau-1.pdf, mau-2.pdf" in html
    assert f'href="/bieu-mau/{SLUG}/thong-tin-ban-tin/"' in html


def test_submitting_creates_one_application_with_its_dossier_code_even_on_double_post(walker):
    fill_until_documents(walker)
    fill_documents(walker)
    assert walker.post("xem-lai").status_code == 200  # the declaration is required
    first = walker.post("xem-lai", {"declaration": "on", "privacy_consent": "on"})
    second = walker.post("xem-lai", {"declaration": "on", "privacy_consent": "on"})
    assert Application.objects.filter(form_version__definition__slug=SLUG).count() == 1
    application = Application.objects.get(form_version__definition__slug=SLUG)
    assert first.status_code == second.status_code == 302
    # Both answers lead to the same application's signed page (tokens carry a timestamp).
    tokens = [r["Location"].rstrip("/").rsplit("/", 1)[-1] for r in (first, second)]
    assert [application_for_token(t) for t in tokens] == [application, application]
    page = walker.client.get(first["Location"]).content.decode()
    assert application.dossier_code in page
    assert "Đã nộp hồ sơ thành công" in page
    assert application.applicant_name == "Nguyễn Thị Hương"
    assert application.applicant_organisation == "Công ty TNHH Truyền thông Biển Xanh"
    assert application.answers["so_trang"] == 16
    assert sorted(f.original_name for f in application.files.all()) == [
        "mau-1.pdf",
        "mau-2.pdf",
        "quyet-dinh.pdf",
    ]
    assert Draft.objects.get(submission_reference=str(application.pk)).is_submitted


def test_the_tracking_page_shows_the_answers_in_the_order_of_the_form(walker):
    fill_until_documents(walker)
    fill_documents(walker)
    response = walker.post("xem-lai", {"declaration": "on", "privacy_consent": "on"})
    html = walker.client.get(response["Location"]).content.decode()
    assert html.index("Tên cơ quan, tổ chức") < html.index("Tên bản tin")


def test_the_done_url_never_submits_on_get(walker, client):
    fill_until_documents(walker)
    fill_documents(walker)
    response = client.get(f"/bieu-mau/{SLUG}/hoan-tat/")
    assert response.status_code == 302
    assert not Application.objects.filter(form_version__definition__slug=SLUG).exists()


def test_a_step_page_runs_few_queries(walker, django_assert_max_num_queries):
    fill_until_documents(walker)
    walker.client.get(walker.url("thong-tin-ban-tin"))  # fills what any first page fills
    # The form's definition, the session, the draft and the form's version; the site,
    # its menu and identity come from the cache.
    with django_assert_max_num_queries(4):
        response = walker.client.get(walker.url("thong-tin-ban-tin"))
    assert response.status_code == 200


def test_the_review_page_runs_few_queries(walker, django_assert_max_num_queries):
    fill_until_documents(walker)
    fill_documents(walker)
    walker.client.get(walker.url("xem-lai"))
    # As a step: the fee rules and the files listed come with the form's version and
    # the draft.
    with django_assert_max_num_queries(4):
        response = walker.client.get(walker.url("xem-lai"))
    assert response.status_code == 200


def test_a_form_in_maintenance_says_so():
    from forms.models import FormDefinition

    FormDefinition.objects.filter(slug=SLUG).update(
        in_maintenance=True, maintenance_message="Đang nâng cấp hệ thống đến 17 giờ."
    )
    from django.test import Client

    response = Client().get(f"/bieu-mau/{SLUG}/")
    assert response.status_code == 503
    assert "Đang nâng cấp hệ thống đến 17 giờ." in response.content.decode()


def test_the_wizard_speaks_english_under_en(client):
    response = client.get(f"/en/bieu-mau/{SLUG}/", follow=True)
    assert "Application for a licence to publish a newsletter" in response.content.decode()


def test_the_wards_of_a_province_are_served_for_the_address_list(client):
    data = client.get("/bieu-mau/dia-gioi/56/").json()
    assert "Phường Nha Trang" in {name for _code, name in data["wards"]}
    assert client.get("/bieu-mau/dia-gioi/999/").status_code == 404


def test_the_application_keeps_the_address_of_the_organisation(walker):
    fill_until_documents(walker)
    fill_documents(walker)
    walker.post("xem-lai", {"declaration": "on", "privacy_consent": "on"})
    application = Application.objects.get(form_version__definition__slug=SLUG)
    assert application.applicant_address.startswith("12 Trần Phú, ")
    assert application.applicant_address.endswith(", Khánh Hòa")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"opens_at": timedelta(days=2)}, "Biểu mẫu sẽ mở nhận hồ sơ từ"),
        ({"closes_at": timedelta(days=-1)}, "Biểu mẫu đã ngừng nhận hồ sơ."),
        ({"max_submissions": 0}, "Biểu mẫu đã nhận đủ số hồ sơ tối đa."),
    ],
)
def test_the_schedule_and_the_cap_close_the_form(client, changes, message):
    from forms.models import FormDefinition

    now = timezone.now()
    values = {k: now + v if isinstance(v, timedelta) else v for k, v in changes.items()}
    FormDefinition.objects.filter(slug=SLUG).update(**values)
    html = client.get(f"/bieu-mau/{SLUG}/").content.decode()
    assert message in html
    assert "Bước 1/" not in html
