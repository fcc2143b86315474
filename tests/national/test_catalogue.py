"""Inbound: procedures from the national catalogue (LayDanhSachTTHC, LayThuTuc), merged
with what editors added here, and the report of what changed."""

import copy
import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from national import catalogue
from national.catalogue_models import CatalogueImport
from national.tasks import sync_national_catalogue
from services.constants import FeeKind
from services.models import DossierComponent, FeeRule, Procedure, ProcedureStep, Sector
from tests.factories import (
    DIVISION,
    OFFICE,
    ProcedureFactory,
    ProcedureIndexPageFactory,
    SectorFactory,
    field,
    make_definition,
    single_step,
    unit,
)

pytestmark = pytest.mark.django_db

CODE = "1.004227.000.00.00.H34"
NEW_CODE = "1.009999.000.00.00.H34"
TITLE = "Cấp giấy phép hoạt động in xuất bản phẩm, tem chống giả — Đắk Lắk"


def national_record(code=CODE, **changes):
    """A record as LayThuTuc gives it (uppercase fields of the national catalogue)."""
    record = {
        "MATTHC": code,
        "TENTTHC": TITLE,
        "LINHVUCTHUCHIEN": [{"MALINHVUC": "G09-XB01", "TENLINHVUC": "Xuất bản, In và Phát hành"}],
        "CAPTHUCHIEN": "Cấp Tỉnh",
        "COQUANTHUCHIEN": [{"MADONVI": DIVISION, "TENDONVI": "Sở Khoa học và Công nghệ"}],
        "CACHTHUCTHUCHIEN": [
            {
                "KENH": "1",
                "THOIGIAN": [
                    {
                        "THOIGIANGIAIQUYET": "10",
                        "DONVITINH": "Ngày làm việc",
                        "MOTA": "kể từ ngày nhận đủ hồ sơ hợp lệ",
                        "PHILEPHI": [
                            {"SOTIEN": "500.000", "DONVI": "Đồng", "MOTA": "Phí thẩm định"}
                        ],
                    }
                ],
            },
            {
                "KENH": "2",
                "THOIGIAN": [
                    {
                        "THOIGIANGIAIQUYET": "8",
                        "DONVITINH": "Ngày làm việc",
                        "PHILEPHI": [
                            {"SOTIEN": "250000", "DONVI": "Đồng", "MOTA": "Phí thẩm định"}
                        ],
                    }
                ],
            },
        ],
        "THANHPHANHOSO": [
            {
                "TRUONGHOP": "",
                "GIAYTO": [
                    {
                        "MAGIAYTO": "GT1",
                        "TENGIAYTO": "Đơn đề nghị cấp giấy phép hoạt động in",
                        "SOBANCHINH": "1",
                        "SOBANSAO": "0",
                        "TENMAUDON": "",
                        "URL": "",
                    },
                    {
                        "MAGIAYTO": "GT2",
                        "TENGIAYTO": "Bản sao giấy chứng nhận đăng ký doanh nghiệp",
                        "SOBANCHINH": 0,
                        "SOBANSAO": 1,
                    },
                ],
            }
        ],
        "TRINHTUTHUCHIEN": [
            {
                "TRUONGHOP": "",
                "TRINHTU": [
                    {"TENTRINHTU": "Nộp hồ sơ"},
                    {"TENTRINHTU": "Thẩm định hồ sơ\nPhòng chuyên môn thẩm định trong 5 ngày."},
                    {"TENTRINHTU": "Trả kết quả"},
                ],
            }
        ],
        "YEUCAU": "Có thiết bị in phù hợp; có mặt bằng sản xuất hợp pháp.",
        "MOTADOITUONGTHUCHIEN": "Doanh nghiệp, đơn vị sự nghiệp công lập",
        "KETQUATHUCHIEN": [{"MAKETQUA": "KQ1", "TENKETQUA": "Giấy phép hoạt động in"}],
        "CANCUPHAPLY": [
            {"SOVANBAN": "60/2014/NĐ-CP", "TENVANBAN": "Nghị định quy định về hoạt động in"}
        ],
    }
    record.update(changes)
    return record


@pytest.fixture(autouse=True)
def catalogue_page():
    return ProcedureIndexPageFactory()


@pytest.fixture
def folder(settings, tmp_path):
    """The folder transport: records as files in NATIONAL_FOLDER/catalogue/."""
    settings.NATIONAL_TRANSPORT = "folder"
    settings.NATIONAL_FOLDER = tmp_path
    (tmp_path / "catalogue").mkdir()

    def put(name, content):
        path = tmp_path / "catalogue" / name
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        return path

    return put


