"""What the National Public Service Portal's connection guide names and codes.

The guide ("Tài liệu hướng dẫn kết nối, tích hợp, chia sẻ dữ liệu với Cổng Dịch
vụ công quốc gia", Văn phòng Chính phủ) is handed to the agencies that connect;
it is not published. The request envelope, the services that synchronise an
application (`DongBoHoSoMC`) and its progress (`CapNhatTienDoHoSoMC`), the
catalogue services (`LayDanhSachTTHC`, `LayThuTuc`), their field names and the
date format follow open implementations that connect to it (the OpenCPS
one-stop system, Java, the most complete one found). The services of the other
sections of Điều 30 khoản 3 Quyết định 31/2021/QĐ-TTg (payments, postal
dispatch, ratings, statistics, answered questions, receiving applications
filed on the national portal) were not found in public code: their names are
built the same way and can be changed per installation by NATIONAL_SERVICES
once the agency has the guide's current version.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tracking.constants import State

# yyyyMMddHHmmss in Asia/Ho_Chi_Minh, as every date of the guide's payloads.
DATE_FORMAT = "%Y%m%d%H%M%S"


class Service(models.TextChoices):
    """One kind of request to the national portal (the envelope's `service`)."""

    APPLICATION = "DongBoHoSoMC", _("Đồng bộ hồ sơ")
    PROGRESS = "CapNhatTienDoHoSoMC", _("Cập nhật tiến độ xử lý")
    PAYMENT = "DongBoThanhToanMC", _("Đồng bộ thanh toán phí, lệ phí")
    POSTAL = "DongBoBuuChinhMC", _("Đồng bộ gửi, nhận qua bưu chính")
    RATING = "DongBoDanhGiaMC", _("Đồng bộ đánh giá sự hài lòng")
    STATISTICS = "DongBoThongKeMC", _("Đồng bộ số liệu thống kê")
    QUESTIONS = "DongBoHoiDapMC", _("Đồng bộ trả lời hỏi đáp")
    # Reads (sharing services), never queued in the outbox.
    CATALOGUE_LIST = "LayDanhSachTTHC", _("Lấy danh sách thủ tục")
    CATALOGUE_RECORD = "LayThuTuc", _("Lấy thủ tục")
    NEW_APPLICATIONS = "LayDanhSachHoSoMC", _("Lấy hồ sơ nộp trên Cổng quốc gia")


# TrangThaiHoSo of the guide: the national portal's ten states of an application.
NATIONAL_STATE = {
    State.SUBMITTED: "1",  # Mới đăng ký
    State.ACCEPTED: "2",  # Được tiếp nhận
    State.REFUSED: "3",  # Không được tiếp nhận
    State.IN_PROGRESS: "4",  # Đang xử lý
    State.SUPPLEMENT_REQUESTED: "5",  # Yêu cầu bổ sung giấy tờ
    State.AWAITING_PAYMENT: "6",  # Yêu cầu thực hiện nghĩa vụ tài chính
    State.WITHDRAWN: "7",  # Công dân yêu cầu rút hồ sơ
    State.STOPPED: "8",  # Dừng xử lý
    State.DECIDED: "9",  # Đã xử lý xong
    State.DELIVERED: "10",  # Đã trả kết quả
}

# KenhThucHien: 1 trực tiếp, 2 trực tuyến, 3 qua bưu chính công ích.
CHANNEL_ONLINE = "2"
# LoaiDoiTuong: 1 công dân, 2 doanh nghiệp / tổ chức.
CITIZEN, ORGANISATION = "1", "2"


class ReceivedOutcome(models.TextChoices):
    CREATED = "created", _("Đã đưa vào hàng đợi tiếp nhận")
    DUPLICATE = "duplicate", _("Đã nhận trước đó")
    REFUSED = "refused", _("Không nhận được")
