"""Demo online forms of the demo agency's level-3/4 procedures (slugs in
`services.demo.ONLINE_FORM_SLUGS`). Loading is idempotent: a form that exists
(by slug) is left as the editor made it."""

import json

from django.db import transaction

from forms.models import FormDefinition
from forms.operations import publish_definition


def field(kind, name, label, label_en="", *, required=True, **options):
    return {
        "type": kind,
        "value": {
            "name": name,
            "label": label,
            "label_en": label_en,
            "required": required,
            **options,
        },
    }


def block(kind, text, text_en=""):
    return {"type": kind, "value": {"text": text, "text_en": text_en}}


def choices(*triples):
    return [{"value": v, "label": label, "label_en": label_en} for v, label, label_en in triples]


def when(name, *values, operator="equals", effect="show"):
    return {"field": name, "operator": operator, "values": ",".join(values), "effect": effect}


def step(key, title, title_en, fields, *, description="", condition=None):
    value = {
        "key": key,
        "title": title,
        "title_en": title_en,
        "description": description,
        "fields": fields,
    }
    if condition:
        value["condition"] = condition
    return {"type": "step", "value": value}


def organisation_step(title="Thông tin cơ quan, tổ chức đề nghị"):
    return step(
        "co-quan-to-chuc",
        title,
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
    )


def documents_step(files, *, note):
    return step(
        "tai-lieu-dinh-kem",
        "Tài liệu đính kèm và cam kết",
        "Attachments and declaration",
        [block("paragraph", note, "Attach scanned copies in PDF, JPG or PNG, up to 10 MB each.")]
        + files
        + [
            field(
                "declaration",
                "cam_ket",
                "Chúng tôi cam kết chấp hành đúng các quy định của pháp luật liên quan và chịu "
                "trách nhiệm về tính chính xác của hồ sơ.",
                "We undertake to comply with the law and answer for the accuracy of this dossier.",
            )
        ],
    )


SCAN_NOTE = (
    "Đính kèm bản chụp hoặc bản quét rõ nét, định dạng PDF, JPG hoặc PNG, tối đa 10 MB mỗi tệp."
)

NEWSLETTER = {
    "slug": "giay-phep-xuat-ban-ban-tin",
    "title": "Tờ khai đề nghị cấp giấy phép xuất bản bản tin",
    "title_en": "Application for a licence to publish a newsletter",
    "intro": "Khai trực tuyến theo Mẫu số 13 ban hành kèm Thông tư số 41/2020/TT-BTTTT.",
    "intro_en": "Online version of form 13 of Circular 41/2020/TT-BTTTT.",
    "steps": [
        organisation_step(),
        step(
            "nguoi-chiu-trach-nhiem",
            "Người chịu trách nhiệm xuất bản",
            "Person responsible for publication",
            [
                field(
                    "text", "ho_ten", "Họ và tên", "Full name", prefill="full_name", max_length=100
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
                    pattern_message="Số thẻ nhà báo gồm 1–3 chữ in hoa và 4–6 chữ số, ví dụ HN12345.",
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
                    max_value=100000,
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
                ),
            ],
        ),
        documents_step(
            [
                field(
                    "file",
                    "quyet_dinh_thanh_lap",
                    "Bản sao quyết định thành lập hoặc giấy chứng nhận đăng ký doanh nghiệp",
                    "Founding decision or business registration certificate",
                    extensions=["pdf", "jpg", "jpeg", "png"],
                    max_size_mb=10,
                ),
                field(
                    "file",
                    "mau_trinh_bay",
                    "Mẫu trình bày tên gọi của bản tin",
                    "Layout of the newsletter's name",
                    extensions=["pdf", "jpg", "jpeg", "png"],
                    max_size_mb=10,
                    multiple=True,
                ),
            ],
            note=SCAN_NOTE,
        ),
    ],
}

PRINTING = {
    "slug": "dang-ky-co-so-in",
    "title": "Tờ khai đăng ký hoạt động cơ sở in",
    "title_en": "Registration of a printing establishment",
    "intro": "Khai trực tuyến theo mẫu tờ khai đăng ký hoạt động cơ sở in (Nghị định số 60/2014/NĐ-CP, "
    "sửa đổi bởi Nghị định số 25/2018/NĐ-CP).",
    "intro_en": "Online version of the registration form of a printing establishment.",
    "steps": [
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
        documents_step(
            [
                field(
                    "file",
                    "giay_dang_ky",
                    "Bản sao giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh",
                    "Business registration certificate",
                    extensions=["pdf", "jpg", "jpeg", "png"],
                    max_size_mb=10,
                ),
            ],
            note=SCAN_NOTE,
        ),
    ],
}

