"""The online forms the form engine tests walk, and the procedures they belong to.

`newsletter_form()` is a five-step licence form (organisation, responsible person with
a conditional press card, the newsletter with choices and numbers, a repeatable
editorial board, attachments and a declaration); `printing_form()` a registration form
with a step shown on a condition. Both are built with the schema builders of
`tests.factories` and created through the engine's own `import_definition`, as an
editor importing a JSON file would.
"""

from forms.models import FormDefinition
from forms.operations import EXPORT_FORMAT, import_definition
from tests.factories import (
    DIVISION,
    SectorFactory,
    block,
    choices,
    field,
    online_procedure,
    step,
    unit,
    when,
)

NEWSLETTER_SLUG = "giay-phep-xuat-ban-ban-tin"
NEWSLETTER_TITLE = "Tờ khai đề nghị cấp giấy phép xuất bản bản tin"
NEWSLETTER_LICENCE = "1.004227.000.00.00.H34"  # level 4, fixed fee 100 000 đ
NEWSLETTER_FEE = ("Lệ phí cấp giấy phép xuất bản bản tin", 100_000)

PRINTING_SLUG = "dang-ky-co-so-in"
PRINTING_TITLE = "Tờ khai đăng ký hoạt động cơ sở in"
PRINTING_REGISTRATION = "1.003741.000.00.00.H34"  # level 3, no fee

UPLOADS = {"extensions": ["pdf", "jpg", "jpeg", "png"], "max_size_mb": 10}
ATTACH_HINT = block(
    "paragraph",
    "Đính kèm bản chụp hoặc bản quét rõ nét, định dạng PDF, JPG hoặc PNG, tối đa 10 MB mỗi tệp.",
    "Attach scanned copies in PDF, JPG or PNG, up to 10 MB each.",
)
DECLARATION = field(
    "declaration",
    "cam_ket",
    "Chúng tôi cam kết chấp hành đúng các quy định của pháp luật liên quan và chịu "
    "trách nhiệm về tính chính xác của hồ sơ.",
    "We undertake to comply with the law and answer for the accuracy of this dossier.",
)


def create_form(slug, title, title_en, steps, *, intro="", intro_en="", publish=True):
    """A form definition as `import_form` would create it (published by default)."""
    data = {
        "format": EXPORT_FORMAT,
        "slug": slug,
        "title": title,
        "title_en": title_en,
        "intro": intro,
        "intro_en": intro_en,
        "steps": steps,
    }
    return import_definition(data, publish=publish)