def existing_procedure(**fields):
    """Our procedure as editors keep it: an online form, level 4, their own notes, a
    document and a step they added, and a step typed before the national sync existed."""
    form = make_definition(
        single_step(field("number", "so_trang", "Số trang", "Pages")), slug="to-khai-in"
    )
    values = {
        "code": CODE,
        "title": "Cấp giấy phép hoạt động in (tên cũ)",
        "service_level": 4,
        "online_form": form,
        "receiving_unit": unit(OFFICE),
        "methods_note": "Nộp tại Trung tâm Phục vụ hành chính công tỉnh, giờ hành chính.",
        "keywords": "giấy phép in",
        "processing_days": 15,
        "steps": [("Nộp hồ sơ", "Tổ chức nộp hồ sơ tại Bộ phận một cửa.")],
    }
    values.update(fields)
    procedure = ProcedureFactory(**values)
    procedure.dossier_components = [
        DossierComponent(name="Đơn đề nghị cấp giấy phép hoạt động in", sort_order=0),
        DossierComponent(
            name="Sơ đồ mặt bằng xưởng in (bổ sung của Sở)", note="Bản vẽ A3", sort_order=1
        ),
    ]
    procedure.fee_rules = [
        FeeRule(
            label="Phí thẩm định",
            kind=FeeKind.PER_UNIT,
            amount=100_000,
            unit_label="trang",
            quantity_field="so_trang",
            sort_order=0,
        )
    ]
    procedure.save_revision().publish()
    return Procedure.objects.get(pk=procedure.pk)


def line_of(run, code):
    return next(line for line in run.procedures() if line["code"] == code)


# --- Creating and updating


def test_a_new_procedure_is_created_from_a_national_record(fake_portal):
    publishing = SectorFactory()  # ours, under the code the agency chose
    fake_portal.catalogue[NEW_CODE] = national_record(NEW_CODE)
    run = catalogue.sync_catalogue(codes=[NEW_CODE])
    assert run.error == ""
    assert (run.created, run.updated, run.unchanged, run.refused) == (1, 0, 0, 0)
    assert run.source == "http"
    procedure = Procedure.objects.get(code=NEW_CODE)
    assert procedure.live
    assert procedure.title == TITLE
    assert procedure.sector == publishing  # the same sector, found by its name
    assert procedure.receiving_unit.identifier_code == DIVISION
    assert procedure.implementing_level == "tinh"
    assert procedure.methods == ["truc_tiep", "truc_tuyen"]
    # The online channel's time limit and fees: the channel this portal serves.
    assert procedure.processing_days == 8
    assert [(f.label, f.amount) for f in procedure.fee_rules.all()] == [("Phí thẩm định", 250_000)]
    assert [(s.title, s.description) for s in procedure.steps.all()] == [
        ("Nộp hồ sơ", ""),
        ("Thẩm định hồ sơ", "Phòng chuyên môn thẩm định trong 5 ngày."),
        ("Trả kết quả", ""),
    ]
    components = list(procedure.dossier_components.all())
    assert [(c.name, c.originals, c.copies) for c in components] == [
        ("Đơn đề nghị cấp giấy phép hoạt động in", 1, 0),
        ("Bản sao giấy chứng nhận đăng ký doanh nghiệp", 0, 1),
    ]
    assert all(c.from_national for c in components)
    assert all(s.from_national for s in procedure.steps.all())
    assert procedure.result == "Giấy phép hoạt động in"
    assert procedure.requirements.startswith("Có thiết bị in")
    assert procedure.service_level == 1  # the editors choose it
    # The decree is not published on the portal: a warning, and kept as text.
    assert "60/2014/NĐ-CP Nghị định quy định về hoạt động in" in procedure.legal_basis
    line = line_of(run, NEW_CODE)
    assert line["outcome"] == "created"
    assert any("60/2014/NĐ-CP" in warning for warning in line["warnings"])


