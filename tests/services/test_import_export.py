"""Import and export of the catalogue in the national catalogue's fields (JSON, CSV)."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from services import interchange
from services.models import Procedure, Sector
from services.operations import ProcedureImportRejected, import_procedures
from services.selectors import procedure_records

from .conftest import shared_catalogue
from .factories import POSTAL_LICENCE, POSTS

pytestmark = pytest.mark.django_db

# With the official templates: a dossier item names its template (MauDon) by title.
built_catalogue = shared_catalogue(templates=True)

POSTAL = POSTAL_LICENCE["code"]


def export(fmt, tmp_path):
    target = tmp_path / f"export.{fmt}"
    call_command("export_procedures", output=str(target))
    return target


def vi_procedure(code):
    return Procedure.objects.get(code=code, locale__language_code="vi")


def new_record(**changes):
    record = {
        "MaTTHC": "1.009999.000.00.00.H34",
        "TenTTHC": "Cấp giấy phép hoạt động của đài truyền thanh cơ sở",
        "MaLinhVuc": "vien-thong",
        "CapThucHien": "Cấp Tỉnh",
        "MucDo": 2,
        "MaDonViTiepNhan": POSTS,
        "CoQuanCoThamQuyen": "Giám đốc Sở",
        "DoiTuongThucHien": "Ủy ban nhân dân cấp xã",
        "CachThucThucHien": ["truc_tiep", "Trực tuyến"],
        "ThoiHanGiaiQuyet": "12",
        "ThanhPhanHoSo": [{"TenGiayTo": "Đơn đề nghị", "SoBanChinh": 1, "SoBanSao": 0}],
        "PhiLePhi": [{"MoTa": "Phí thẩm định", "CachTinh": "co_dinh", "SoTien": 300000}],
        "KetQuaThucHien": "Giấy phép.",
        "VanBanPhapLy": ["45/2020/NĐ-CP"],
    }
    record.update(changes)
    return record


def test_the_export_holds_the_national_fields_of_every_procedure(tmp_path):
    records = json.loads(export("json", tmp_path).read_text(encoding="utf-8"))
    assert len(records) == Procedure.objects.live().filter(locale__language_code="vi").count()
    postal = next(r for r in records if r["MaTTHC"] == POSTAL)
    assert postal["TenTTHC"] == "Cấp giấy phép bưu chính"
    assert postal["MucDo"] == 2
    assert postal["MaDonViTiepNhan"] == POSTS
    assert postal["PhiLePhi"][0]["SoTien"] == 10_000_000
    assert set(postal) == set(interchange.FIELDS)


def test_the_csv_export_has_one_row_per_procedure_under_the_national_headers(tmp_path):
    text = export("csv", tmp_path).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == interchange.FIELDS
    assert {row["MaTTHC"] for row in rows} >= {POSTAL}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_round_trips(tmp_path, fmt):
    before = procedure_records()
    exported = export(fmt, tmp_path)
    postal = vi_procedure(POSTAL)
    postal.title = "Tên đã bị sửa"
    postal.processing_days = 99
    postal.dossier_components = []
    postal.fee_rules = []
    postal.save_revision().publish()

    call_command("import_procedures", str(exported), stdout=io.StringIO())

    assert procedure_records() == before
    assert vi_procedure(POSTAL).title == "Cấp giấy phép bưu chính"


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_import_recreates_a_deleted_procedure(tmp_path, fmt):
    before = procedure_records()
    exported = export(fmt, tmp_path)
    vi_procedure(POSTAL).delete()
    out = io.StringIO()
    call_command("import_procedures", str(exported), stdout=out)
    assert "Tạo mới: 1.005442.000.00.00.H34 Cấp giấy phép bưu chính" in out.getvalue()
    assert procedure_records() == before
    assert vi_procedure(POSTAL).live


def test_an_import_creates_a_new_procedure_in_the_catalogue(client, site):
    result = import_procedures(rows=[(1, new_record())])
    procedure = result.created[0]
    assert procedure.get_parent().slug == "thu-tuc-hanh-chinh"
    assert procedure.methods == ["truc_tiep", "truc_tuyen"]
    assert procedure.processing_days == 12
    html = client.get(procedure.url).content.decode()
    assert "Cấp giấy phép hoạt động của đài truyền thanh cơ sở" in html
    assert "300.000 đồng" in html


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_procedures_retention_goes_with_the_catalogue_empty_meaning_the_default(tmp_path, fmt):
    postal = vi_procedure(POSTAL)
    postal.retention_months = 60
    postal.save_revision().publish()
    exported = export(fmt, tmp_path)
    postal = vi_procedure(POSTAL)
    postal.retention_months = None
    postal.save_revision().publish()
    call_command("import_procedures", str(exported), stdout=io.StringIO())
    assert vi_procedure(POSTAL).retention_months == 60
    # A new procedure's row may leave it empty (the portal's default) or say 0 (permanent).
    created = import_procedures(
        rows=[
            (1, new_record(ThoiHanLuuTru="")),
            (2, new_record(MaTTHC="1.009998.000.00.00.H34", ThoiHanLuuTru="0")),
        ]
    ).created
    assert [procedure.retention_months for procedure in created] == [None, 0]


def test_an_import_can_create_a_missing_sector():
    record = new_record(MaLinhVuc="phat-thanh", TenLinhVuc="Phát thanh, truyền hình")
    import_procedures(rows=[(1, record)])
    assert Sector.objects.get(code="phat-thanh").name == "Phát thanh, truyền hình"


def test_a_bad_row_is_rejected_with_its_row_and_field_and_nothing_is_written():
    good = new_record()
    bad = new_record(MaTTHC="1.009998.000.00.00.H34", MucDo=7)
    count = Procedure.objects.count()
    with pytest.raises(ProcedureImportRejected) as rejected:
        import_procedures(rows=[(2, good), (3, bad)])
    assert [str(e) for e in rejected.value.errors] == [
        "Dòng 3, trường MucDo: giá trị 7 nằm ngoài khoảng cho phép."
    ]
    assert Procedure.objects.count() == count


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"TenTTHC": ""}, "Dòng 1, trường TenTTHC: không được để trống."),
        (
            {"MaDonViTiepNhan": "000.99.12.H34"},
            "Dòng 1, trường MaDonViTiepNhan: không có đơn vị có mã định danh “000.99.12.H34”.",
        ),
        (
            {"MaLinhVuc": "khong-co"},
            "Dòng 1, trường MaLinhVuc: không có lĩnh vực mã “khong-co”; ghi thêm TenLinhVuc để tạo "
            "mới.",
        ),
        (
            {"ThoiHanGiaiQuyet": "mười"},
            "Dòng 1, trường ThoiHanGiaiQuyet: phải là số nguyên, nhận được “mười”.",
        ),
        (
            {"ThoiHanLuuTru": "5 năm"},
            "Dòng 1, trường ThoiHanLuuTru: phải là số nguyên, nhận được “5 năm”.",
        ),
        (
            {"ThoiHanLuuTru": 5000},
            "Dòng 1, trường ThoiHanLuuTru: giá trị 5000 nằm ngoài khoảng cho phép.",
        ),
        (
            {"CachThucThucHien": ["fax"]},
            "Dòng 1, trường CachThucThucHien: giá trị “fax” không hợp lệ.",
        ),
        (
            {"PhiLePhi": [{"MoTa": "Phí", "CachTinh": "theo_don_vi", "SoTien": 1000}]},
            "Dòng 1, trường PhiLePhi: khoản thu theo đơn vị cần có DonViTinh.",
        ),
        (
            {"VanBanPhapLy": ["99/2099/QH99"]},
            "Dòng 1, trường VanBanPhapLy: không có văn bản số “99/2099/QH99” trên cổng.",
        ),
        (
            {"ThanhPhanHoSo": [{"TenGiayTo": "Tờ khai", "MauDon": "Mẫu không có"}]},
            "Dòng 1, trường ThanhPhanHoSo: không tìm thấy mẫu “Mẫu không có” trong thư viện tài "
            "liệu; hãy tải tệp lên trước.",
        ),
    ],
)
def test_each_kind_of_bad_value_is_named_by_row_and_field(changes, message):
    with pytest.raises(ProcedureImportRejected) as rejected:
        import_procedures(rows=[(1, new_record(**changes))])
    assert message in [str(e) for e in rejected.value.errors]


def test_a_code_twice_in_one_file_is_rejected():
    with pytest.raises(ProcedureImportRejected) as rejected:
        import_procedures(rows=[(2, new_record()), (3, new_record())])
    assert "Dòng 3, trường MaTTHC: mã “1.009999.000.00.00.H34” trùng với dòng 2." in [
        str(e) for e in rejected.value.errors
    ]


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path):
    records = procedure_records()
    records[1]["MucDo"] = "năm"
    path = tmp_path / "bad.csv"
    path.write_bytes(interchange.dumps(records, "csv"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Không nhập: 1 lỗi"):
        call_command("import_procedures", str(path), stderr=err)
    assert "Dòng 3, trường MucDo: phải là số nguyên, nhận được “năm”." in err.getvalue()


def test_the_import_command_writes_nothing_when_a_row_is_bad(tmp_path):
    records = procedure_records()
    records[0]["TenTTHC"] = "Tên mới"
    records[-1]["MaDonViTiepNhan"] = "khong-ton-tai"
    path = tmp_path / "bad.json"
    path.write_bytes(interchange.dumps(records, "json"))
    with pytest.raises(CommandError):
        call_command("import_procedures", str(path), stderr=io.StringIO())
    assert vi_procedure(records[0]["MaTTHC"]).title != "Tên mới"


def test_an_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="Không đọc được tệp JSON"):
        call_command("import_procedures", str(path))


def test_the_command_help_documents_the_national_fields(capsys):
    with pytest.raises(SystemExit):
        call_command("import_procedures", "--help")
    help_text = capsys.readouterr().out
    for name in ["MaTTHC", "TenTTHC", "ThanhPhanHoSo", "PhiLePhi", "MaDonViTiepNhan"]:
        assert name in help_text


# --- From the admin


@pytest.fixture
def editor(client):
    """An editor who may publish pages (Wagtail's Moderators), as an import publishes."""
    user = User.objects.create_user("bientap", "bt@example.gov.vn", "Mat-khau-dai-2026")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return user


ADMIN_URL = "/admin/thu-tuc/nhap-xuat/"


def upload(client, name, data):
    return client.post(ADMIN_URL, {"file": SimpleUploadedFile(name, data)})


def test_the_import_page_is_in_the_admin_menu(client, editor):
    html = client.get("/admin/").content.decode()
    assert ADMIN_URL in html


def test_an_editor_imports_a_file_and_sees_what_was_created_and_updated(client, editor):
    records = [*procedure_records()[:2], new_record()]
    response = upload(client, "danh-muc.json", interchange.dumps(records, "json"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đã tạo mới 1 thủ tục, cập nhật 2 thủ tục." in html
    assert "Cấp giấy phép hoạt động của đài truyền thanh cơ sở" in html
    assert Procedure.objects.filter(code="1.009999.000.00.00.H34").exists()


def test_the_admin_lists_every_error_and_writes_nothing(client, editor):
    records = [new_record(), new_record(MaTTHC="1.009998.000.00.00.H34", ThoiHanGiaiQuyet="")]
    response = upload(client, "danh-muc.csv", interchange.dumps(records, "csv"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dòng 3, trường ThoiHanGiaiQuyet: không được để trống." in html
    assert "chưa có thay đổi nào được ghi" in html
    assert not Procedure.objects.filter(code="1.009999.000.00.00.H34").exists()


def test_the_admin_refuses_a_file_of_another_type(client, editor):
    response = upload(client, "danh-muc.xlsx", b"PK")
    assert "Chỉ nhận tệp .json hoặc .csv." in response.content.decode()


def test_the_admin_exports_the_catalogue_as_csv(client, editor):
    response = client.get("/admin/thu-tuc/xuat/csv/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="thu-tuc-hanh-chinh-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert POSTAL in {row["MaTTHC"] for row in rows}


def test_an_editor_who_cannot_publish_cannot_import(client):
    user = User.objects.create_user("khach", "k@example.gov.vn", "Mat-khau-dai-2026")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    assert client.get(ADMIN_URL).status_code in (302, 403)
    assert ADMIN_URL not in client.get("/admin/").content.decode()


def test_an_import_without_a_catalogue_page_is_refused():
    from services.models import ProcedureIndexPage

    ProcedureIndexPage.objects.filter(locale__language_code="vi").delete()
    with pytest.raises(ProcedureImportRejected) as rejected:
        import_procedures(rows=[(1, new_record())])
    assert [str(e) for e in rejected.value.errors] == [
        "Chưa có trang danh mục thủ tục hành chính để nhập vào."
    ]


def test_the_export_command_writes_csv_to_standard_output():
    out = io.StringIO()
    call_command("export_procedures", format="csv", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    assert POSTAL in {row["MaTTHC"] for row in rows}
