"""The level-4 procedures the payment tests pay for: a fixed fee and a fee per unit."""

from services.constants import FeeKind
from services.models import FeeRule
from tests.factories import (
    DIVISION,
    SectorFactory,
    field,
    make_definition,
    online_procedure,
    single_step,
    unit,
)

NEWSLETTER_LICENCE = "1.004227.000.00.00.H34"  # level 4, fixed fee 100 000 đ
WEBSITE_LICENCE = "1.004469.000.00.00.H34"  # level 4, 500 000 đ per domain name (so_ten_mien)


def newsletter_licence(**fields):
    """Level 4, a fixed fee of 100 000 đ, decided by the press division."""
    fields = {
        "code": NEWSLETTER_LICENCE,
        "title": "Cấp giấy phép xuất bản bản tin (địa phương)",
        "slug": "cap-giay-phep-xuat-ban-ban-tin",
        "sector": SectorFactory(code="bao-chi", name="Báo chí", name_en="Press"),
        "receiving_unit": unit(DIVISION),
        "result": "Giấy phép xuất bản bản tin.",
        **fields,
    }
    return online_procedure(
        level=4, fees=[("Lệ phí cấp giấy phép xuất bản bản tin", 100_000)], **fields
    )


def website_form():
    return make_definition(
        single_step(
            field("text", "ten_to_chuc", "Tên cơ quan, tổ chức", "Name of the organisation"),
            field("email", "thu_dien_tu", "Thư điện tử", "E-mail"),
            field(
                "number",
                "so_ten_mien",
                "Số tên miền đề nghị cấp phép",
                "Number of domains",
                min_value=1,
                max_value=5,
                help="Phí thẩm định tính theo số tên miền.",
            ),
            field("textarea", "nguon_tin", "Nguồn tin", "Sources of information"),
            key="trang-thong-tin",
        ),
        slug="giay-phep-trang-thong-tin-dien-tu",
    )


def website_licence(**fields):
    """Level 4, 500 000 đ per domain name declared in the form's `so_ten_mien`."""
    fields = {
        "code": WEBSITE_LICENCE,
        "title": "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
        "slug": "cap-giay-phep-thiet-lap-trang-thong-tin-dien-tu-tong-hop",
        "sector": SectorFactory(
            code="vien-thong",
            name="Viễn thông và Internet",
            name_en="Telecommunications and Internet",
        ),
        "result": "Giấy phép thiết lập trang thông tin điện tử tổng hợp.",
        **fields,
    }
    procedure = online_procedure(form=website_form(), level=4, **fields)
    procedure.fee_rules = [
        FeeRule(
            label="Phí thẩm định cấp giấy phép, theo tên miền",
            kind=FeeKind.PER_UNIT,
            amount=500_000,
            unit_label="tên miền",
            quantity_field="so_ten_mien",
        )
    ]
    procedure.save_revision().publish()
    procedure.refresh_from_db()
    return procedure