WEBSITE = {
    "slug": "giay-phep-trang-thong-tin-dien-tu",
    "title": "Đơn đề nghị cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
    "title_en": "Application for a licence to set up a general information website",
    "intro": "Khai trực tuyến theo Mẫu số 23 (Nghị định số 147/2024/NĐ-CP).",
    "intro_en": "Online version of form 23 of Decree 147/2024/ND-CP.",
    "steps": [
        organisation_step("Tổ chức, doanh nghiệp đề nghị"),
        step(
            "trang-thong-tin",
            "Trang thông tin điện tử",
            "The website",
            [
                field(
                    "group",
                    "ten_mien",
                    "Tên miền",
                    "Domain names",
                    min_rows=1,
                    max_rows=5,
                    fields=[
                        field(
                            "text",
                            "ten_mien",
                            "Tên miền",
                            "Domain",
                            pattern=r"[a-z0-9-]+(\.[a-z0-9-]+)+",
                            pattern_message="Tên miền viết thường, ví dụ baotinh.vn.",
                        ),
                        field("date", "han_su_dung", "Hạn sử dụng tên miền", "Expiry date"),
                    ],
                ),
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
                field(
                    "radio",
                    "noi_dat_may_chu",
                    "Nơi đặt máy chủ",
                    "Server location",
                    choices=choices(
                        ("trong_nuoc", "Tại Việt Nam", "In Viet Nam"),
                        ("nuoc_ngoai", "Ở nước ngoài", "Abroad"),
                    ),
                ),
                field(
                    "text",
                    "dia_chi_may_chu",
                    "Địa chỉ trung tâm dữ liệu tại Việt Nam",
                    "Data centre address in Viet Nam",
                    condition=when("noi_dat_may_chu", "trong_nuoc"),
                ),
                field(
                    "textarea",
                    "phuong_an_du_phong",
                    "Phương án lưu trữ tại Việt Nam (bắt buộc khi máy chủ ở nước ngoài)",
                    "Storage plan in Viet Nam",
                    condition=when("noi_dat_may_chu", "nuoc_ngoai"),
                ),
            ],
        ),
        step(
            "nhan-su",
            "Người chịu trách nhiệm quản lý nội dung",
            "Person in charge of content",
            [
                field("text", "ho_ten", "Họ và tên", "Full name", prefill="full_name"),
                field(
                    "cccd",
                    "so_cccd",
                    "Số căn cước công dân",
                    "Citizen identity number",
                    prefill="id_number",
                ),
                field("phone", "dien_thoai_nguoi_phu_trach", "Điện thoại", "Phone"),
                field(
                    "select",
                    "trinh_do",
                    "Trình độ",
                    "Education",
                    choices=choices(
                        ("dai_hoc", "Đại học", "Bachelor"),
                        ("sau_dai_hoc", "Sau đại học", "Postgraduate"),
                    ),
                    help="Người chịu trách nhiệm phải có bằng đại học trở lên.",
                ),
            ],
        ),
        documents_step(
            [
                field(
                    "file",
                    "de_an",
                    "Đề án hoạt động có chữ ký, dấu của người đứng đầu",
                    "Operating plan, signed and stamped",
                    extensions=["pdf", "docx"],
                    max_size_mb=20,
                ),
                field(
                    "file",
                    "van_ban_nguon_tin",
                    "Văn bản chấp thuận của các tổ chức cung cấp nguồn tin",
                    "Consent of the information sources",
                    extensions=["pdf", "jpg", "jpeg", "png"],
                    max_size_mb=10,
                    multiple=True,
                ),
            ],
            note=SCAN_NOTE,
        ),
    ],
}

DEMO_FORMS = [NEWSLETTER, PRINTING, WEBSITE]


def build_definition(data) -> FormDefinition:
    definition = FormDefinition(
        slug=data["slug"],
        title=data["title"],
        title_en=data["title_en"],
        intro=data["intro"],
        intro_en=data["intro_en"],
    )
    definition.steps = json.dumps(data["steps"], ensure_ascii=False)
    definition.full_clean()
    definition.save()
    publish_definition(definition=definition)
    return definition


@transaction.atomic
def load(home=None):
    """Create and publish the demo forms that do not exist yet."""
    existing = set(FormDefinition.objects.values_list("slug", flat=True))
    for data in DEMO_FORMS:
        if data["slug"] not in existing:
            build_definition(data)