def test_an_update_changes_the_national_fields_and_keeps_the_editors_additions(fake_portal):
    procedure = existing_procedure()
    procedure.retention_months = 120
    procedure.save_revision().publish()
    form = procedure.online_form
    fake_portal.catalogue[CODE] = national_record()
    run = catalogue.sync_catalogue()
    assert (run.created, run.updated, run.unchanged, run.refused) == (0, 1, 0, 0)

    procedure = Procedure.objects.get(pk=procedure.pk)
    # What the national catalogue owns.
    assert procedure.title == TITLE
    assert procedure.processing_days == 8
    assert procedure.receiving_unit.identifier_code == DIVISION
    assert procedure.requirements.startswith("Có thiết bị in")
    # What editors added here.
    assert procedure.online_form == form
    assert procedure.service_level == 4
    assert procedure.methods_note.startswith("Nộp tại Trung tâm")
    assert procedure.keywords == "giấy phép in"
    assert procedure.retention_months == 120  # the agency's list of records sets it
    components = [(c.name, c.from_national) for c in procedure.dossier_components.all()]
    assert components == [
        ("Đơn đề nghị cấp giấy phép hoạt động in", True),  # taken over, not doubled
        ("Bản sao giấy chứng nhận đăng ký doanh nghiệp", True),
        ("Sơ đồ mặt bằng xưởng in (bổ sung của Sở)", False),
    ]
    assert procedure.dossier_components.all()[2].note == "Bản vẽ A3"
    assert [s.title for s in procedure.steps.all()] == [
        "Nộp hồ sơ",
        "Thẩm định hồ sơ",
        "Trả kết quả",
    ]
    # The national amount, with the editors' wiring of the fee to the online form.
    [fee] = procedure.fee_rules.all()
    assert (fee.amount, fee.kind, fee.quantity_field) == (250_000, FeeKind.PER_UNIT, "so_trang")


def test_the_report_names_each_changed_field_old_and_new(fake_portal):
    existing_procedure()
    fake_portal.catalogue[CODE] = national_record()
    run = catalogue.sync_catalogue()
    changes = {change["field"]: change for change in line_of(run, CODE)["changes"]}
    assert changes["TenTTHC"]["old"] == "Cấp giấy phép hoạt động in (tên cũ)"
    assert changes["TenTTHC"]["new"].startswith("Cấp giấy phép hoạt động in xuất bản phẩm")
    assert (changes["ThoiHanGiaiQuyet"]["old"], changes["ThoiHanGiaiQuyet"]["new"]) == ("15", "8")
    assert "Phí thẩm định 100.000" in changes["PhiLePhi"]["old"]
    assert "Phí thẩm định 250.000" in changes["PhiLePhi"]["new"]
    assert "(thêm tại cổng)" in changes["ThanhPhanHoSo"]["new"]
    assert {"MucDo", "GhiChuCachThuc", "TuKhoa"}.isdisjoint(changes)
    # Stored and read back as it was written, diacritics included.
    stored = CatalogueImport.objects.get(pk=run.pk)
    assert line_of(stored, CODE)["changes"] == line_of(run, CODE)["changes"]


def test_a_second_run_with_nothing_new_leaves_the_procedure_unchanged(fake_portal):
    procedure = existing_procedure()
    fake_portal.catalogue[CODE] = national_record()
    catalogue.sync_catalogue()
    revisions = Revision.page_revisions.filter(object_id=str(procedure.pk)).count()
    run = catalogue.sync_catalogue()
    assert (run.updated, run.unchanged) == (0, 1)
    assert line_of(run, CODE)["outcome"] == "unchanged"
    assert Revision.page_revisions.filter(object_id=str(procedure.pk)).count() == revisions


def test_a_national_document_dropped_later_goes_and_the_editors_one_stays(fake_portal):
    existing_procedure()
    fake_portal.catalogue[CODE] = national_record()
    catalogue.sync_catalogue()
    record = national_record()
    record["THANHPHANHOSO"][0]["GIAYTO"] = record["THANHPHANHOSO"][0]["GIAYTO"][:1]
    fake_portal.catalogue[CODE] = record
    catalogue.sync_catalogue()
    names = [c.name for c in Procedure.objects.get(code=CODE).dossier_components.all()]
    assert names == [
        "Đơn đề nghị cấp giấy phép hoạt động in",
        "Sơ đồ mặt bằng xưởng in (bổ sung của Sở)",
    ]


def test_only_our_procedures_and_the_codes_asked_for_are_fetched(fake_portal):
    existing_procedure()
    fake_portal.catalogue[CODE] = national_record()
    fake_portal.catalogue[NEW_CODE] = national_record(NEW_CODE)
    run = catalogue.sync_catalogue()
    assert [line["code"] for line in run.procedures()] == [CODE]
    assert not Procedure.objects.filter(code=NEW_CODE).exists()


