"""Each field type accepts what it should and explains in Vietnamese what it refuses."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forms import divisions
from forms.blocks import compile_steps
from forms.dynamic import StepForm

from .conftest import PDF, PNG, choices, field, single_step


def form_for(spec_raw, data=None, files=None, **kwargs):
    schema = {"steps": compile_steps(single_step(spec_raw))}
    return StepForm(data=data, files=files, schema=schema, step=schema["steps"][0], **kwargs)


def errors_of(spec_raw, data, files=None):
    form = form_for(spec_raw, data, files)
    assert not form.is_valid()
    return [e for errors in form.errors.values() for e in errors]


def answers_of(spec_raw, data, files=None, **kwargs):
    form = form_for(spec_raw, data, files, **kwargs)
    assert form.is_valid(), form.errors
    return form.answers


def test_a_required_short_text_must_be_given():
    assert errors_of(field("text", "ten", "Tên"), {}) == ["Vui lòng nhập thông tin này."]


def test_short_text_length_limits_are_explained():
    spec = field("text", "ten", "Tên", min_length=3, max_length=5)
    assert "ít nhất 3 ký tự" in errors_of(spec, {"ten": "ab"})[0]
    assert "Tối đa 5 ký tự" in errors_of(spec, {"ten": "abcdef"})[0]
    assert answers_of(spec, {"ten": "abcd"}) == {"ten": "abcd"}


def test_a_pattern_refuses_with_the_editors_message():
    spec = field(
        "text", "so_the", "Số thẻ", pattern="[A-Z]{2}[0-9]{4}", pattern_message="Sai mẫu thẻ."
    )
    assert errors_of(spec, {"so_the": "hn1234"}) == ["Sai mẫu thẻ."]
    assert answers_of(spec, {"so_the": "HN1234"}) == {"so_the": "HN1234"}


def test_long_text_keeps_line_breaks():
    assert answers_of(field("textarea", "mo_ta", "Mô tả"), {"mo_ta": "a\nb"}) == {"mo_ta": "a\nb"}


def test_number_range_and_non_numbers():
    spec = field("number", "so_trang", "Số trang", min_value=4, max_value=200)
    assert errors_of(spec, {"so_trang": "abc"}) == ["Vui lòng nhập một số."]
    assert errors_of(spec, {"so_trang": "2"}) == ["Giá trị phải lớn hơn hoặc bằng 4."]
    assert errors_of(spec, {"so_trang": "201"}) == ["Giá trị phải nhỏ hơn hoặc bằng 200."]
    assert answers_of(spec, {"so_trang": "16"}) == {"so_trang": 16}


def test_dates_in_iso_or_vietnamese_order():
    spec = field("date", "ngay_sinh", "Ngày sinh")
    assert answers_of(spec, {"ngay_sinh": "02/05/1990"}) == {"ngay_sinh": "1990-05-02"}
    assert answers_of(spec, {"ngay_sinh": "1990-05-02"}) == {"ngay_sinh": "1990-05-02"}
    assert "Ngày không hợp lệ" in errors_of(spec, {"ngay_sinh": "31/02/1990"})[0]


def test_email():
    spec = field("email", "thu", "Thư điện tử")
    assert errors_of(spec, {"thu": "khong-phai-thu"}) == ["Địa chỉ thư điện tử không hợp lệ."]
    assert answers_of(spec, {"thu": "a@b.vn"}) == {"thu": "a@b.vn"}


def test_phone_cccd_and_tax_code_fields_clean_their_values():
    assert answers_of(field("phone", "dt", "Điện thoại"), {"dt": "+84 912 345 678"}) == {
        "dt": "0912345678"
    }
    assert answers_of(field("cccd", "so", "CCCD"), {"so": "056190001234"}) == {"so": "056190001234"}
    assert answers_of(field("tax_code", "mst", "MST"), {"mst": "0100109106001"}) == {
        "mst": "0100109106-001"
    }
    assert "12 chữ số" in errors_of(field("cccd", "so", "CCCD"), {"so": "123"})[0]
    assert "chữ số kiểm tra" in errors_of(field("tax_code", "mst", "MST"), {"mst": "0100109107"})[0]


OPTIONS = choices(("a", "Phương án A", "A"), ("b", "Phương án B", "B"))


@pytest.mark.parametrize("kind", ["select", "radio"])
def test_single_choices_accept_only_their_options(kind):
    spec = field(kind, "chon", "Chọn", choices=OPTIONS)
    assert answers_of(spec, {"chon": "b"}) == {"chon": "b"}
    assert errors_of(spec, {"chon": "z"}) == ["Lựa chọn không hợp lệ."]
    assert errors_of(spec, {}) == ["Vui lòng chọn một phương án."]


def test_checkboxes_keep_every_choice():
    spec = field("checkboxes", "chon", "Chọn", choices=OPTIONS)
    assert answers_of(spec, {"chon": ["a", "b"]}) == {"chon": ["a", "b"]}
    assert errors_of(spec, {"chon": ["a", "z"]}) == ["Lựa chọn không hợp lệ."]


def test_yes_no():
    spec = field("yes_no", "co", "Có không?")
    assert answers_of(spec, {"co": "no"}) == {"co": "no"}
    assert errors_of(spec, {}) == ["Vui lòng chọn một phương án."]


def test_a_declaration_must_be_ticked():
    spec = field("declaration", "cam_ket", "Tôi cam kết")
    assert errors_of(spec, {}) == ["Vui lòng xác nhận cam kết để tiếp tục."]
    assert answers_of(spec, {"cam_ket": "on"}) == {"cam_ket": True}


def khanh_hoa_ward():
    return next(iter(divisions.wards("56")))


def test_an_address_has_a_province_and_one_of_its_wards():
    spec = field("address", "dia_chi", "Địa chỉ")
    ward = khanh_hoa_ward()
    data = {
        "dia_chi__province": "56",
        "dia_chi__ward": ward,
        "dia_chi__street": "04 Phan Chu Trinh",
    }
    assert answers_of(spec, data) == {
        "dia_chi": {"province": "56", "ward": ward, "street": "04 Phan Chu Trinh"}
    }
    assert errors_of(spec, {}) == ["Vui lòng chọn tỉnh, thành phố."]
    assert errors_of(spec, {"dia_chi__province": "56"}) == ["Vui lòng chọn xã, phường."]
    hanoi_ward = next(iter(divisions.wards("1")))
    assert errors_of(spec, {"dia_chi__province": "56", "dia_chi__ward": hanoi_ward}) == [
        "Xã, phường không thuộc tỉnh, thành phố đã chọn."
    ]


def test_the_address_lists_the_34_provinces_of_2025():
    assert len(divisions.provinces()) == 34
    assert divisions.provinces()["56"] == "Khánh Hòa"


GROUP = field(
    "group",
    "thanh_vien",
    "Thành viên",
    min_rows=2,
    max_rows=3,
    fields=[field("text", "ho_ten", "Họ tên"), field("number", "tuoi", "Tuổi", required=False)],
)


def test_a_repeating_group_keeps_its_filled_rows():
    data = {
        "thanh_vien__0__ho_ten": "An",
        "thanh_vien__2__ho_ten": "Bình",
        "thanh_vien__2__tuoi": "30",
    }
    assert answers_of(GROUP, data) == {
        "thanh_vien": [{"ho_ten": "An"}, {"ho_ten": "Bình", "tuoi": 30}]
    }


def test_a_repeating_group_needs_its_minimum_rows_and_complete_rows():
    assert errors_of(GROUP, {"thanh_vien__0__ho_ten": "An"}) == ["Cần nhập ít nhất 2 dòng."]
    assert errors_of(GROUP, {"thanh_vien__0__ho_ten": "An", "thanh_vien__1__tuoi": "3"}) == [
        "Vui lòng nhập thông tin này cho dòng đã điền."
    ]


class Stored:
    def __init__(self, upload):
        self.storage_name = f"forms/drafts/{upload.name}"
        self.original_name = upload.name
        self.content_type = "application/pdf"
        self.size = upload.size
        self.sha256 = "0" * 64


def test_a_file_is_stored_and_becomes_the_answer():
    spec = field("file", "giay_to", "Giấy tờ", extensions=["pdf"])
    upload = SimpleUploadedFile("giay-to.pdf", PDF)
    answers = answers_of(spec, {}, {"giay_to": upload})
    assert answers["giay_to"][0]["original_name"] == "giay-to.pdf"


def test_a_file_whose_content_is_not_its_type_is_refused():
    spec = field("file", "giay_to", "Giấy tờ", extensions=["pdf"])
    fake = SimpleUploadedFile("giay-to.pdf", PNG)
    assert errors_of(spec, {}, {"giay_to": fake}) == [
        "Nội dung tệp “giay-to.pdf” không khớp với định dạng PDF."
    ]


def test_a_file_too_large_or_of_a_wrong_type_is_refused():
    spec = field("file", "giay_to", "Giấy tờ", extensions=["pdf"], max_size_mb=1)
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (1024 * 1024))
    assert "vượt quá dung lượng tối đa 1 MB" in errors_of(spec, {}, {"giay_to": big})[0]
    image = SimpleUploadedFile("anh.png", PNG)
    assert "không đúng định dạng" in errors_of(spec, {}, {"giay_to": image})[0]


def test_the_browser_is_offered_the_types_the_server_takes():
    default = form_for(field("file", "giay_to", "Giấy tờ"))
    assert 'accept=".pdf,.jpg,.jpeg,.png,.docx"' in str(default["giay_to"])
    image = SimpleUploadedFile("anh.png", PNG)
    assert answers_of(field("file", "giay_to", "Giấy tờ"), {}, {"giay_to": image})
    own = form_for(field("file", "giay_to", "Giấy tờ", extensions=["pdf"]))
    assert 'accept=".pdf"' in str(own["giay_to"])


def test_a_required_file_already_uploaded_need_not_be_sent_again():
    spec = field("file", "giay_to", "Giấy tờ")
    kept = {"giay_to": [{"storage_name": "x.pdf", "original_name": "x.pdf"}]}
    assert answers_of(spec, {}, uploads=kept) == kept
    assert errors_of(spec, {}) == ["Vui lòng đính kèm tệp."]