def newsletter_steps():
    return [
        step(
            "co-quan-to-chuc",
            "Thông tin cơ quan, tổ chức đề nghị",
            "Applying organisation",
            [
                field(
                    "text",
                    "ten_to_chuc",
                    "Tên cơ quan, tổ chức",
                    "Name of the organisation",
                    prefill="company_name",
                    max_length=255,
                ),
                field(
                    "tax_code",
                    "ma_so_thue",
                    "Mã số thuế (mã số doanh nghiệp)",
                    "Tax code",
                    required=False,
                    prefill="tax_code",
                    help="10 chữ số, hoặc 13 chữ số đối với đơn vị phụ thuộc.",
                ),
                field("address", "dia_chi_tru_so", "Địa chỉ trụ sở chính", "Head office address"),
                field("phone", "dien_thoai", "Số điện thoại liên hệ", "Phone", prefill="phone"),
                field("email", "thu_dien_tu", "Thư điện tử", "E-mail", prefill="email"),
            ],
        ),
        step(
            "nguoi-chiu-trach-nhiem",
            "Người chịu trách nhiệm xuất bản",
            "Person responsible for publication",
            [
                field(
                    "text",
                    "ho_ten",
                    "Họ và tên",
                    "Full name",
                    prefill="full_name",
                    max_length=100,
                ),
                field(
                    "cccd",
                    "so_cccd",
                    "Số căn cước công dân",
                    "Citizen identity number",
                    prefill="id_number",
                ),
                field("date", "ngay_sinh", "Ngày sinh", "Date of birth", prefill="date_of_birth"),
                field("text", "chuc_vu", "Chức vụ", "Position"),
                field("yes_no", "co_the_nha_bao", "Có thẻ nhà báo không?", "Holds a press card?"),
                field(
                    "text",
                    "so_the_nha_bao",
                    "Số thẻ nhà báo",
                    "Press card number",
                    condition=when("co_the_nha_bao", "yes"),
                    pattern="[A-Z]{1,3}[0-9]{4,6}",
                    pattern_message="Số thẻ nhà báo gồm 1–3 chữ in hoa và 4–6 chữ số, "
                    "ví dụ HN12345.",
                ),
            ],
        ),
        step(
            "thong-tin-ban-tin",
            "Thông tin bản tin",
            "The newsletter",
            [
                field(
                    "text", "ten_ban_tin", "Tên bản tin", "Name of the newsletter", max_length=200
                ),
                field("textarea", "muc_dich", "Mục đích xuất bản", "Purpose", min_length=20),
                field("textarea", "noi_dung", "Nội dung thông tin", "Content"),
                field(
                    "select",
                    "ky_han",
                    "Kỳ hạn xuất bản",
                    "Frequency",
                    choices=choices(
                        ("hang_tuan", "Hằng tuần", "Weekly"),
                        ("hang_thang", "Hằng tháng", "Monthly"),
                        ("hang_quy", "Hằng quý", "Quarterly"),
                        ("khac", "Khác", "Other"),
                    ),
                ),
                field(
                    "text",
                    "ky_han_khac",
                    "Kỳ hạn khác (ghi rõ)",
                    "Other frequency",
                    condition=when("ky_han", "khac"),
                ),
                field(
                    "text",
                    "kho",
                    "Khuôn khổ",
                    "Size",
                    help="Ví dụ: 19 x 27 cm.",
                    default="19 x 27 cm",
                ),
                field("number", "so_trang", "Số trang", "Pages", min_value=4, max_value=200),
                field(
                    "number",
                    "so_luong",
                    "Số lượng phát hành mỗi kỳ (bản)",
                    "Copies per issue",
                    min_value=1,
                    max_value=100_000,
                ),
                field(
                    "checkboxes",
                    "ngon_ngu",
                    "Ngôn ngữ thể hiện",
                    "Languages",
                    choices=choices(
                        ("vi", "Tiếng Việt", "Vietnamese"),
                        ("en", "Tiếng Anh", "English"),
                        ("dan_toc", "Tiếng dân tộc thiểu số", "Ethnic minority language"),
                    ),
                    default="vi",
                ),
                field(
                    "radio",
                    "pham_vi",
                    "Phạm vi phát hành",
                    "Distribution",
                    choices=choices(
                        ("noi_bo", "Lưu hành nội bộ", "Internal"),
                        ("rong_rai", "Phát hành rộng rãi", "Public"),
                    ),
                ),
            ],
        ),
        step(
            "ban-bien-tap",
            "Ban biên tập",
            "Editorial board",
            [
                field(
                    "group",
                    "ban_bien_tap",
                    "Thành viên ban biên tập",
                    "Members of the editorial board",
                    min_rows=1,
                    max_rows=5,
                    help="Khai ít nhất một thành viên, mỗi dòng một người.",
                    fields=[
                        field("text", "ho_ten", "Họ và tên", "Full name"),
                        field("text", "chuc_danh", "Chức danh", "Title"),
                        field("phone", "dien_thoai", "Điện thoại", "Phone", required=False),
                    ],
                )
            ],
        ),
        step(
            "tai-lieu-dinh-kem",
            "Tài liệu đính kèm và cam kết",
            "Attachments and declaration",
            [
                ATTACH_HINT,
                field(
                    "file",
                    "quyet_dinh_thanh_lap",
                    "Bản sao quyết định thành lập hoặc giấy chứng nhận đăng ký doanh nghiệp",
                    "Founding decision or business registration certificate",
                    **UPLOADS,
                ),
                field(
                    "file",
                    "mau_trinh_bay",
                    "Mẫu trình bày tên gọi của bản tin",
                    "Layout of the newsletter's name",
                    multiple=True,
                    **UPLOADS,
                ),
                DECLARATION,
            ],
        ),
    ]


def newsletter_form(publish=True):
    """The newsletter licence form (slug giay-phep-xuat-ban-ban-tin), version 1 published."""
    return create_form(
        NEWSLETTER_SLUG,
        NEWSLETTER_TITLE,
        "Application for a licence to publish a newsletter",
        newsletter_steps(),
        intro="Khai trực tuyến theo Mẫu số 13 ban hành kèm Thông tư số 41/2020/TT-BTTTT.",
        intro_en="Online version of form 13 of Circular 41/2020/TT-BTTTT.",
        publish=publish,
    )