def test_a_procedure_of_ours_missing_from_the_national_list_is_left_with_a_warning(fake_portal):
    procedure = existing_procedure()
    run = catalogue.sync_catalogue()
    assert run.procedures() == []
    assert [CODE in warning for warning in run.report["warnings"]] == [True]
    assert Procedure.objects.get(pk=procedure.pk).title == procedure.title


def test_an_unknown_sector_is_created_with_the_procedure(folder):
    sector = [{"MALINHVUC": "1.G09.TV", "TENLINHVUC": "Thư viện"}]
    folder("thu-vien.json", national_record(NEW_CODE, LINHVUCTHUCHIEN=sector))
    run = catalogue.sync_catalogue(codes=[NEW_CODE])
    assert run.created == 1
    assert run.source == "folder"
    created = Sector.objects.get(name="Thư viện")
    assert created.code == "1-G09-TV"  # usable in the catalogue's addresses
    assert Procedure.objects.get(code=NEW_CODE).sector == created


def test_the_receiving_unit_is_ours_or_the_current_one_or_the_default(folder, settings):
    existing_procedure()
    outside = [{"MADONVI": "000.00.00.G12", "TENDONVI": "Bộ Văn hóa, Thể thao và Du lịch"}]
    folder(
        "ca-hai.json",
        [
            national_record(COQUANTHUCHIEN=outside),
            national_record(NEW_CODE, COQUANTHUCHIEN=outside),
        ],
    )
    run = catalogue.sync_catalogue(codes=[NEW_CODE])
    assert Procedure.objects.get(code=CODE).receiving_unit.identifier_code == OFFICE
    assert line_of(run, NEW_CODE)["outcome"] == "refused"
    assert "NATIONAL_CATALOGUE_UNIT" in line_of(run, NEW_CODE)["reasons"][0]

    settings.NATIONAL_CATALOGUE_UNIT = DIVISION
    run = catalogue.sync_catalogue(codes=[NEW_CODE])
    assert line_of(run, NEW_CODE)["outcome"] == "created"
    assert Procedure.objects.get(code=NEW_CODE).receiving_unit.identifier_code == DIVISION


# --- Refusals and failures


