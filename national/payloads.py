"""The bodies of the requests to the national portal, in the guide's field names.

Each builder returns the request without the envelope's `session`, `madonvi`
and `service`, which the transport adds. Personal data goes only where the
guide asks for it (the applicant's name and contacts in `DongBoHoSoMC`, as the
national portal shows the application to its owner); answers and files stay
here: files are listed by name and type, never sent.
"""

from django.utils import timezone

from national.constants import (
    CHANNEL_ONLINE,
    CITIZEN,
    DATE_FORMAT,
    NATIONAL_STATE,
    ORGANISATION,
)
from tracking.constants import DeliveryMethod, FileKind


def when(value) -> str:
    """A date or datetime as the guide writes it (yyyyMMddHHmmss, Vietnam's time)."""
    if value is None:
        return ""
    if not hasattr(value, "hour"):  # a date: the end of the working day it names
        return value.strftime("%Y%m%d") + "170000"
    return timezone.localtime(value).strftime(DATE_FORMAT)


def state_code(state) -> str:
    return NATIONAL_STATE[state]


def _files(application, kind):
    return [
        {
            "TepDinhKemId": str(file.pk),
            "TenTepDinhKem": file.original_name,
            "TenGiayTo": file.label,
            "MaThanhPhanHoSo": file.field_name,
            "LoaiTep": file.content_type,
            "IsDeleted": False,
        }
        for file in application.files.all()
        if file.kind == kind
    ]


def application_record(application) -> dict:
    """`DongBoHoSoMC`: the application as it stands (created, or updated after a change)."""
    procedure = application.procedure
    sector = getattr(procedure, "sector", None)
    due = application.new_due_date or application.due_date
    fee_lines = application.fee_lines or []
    return {
        "MaHoSo": application.dossier_code,
        "MaTTHC": application.procedure_code,
        "TenTTHC": application.procedure_name,
        "MaLinhVuc": getattr(sector, "code", ""),
        "TenLinhVuc": getattr(sector, "name", ""),
        "KenhThucHien": CHANNEL_ONLINE,
        "ChuHoSo": application.applicant_organisation or application.applicant_name,
        "LoaiDoiTuong": ORGANISATION if application.applicant_organisation else CITIZEN,
        "MaDoiTuong": application.applicant_tax_code or application.applicant_id_number,
        "Email": application.applicant_email,
        "SoDienThoai": application.applicant_phone,
        "DiaChi": application.applicant_address,
        "TrichYeuHoSo": application.procedure_name,
        "NgayNopHoSo": when(application.submitted_at),
        "NgayTiepNhan": when(application.accepted_at),
        "NgayHenTra": when(due),
        "TrangThaiHoSo": state_code(application.state),
        "NgayKetThucXuLy": when(application.decided_at),
        "NgayTra": when(application.delivered_at),
        "HinhThuc": "1" if application.delivery_method == DeliveryMethod.POST else "0",
        "DonViXuLy": application.receiving_unit.name,
        "MaDonViXuLy": application.receiving_unit.identifier_code,
        "TaiLieuNop": _files(application, FileKind.UPLOAD)
        + _files(application, FileKind.SUPPLEMENT),
        "DanhSachLePhi": [
            {
                "TenPhiLePhi": line.get("label", ""),
                "Gia": line.get("amount", 0),
                "LoaiPhiLePhi": "1",
                "HinhThucThu": "2",
            }
            for line in fee_lines
        ],
        "DanhSachGiayToKetQua": [
            {"GiayToId": item["TepDinhKemId"], "TenGiayTo": item["TenGiayTo"]}
            for item in _files(application, FileKind.RESULT)
        ],
    }


def progress_line(event) -> dict:
    """`CapNhatTienDoHoSoMC`: one line of the timeline (who, when, what, which state)."""
    application = event.application
    return {
        "MaHoSo": application.dossier_code,
        "NguoiXuLy": event.actor_label or "",
        "ChucDanh": "",
        "ThoiDiemXuLy": when(event.at),
        "PhongBanXuLy": application.receiving_unit.name,
        "NoiDungXuLy": event.public_note or event.get_action_display(),
        "TrangThai": state_code(event.to_state or application.state),
        "NgayBatDau": when(application.accepted_at),
        "NgayKetThucTheoQuyDinh": when(application.new_due_date or application.due_date),
    }


def payment(event) -> dict:
    data = event.data or {}
    return {
        "MaHoSo": event.application.dossier_code,
        "SoTien": data.get("amount", 0),
        "MaGiaoDich": data.get("transaction_no", ""),
        "MaDonHang": data.get("order_ref", ""),
        "KenhThanhToan": data.get("provider", ""),
        "ThoiGianThanhToan": when(event.at),
    }


def postal(event) -> dict:
    application = event.application
    return {
        "MaHoSo": application.dossier_code,
        "LoaiGui": "2",  # 1 nhận hồ sơ, 2 trả kết quả qua bưu chính công ích
        "SoHieuBuuGui": (event.data or {}).get("postal_tracking_number", ""),
        "DiaChiNhan": application.postal_address,
        "NgayGui": when(event.at),
    }


def rating(rating) -> dict:
    return {
        "MaHoSo": rating.application.dossier_code,
        "MucDoHaiLong": rating.overall,
        "TiepCanDichVu": rating.online,
        "ThoiGianGiaiQuyet": rating.timeliness,
        "CongKhaiMinhBach": rating.transparency,
        "ThaiDoCanBo": rating.staff,
        "GopY": rating.comment,
        "NgayDanhGia": when(rating.created_at),
    }


def statistics(day, rows) -> dict:
    """One day's figures per procedure (received, resolved on time and late…)."""
    return {
        "NgayThongKe": day.strftime("%Y%m%d"),
        "data": [
            {
                "MaTTHC": row["procedure_code"],
                "TenTTHC": row["procedure_name"],
                "TiepNhan": row["received"],
                "TiepNhanTrucTuyen": row["received"],
                "DaGiaiQuyet": row["resolved"],
                "GiaiQuyetDungHan": row["on_time"],
                "GiaiQuyetTreHan": row["late"],
                "TuChoi": row["refused"],
                "RutHoSo": row["withdrawn"],
            }
            for row in rows
        ],
    }


def answered_question(question) -> dict:
    return {
        "MaCauHoi": str(question.pk),
        "TieuDe": question.title,
        "NoiDungHoi": question.body,
        "NoiDungTraLoi": question.answer,
        "DonViTraLoi": question.answered_by,
        "NgayTraLoi": when(question.answered_at),
    }
