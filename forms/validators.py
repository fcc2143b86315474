"""Validators of Vietnamese identifiers. Each cleans the value and raises a
`ValidationError` with a message the applicant understands."""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Province codes of the birthplace in a CCCD (Thông tư 07/2016/TT-BCA, Phụ lục I);
# cards keep them after the 2025 merger of provinces.
CCCD_PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)
# The fourth digit gives century and gender: 0/1 → 1900s, 2/3 → 2000s, … 8/9 → 2300s.
CCCD_CENTURY = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200}

MST_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)

_SPACES = re.compile(r"[\s.\-()]")


def clean_phone(value: str) -> str:
    """A Vietnamese mobile (0 + 9 digits) or landline (02 + 9 digits) number,
    given with or without +84; returned in the national form."""
    digits = _SPACES.sub("", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if re.fullmatch(r"0[35789]\d{8}", digits) or re.fullmatch(r"02\d{9}", digits):
        return digits
    raise ValidationError(
        _(
            "Số điện thoại không hợp lệ. Nhập số di động 10 chữ số (ví dụ 0912345678) hoặc số cố định kèm mã vùng."
        ),
        code="phone",
    )


def clean_cccd(value: str) -> str:
    """Số căn cước công dân: 12 digits = province (3) + century/gender (1) +
    year of birth (2) + serial (6) (Thông tư 07/2016/TT-BCA Điều 7)."""
    digits = re.sub(r"\s", "", value or "")
    if not re.fullmatch(r"\d{12}", digits):
        raise ValidationError(
            _("Số căn cước công dân phải gồm đúng 12 chữ số."), code="cccd_length"
        )
    if digits[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError(
            _("Ba chữ số đầu của số căn cước công dân (mã tỉnh nơi đăng ký khai sinh) không đúng."),
            code="cccd_province",
        )
    century = CCCD_CENTURY.get(int(digits[3]))
    if century is None or century + int(digits[4:6]) > timezone.localdate().year:
        raise ValidationError(
            _("Chữ số thứ tư và năm sinh trong số căn cước công dân không hợp lệ."),
            code="cccd_century",
        )
    return digits


def is_valid_mst10(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:9], MST_WEIGHTS, strict=True))
    return 10 - total % 11 == int(digits[9])


def clean_tax_code(value: str) -> str:
    """Mã số thuế: 10 digits whose last is the check digit, or 13 digits for a
    branch (10 + 3), written with or without the dash (Thông tư 105/2020/TT-BTC)."""
    raw = re.sub(r"\s", "", value or "")
    match = re.fullmatch(r"(\d{10})(?:-?(\d{3}))?", raw)
    if not match:
        raise ValidationError(
            _(
                "Mã số thuế phải gồm 10 chữ số, hoặc 13 chữ số đối với đơn vị phụ thuộc (ví dụ 0100109106-001)."
            ),
            code="tax_code_format",
        )
    head, branch = match.groups()
    if not is_valid_mst10(head):
        raise ValidationError(
            _("Mã số thuế không đúng (sai chữ số kiểm tra). Vui lòng kiểm tra lại."),
            code="tax_code_check",
        )
    if branch is not None:
        if branch == "000":
            raise ValidationError(
                _("Ba chữ số cuối của mã số thuế đơn vị phụ thuộc không hợp lệ."),
                code="tax_code_branch",
            )
        return f"{head}-{branch}"
    return head