def printing_steps():
    return [
        step(
            "co-so-in",
            "Thông tin cơ sở in",
            "Printing establishment",
            [
                field("text", "ten_co_so", "Tên cơ sở in", "Name", prefill="company_name"),
                field(
                    "radio",
                    "loai_hinh",
                    "Loại hình",
                    "Type",
                    choices=choices(
                        ("doanh_nghiep", "Doanh nghiệp", "Company"),
                        ("ho_kinh_doanh", "Hộ kinh doanh", "Household business"),
                        ("su_nghiep", "Đơn vị sự nghiệp", "Public service unit"),
                    ),
                ),
                field(
                    "tax_code",
                    "ma_so_thue",
                    "Mã số thuế",
                    "Tax code",
                    required=False,
                    prefill="tax_code",
                    help="Bắt buộc với doanh nghiệp và hộ kinh doanh.",
                    condition=when(
                        "loai_hinh",
                        "doanh_nghiep",
                        "ho_kinh_doanh",
                        operator="in",
                        effect="require",
                    ),
                ),
                field("address", "dia_chi", "Địa chỉ cơ sở in", "Address"),
                field("phone", "dien_thoai", "Số điện thoại", "Phone", prefill="phone"),
                field("email", "thu_dien_tu", "Thư điện tử", "E-mail", prefill="email"),
            ],
        ),
        step(
            "nguoi-dung-dau",
            "Người đứng đầu cơ sở in",
            "Head of the establishment",
            [
                field("text", "ho_ten", "Họ và tên", "Full name", prefill="full_name"),
                field(
                    "cccd",
                    "so_cccd",
                    "Số căn cước công dân",
                    "Citizen identity number",
                    prefill="id_number",
                ),
                field("date", "ngay_sinh", "Ngày sinh", "Date of birth", prefill="date_of_birth"),
            ],
        ),
        step(
            "thiet-bi",
            "Thiết bị in",
            "Printing equipment",
            [
                field(
                    "group",
                    "thiet_bi",
                    "Danh mục thiết bị in",
                    "Printing equipment",
                    min_rows=1,
                    max_rows=8,
                    fields=[
                        field("text", "ten", "Tên thiết bị", "Equipment"),
                        field(
                            "text", "hang", "Hãng, nước sản xuất", "Maker, country", required=False
                        ),
                        field(
                            "number",
                            "nam",
                            "Năm sản xuất",
                            "Year",
                            required=False,
                            min_value=1950,
                            max_value=2030,
                        ),
                        field(
                            "number", "so_luong", "Số lượng", "Quantity", min_value=1, max_value=100
                        ),
                    ],
                ),
                field(
                    "yes_no",
                    "co_che_ban",
                    "Cơ sở có thực hiện chế bản không?",
                    "Does it do prepress?",
                ),
            ],
        ),
        step(
            "che-ban",
            "Chế bản",
            "Prepress",
            [field("textarea", "mo_ta_che_ban", "Mô tả công đoạn chế bản", "Prepress description")],
            condition=when("co_che_ban", "yes"),
        ),
        step(
            "tai-lieu-dinh-kem",
            "Tài liệu đính kèm và cam kết",
            "Attachments and declaration",
            [
                ATTACH_HINT,
                field(
                    "file",
                    "giay_dang_ky",
                    "Bản sao giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh",
                    "Business registration certificate",
                    **UPLOADS,
                ),
                DECLARATION,
            ],
        ),
    ]


def printing_form(publish=True):
    """The printing establishment registration form (slug dang-ky-co-so-in)."""
    return create_form(
        PRINTING_SLUG,
        PRINTING_TITLE,
        "Registration of a printing establishment",
        printing_steps(),
        intro="Khai trực tuyến theo mẫu tờ khai đăng ký hoạt động cơ sở in (Nghị định số "
        "60/2014/NĐ-CP, sửa đổi bởi Nghị định số 25/2018/NĐ-CP).",
        intro_en="Online version of the registration form of a printing establishment.",
        publish=publish,
    )


def form_or_new(slug, build):
    return FormDefinition.objects.filter(slug=slug).first() or build()


def newsletter_procedure(form=None):
    """Level 4, fee 100 000 đ, decided by the press division; applied for online."""
    return online_procedure(
        form=form or form_or_new(NEWSLETTER_SLUG, newsletter_form),
        level=4,
        fees=[NEWSLETTER_FEE],
        title="Cấp giấy phép xuất bản bản tin (địa phương)",
        slug="cap-giay-phep-xuat-ban-ban-tin",
        code=NEWSLETTER_LICENCE,
        sector=SectorFactory(code="bao-chi", name="Báo chí", name_en="Press"),
        receiving_unit=unit(DIVISION),
        result="Giấy phép xuất bản bản tin.",
    )


def printing_procedure(form=None):
    """Level 3, no fee: its page offers the blank forms and the online form."""
    return online_procedure(
        form=form or form_or_new(PRINTING_SLUG, printing_form),
        level=3,
        title="Đăng ký hoạt động cơ sở in",
        slug="dang-ky-hoat-dong-co-so-in",
        code=PRINTING_REGISTRATION,
        receiving_unit=unit(DIVISION),
        processing_days=5,
        result="Giấy xác nhận đăng ký hoạt động cơ sở in.",
    )
