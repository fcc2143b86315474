"""JSON Schemas of the requests the fake national portal accepts, from the guide's
field names (see national/constants.py for where they come from)."""

DATE = {"type": "string", "pattern": "^([0-9]{14})?$"}
TEXT = {"type": "string"}
CODE = {"type": "string", "minLength": 1}
STATE = {"type": "string", "enum": [str(n) for n in range(1, 11)]}


def items(item):
    return {"type": "array", "minItems": 1, "maxItems": 1, "items": item}


def record(required, properties):
    return {
        "type": "object",
        "required": required,
        "properties": properties,
    }


FILE = record(["TepDinhKemId", "TenTepDinhKem"], {"TepDinhKemId": CODE, "TenTepDinhKem": CODE})

APPLICATION = record(
    [
        "MaHoSo",
        "MaTTHC",
        "TenTTHC",
        "ChuHoSo",
        "LoaiDoiTuong",
        "KenhThucHien",
        "NgayTiepNhan",
        "NgayHenTra",
        "TrangThaiHoSo",
        "DonViXuLy",
        "TaiLieuNop",
        "DanhSachLePhi",
        "DanhSachGiayToKetQua",
    ],
    {
        "MaHoSo": {"type": "string", "pattern": r"^[0-9A-Z.]+-[0-9]{6}-[0-9]{4,}$"},
        "MaTTHC": CODE,
        "TenTTHC": CODE,
        "ChuHoSo": CODE,
        "LoaiDoiTuong": {"enum": ["1", "2"]},
        "KenhThucHien": {"enum": ["1", "2", "3"]},
        "NgayNopHoSo": DATE,
        "NgayTiepNhan": DATE,
        "NgayHenTra": DATE,
        "NgayTra": DATE,
        "NgayKetThucXuLy": DATE,
        "TrangThaiHoSo": STATE,
        "HinhThuc": {"enum": ["0", "1"]},
        "DonViXuLy": CODE,
        "TaiLieuNop": {"type": "array", "items": FILE},
        "DanhSachLePhi": {
            "type": "array",
            "items": record(["TenPhiLePhi", "Gia"], {"Gia": {"type": "integer", "minimum": 0}}),
        },
        "DanhSachGiayToKetQua": {
            "type": "array",
            "items": record(["GiayToId", "TenGiayTo"], {"GiayToId": CODE}),
        },
    },
)

PROGRESS = record(
    ["MaHoSo", "NguoiXuLy", "ThoiDiemXuLy", "NoiDungXuLy", "TrangThai"],
    {"MaHoSo": CODE, "ThoiDiemXuLy": {**DATE, "minLength": 14}, "TrangThai": STATE},
)

SCHEMAS = {
    "DongBoHoSoMC": record(
        ["isUpdating", "data"],
        {"isUpdating": {"enum": ["True", "False"]}, "data": items(APPLICATION)},
    ),
    "CapNhatTienDoHoSoMC": record(["data"], {"data": items(PROGRESS)}),
    "DongBoThanhToanMC": record(
        ["data"],
        {
            "data": items(
                record(
                    ["MaHoSo", "SoTien", "ThoiGianThanhToan"],
                    {"SoTien": {"type": "integer", "minimum": 1}},
                )
            )
        },
    ),
    "DongBoBuuChinhMC": record(
        ["data"], {"data": items(record(["MaHoSo", "SoHieuBuuGui"], {"SoHieuBuuGui": CODE}))}
    ),
    "DongBoDanhGiaMC": record(
        ["data"],
        {
            "data": items(
                record(
                    ["MaHoSo", "MucDoHaiLong"],
                    {"MucDoHaiLong": {"type": "integer", "minimum": 1, "maximum": 5}},
                )
            )
        },
    ),
    "DongBoThongKeMC": record(
        ["NgayThongKe", "data"],
        {
            "NgayThongKe": {"type": "string", "pattern": "^[0-9]{8}$"},
            "data": {
                "type": "array",
                "items": record(["MaTTHC", "TiepNhan", "DaGiaiQuyet"], {}),
            },
        },
    ),
    "DongBoHoiDapMC": record(
        ["data"], {"data": items(record(["MaCauHoi", "TieuDe", "NoiDungTraLoi"], {}))}
    ),
}