def test_records_that_cannot_be_used_are_refused_and_the_others_imported(tmp_path):
    SectorFactory()  # the good record's sector, found by its name
    sectors, procedures = Sector.objects.count(), Procedure.objects.count()
    no_result = national_record("1.000001.000.00.00.H34", KETQUATHUCHIEN=[])
    no_result["LINHVUCTHUCHIEN"] = [{"MALINHVUC": "MOI", "TENLINHVUC": "Lĩnh vực mới"}]
    path = tmp_path / "danh-muc.json"
    path.write_text(
        json.dumps(
            [
                national_record("", TENTTHC="Thủ tục không mã"),
                national_record("1.000002.000.00.00.H34", TENTTHC="  "),
                no_result,
                national_record(NEW_CODE),
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    run = catalogue.import_file(path)
    assert run.source == "file:danh-muc.json"
    assert (run.created, run.refused) == (1, 3)
    reasons = {line["code"]: line["reasons"] for line in run.procedures("refused")}
    assert reasons[""] == ["Thiếu mã thủ tục (MATTHC)."]
    assert reasons["1.000002.000.00.00.H34"] == ["Thiếu tên thủ tục (TENTTHC)."]
    assert reasons["1.000001.000.00.00.H34"] == [
        "KetQuaThucHien (KETQUATHUCHIEN): không được để trống."
    ]
    # Nothing of the refused records: no procedure, not even their new sector.
    assert Procedure.objects.count() == procedures + 1
    assert Sector.objects.count() == sectors
    assert not Sector.objects.filter(code="MOI").exists()


def test_a_code_the_national_catalogue_does_not_have_is_refused(fake_portal):
    run = catalogue.sync_catalogue(codes=[NEW_CODE])
    assert line_of(run, NEW_CODE)["reasons"] == [f"CSDL quốc gia không có thủ tục mã {NEW_CODE}."]


def test_an_unreachable_national_portal_writes_nothing_and_says_why(fake_portal):
    procedure = existing_procedure()
    fake_portal.catalogue[CODE] = national_record()
    fake_portal.fail_next(1, status=503)
    run = catalogue.sync_catalogue()
    assert "Không lấy được danh sách thủ tục từ Cổng quốc gia" in run.error
    assert "HTTP 503" in run.error
    assert run.finished_at is not None
    assert Procedure.objects.get(pk=procedure.pk).title == procedure.title


def test_an_unreadable_file_is_recorded_with_the_reason(tmp_path):
    path = tmp_path / "hong.json"
    path.write_text("{không phải json", encoding="utf-8")
    run = catalogue.import_file(path)
    assert run.error.startswith("Không đọc được tệp JSON")
    assert run.created == 0


# --- Files, text, command, task


def test_a_csv_export_with_json_in_the_list_cells_is_read(tmp_path):
    record = national_record(NEW_CODE)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(record))
    writer.writeheader()
    writer.writerow(
        {
            key: json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
            for key, value in record.items()
        }
    )
    path = tmp_path / "danh-muc.csv"
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
    run = catalogue.import_file(path)
    assert run.created == 1
    procedure = Procedure.objects.get(code=NEW_CODE)
    assert procedure.title == TITLE
    assert procedure.dossier_components.count() == 2


def test_vietnamese_text_round_trips_with_its_diacritics(fake_portal, folder, settings):
    text = "Ủy ban nhân dân xã Ea Tiêu; hộ kinh doanh cá thể — “đặc biệt” ữ ỗ ẵ"
    record = national_record(NEW_CODE, MOTADOITUONGTHUCHIEN=text)
    folder("mot.json", record)
    catalogue.sync_catalogue(codes=[NEW_CODE])  # the folder transport
    assert Procedure.objects.get(code=NEW_CODE).applicants == text

    settings.NATIONAL_TRANSPORT = "http"  # the fake national portal
    fake_portal.catalogue[CODE] = national_record(MOTADOITUONGTHUCHIEN=text)
    run = catalogue.sync_catalogue(codes=[CODE])  # HTTP JSON
    procedure = Procedure.objects.get(code=CODE)
    assert (procedure.title, procedure.applicants) == (TITLE, text)
    assert CatalogueImport.objects.get(pk=run.pk).procedures()[0]["title"] == TITLE


def test_the_translation_reads_several_cases_and_hours():
    record = national_record(
        THANHPHANHOSO=[
            {
                "TRUONGHOP": "Cấp mới",
                "GIAYTO": [{"TENGIAYTO": "Đơn đề nghị"}, {"TENGIAYTO": "Hồ sơ A"}],
            },
            {"TRUONGHOP": "Cấp lại", "GIAYTO": [{"TENGIAYTO": "Đơn đề nghị"}]},
        ],
        CACHTHUCTHUCHIEN=[
            {"KENH": "1", "THOIGIAN": [{"THOIGIANGIAIQUYET": "4", "DONVITINH": "Giờ"}]}
        ],
    )
    context = catalogue.Context.load(default_unit=OFFICE)
    clean, notes = catalogue.translate(record, context)
    assert clean["ThoiHanGiaiQuyet"] == 1
    assert clean["CachThucThucHien"] == ["truc_tiep"]
    assert clean["PhiLePhi"] == []
    assert [(c["TenGiayTo"], c["BatBuoc"]) for c in clean["ThanhPhanHoSo"]] == [
        ("Đơn đề nghị", True),
        ("Hồ sơ A", False),
    ]
    assert clean["ThanhPhanHoSo"][1]["GhiChu"] == "Trường hợp: Cấp mới"
    assert "Thời hạn 4 giờ được tính là 1 ngày làm việc." in notes
    assert "MucDo" not in clean and "GhiChuCachThuc" not in clean


def test_the_command_prints_the_report(fake_portal):
    existing_procedure()
    fake_portal.catalogue[CODE] = national_record()
    fake_portal.catalogue[NEW_CODE] = national_record(NEW_CODE, TENTTHC="Thủ tục mới về in")
    out = io.StringIO()
    call_command("sync_national_catalogue", "--code", NEW_CODE, stdout=out)
    text = out.getvalue()
    assert f"Tạo mới: {NEW_CODE} Thủ tục mới về in" in text
    assert f"Cập nhật: {CODE} {TITLE}" in text
    assert (
        "  - tên thủ tục (TenTTHC): “Cấp giấy phép hoạt động in (tên cũ)” → “Cấp giấy phép" in text
    )
    assert "Lưu ý: VanBanPhapLy: không có văn bản số “60/2014/NĐ-CP” trên cổng" in text
    assert "Kết quả: 1 tạo mới, 1 cập nhật, 0 không đổi, 0 không nhập." in text


def test_the_command_reads_a_file_and_reports_refusals(tmp_path):
    path = tmp_path / "mot.json"
    path.write_text(json.dumps(national_record(NEW_CODE, TENTTHC="")), encoding="utf-8")
    out = io.StringIO()
    call_command("sync_national_catalogue", "--file", str(path), stdout=out)
    assert f"Không nhập: {NEW_CODE}" in out.getvalue()
    assert "  - Lý do: Thiếu tên thủ tục (TENTTHC)." in out.getvalue()


def test_the_command_fails_clearly_when_the_connection_is_off(settings):
    settings.NATIONAL_TRANSPORT = ""
    with pytest.raises(CommandError, match="Chưa bật kết nối Cổng Dịch vụ công quốc gia"):
        call_command("sync_national_catalogue", stdout=io.StringIO())


def test_the_command_fails_when_the_run_fails(fake_portal):
    fake_portal.fail_next(1, status=503)
    with pytest.raises(CommandError, match="Không nhập được: Không lấy được danh sách"):
        call_command("sync_national_catalogue", stdout=io.StringIO())


def test_the_task_runs_the_update_and_does_nothing_while_the_connection_is_off(
    fake_portal, settings
):
    existing_procedure()
    fake_portal.catalogue[CODE] = national_record()
    run = CatalogueImport.objects.get(pk=sync_national_catalogue())
    assert run.updated == 1
    settings.NATIONAL_TRANSPORT = ""
    assert sync_national_catalogue() is None


def test_the_plain_import_still_replaces_every_row():
    from services.operations import import_procedures

    procedure = existing_procedure()
    record = {
        "MaTTHC": CODE,
        "TenTTHC": "Tên từ tệp",
        "MaLinhVuc": procedure.sector.code,
        "MucDo": 2,
        "MaDonViTiepNhan": OFFICE,
        "CoQuanCoThamQuyen": "Sở",
        "DoiTuongThucHien": "Tổ chức",
        "ThoiHanGiaiQuyet": 5,
        "KetQuaThucHien": "Giấy phép",
        "ThanhPhanHoSo": [{"TenGiayTo": "Đơn"}],
        "CachThucThucHien": ["truc_tiep"],
    }
    result = import_procedures(rows=[(1, copy.deepcopy(record))])
    assert [p.code for p in result.updated] == [CODE]
    procedure = Procedure.objects.get(pk=procedure.pk)
    assert [c.name for c in procedure.dossier_components.all()] == ["Đơn"]
    assert procedure.service_level == 2
    assert not ProcedureStep.objects.filter(page=procedure).exists()


# --- The admin's reports (the viewset registered on a URL configuration of the test's own)

urlpatterns = []


@pytest.fixture
def admin_reports(settings, client, django_user_model):
    from django.urls import clear_url_caches, include, path

    from national.catalogue_admin import CatalogueImportViewSet
    from portal import urls as portal_urls

    viewset = CatalogueImportViewSet("nhap-danh-muc-quoc-gia")
    viewset.on_register()
    urlpatterns[:] = [
        path(
            "admin/nhap-danh-muc-quoc-gia/",
            include((viewset.get_urlpatterns(), viewset.name), namespace=viewset.name),
        ),
        *portal_urls.urlpatterns,
    ]
    settings.ROOT_URLCONF = __name__
    clear_url_caches()
    client.force_login(django_user_model.objects.create_superuser("qt", "qt@example.gov.vn", "x"))
    yield viewset
    clear_url_caches()


def test_the_admin_lists_the_runs_and_shows_a_report(fake_portal, admin_reports, client):
    existing_procedure()
    fake_portal.catalogue[CODE] = national_record()
    run = catalogue.sync_catalogue(codes=[NEW_CODE])
    listing = client.get("/admin/nhap-danh-muc-quoc-gia/")
    assert listing.status_code == 200
    html = client.get(f"/admin/nhap-danh-muc-quoc-gia/inspect/{run.pk}/").content.decode()
    assert "1 cập nhật, 0 không đổi, 1 không nhập." in html
    assert "tên thủ tục (TenTTHC): “Cấp giấy phép hoạt động in (tên cũ)”" in html
    assert f"CSDL quốc gia không có thủ tục mã {NEW_CODE}." in html
    assert client.get("/admin/nhap-danh-muc-quoc-gia/new/").status_code in (302, 403, 404)
