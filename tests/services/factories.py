"""The catalogue the services tests build: sectors, units, legal documents, official
templates and procedures of a provincial Department of Science and Technology that also
carries out the procedures of the former Department of Information (press, publishing,
posts, telecommunications, IT). Codes, fees and time limits are illustrative.

`build_catalogue()` adds every procedure of `CATALOGUE` under the catalogue page;
`build_procedure(NEWSLETTER)` adds one. Each test builds what it needs in its own
transaction.
"""

import io

from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model

from services.constants import ApplicationMethod, FeeKind, ImplementingLevel
from services.models import (
    DossierComponent,
    FeeRule,
    LegalBasisLink,
    Procedure,
    ProcedureStep,
    Sector,
)
from services.text import normalise
from tests.factories import (
    AGENCY,
    DIVISION,
    OFFICE,
    AgencyUnitFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    ProcedureFactory,
    ProcedureIndexPageFactory,
    english,
    field,
    home_page,
    make_definition,
    step,
    unit,
)

# Units of the agency besides the office and the press division of `build_agency()`.
POSTS = "000.04.12.H34"
IT = "000.05.12.H34"
SCIENCE = "000.06.12.H34"
UNITS = {
    POSTS: ("Phòng Bưu chính, Viễn thông", "Posts and Telecommunications Division"),
    IT: ("Phòng Công nghệ thông tin và Chuyển đổi số", "IT and Digital Transformation Division"),
    SCIENCE: ("Phòng Quản lý khoa học", "Science Management Division"),
}

# (code, name, English name), in the order the catalogue lists them.
SECTORS = [
    ("bao-chi", "Báo chí", "Press"),
    ("xuat-ban", "Xuất bản, In và Phát hành", "Publishing, Printing and Distribution"),
    ("buu-chinh", "Bưu chính", "Posts"),
    ("vien-thong", "Viễn thông và Internet", "Telecommunications and Internet"),
    ("cong-nghe-thong-tin", "Công nghệ thông tin", "Information Technology"),
    ("khoa-hoc-cong-nghe", "Khoa học và Công nghệ", "Science and Technology"),
]

# Legal documents published on the portal, by number: (type, title, issuer).
LEGAL_DOCUMENTS = {
    "103/2016/QH13": ("luat", "Luật Báo chí", "Quốc hội"),
    "19/2012/QH13": ("luat", "Luật Xuất bản", "Quốc hội"),
    "45/2020/NĐ-CP": (
        "nghi-dinh",
        "Nghị định về thực hiện thủ tục hành chính trên môi trường điện tử",
        "Chính phủ",
    ),
    "2150/QĐ-UBND": (
        "quyet-dinh",
        "Quyết định công bố danh mục thủ tục hành chính lĩnh vực bưu chính",
        "UBND tỉnh Khánh Hòa",
    ),
}

DECIDING_AGENCY = "Giám đốc Sở Khoa học và Công nghệ tỉnh Khánh Hòa"
RECEPTION_NOTE = (
    "Nộp tại Bộ phận tiếp nhận và trả kết quả của Sở (Trung tâm Phục vụ hành chính công tỉnh, "
    "số 04 Phan Chu Trinh, phường Nha Trang), gửi qua dịch vụ bưu chính công ích, hoặc nộp "
    "trực tuyến trên Cổng dịch vụ công (nếu thủ tục có cung cấp)."
)
TIME_NOTE = "kể từ ngày nhận đủ hồ sơ hợp lệ"
STEPS = [
    ("Nộp hồ sơ", "Tổ chức, cá nhân nộp hồ sơ trực tiếp, qua bưu chính hoặc trực tuyến."),
    (
        "Tiếp nhận, kiểm tra hồ sơ",
        "Bộ phận tiếp nhận kiểm tra tính đầy đủ, hợp lệ; hướng dẫn bổ sung một lần nếu thiếu.",
    ),
    ("Thẩm định, trình ký", "Phòng chuyên môn thẩm định hồ sơ và trình Giám đốc Sở quyết định."),
    ("Trả kết quả", "Trả kết quả trực tiếp, qua bưu chính hoặc trực tuyến."),
]
APPLICANT_LABELS = [
    "Tên cơ quan, tổ chức đề nghị",
    "Địa chỉ trụ sở chính",
    "Số điện thoại",
    "Thư điện tử",
    "Họ và tên người đứng đầu",
]


def component(name, *, template=None, originals=1, copies=0, required=True, note=""):
    """A dossier item; `template=("docx" | "pdf", [labels])` attaches an official blank form."""
    return {
        "name": name,
        "template": template,
        "originals": originals,
        "copies": copies,
        "required": required,
        "note": note,
    }


def fixed(label, amount):
    return (label, FeeKind.FIXED, amount, "", "")


def per_unit(label, amount, unit_label, quantity_field):
    return (label, FeeKind.PER_UNIT, amount, unit_label, quantity_field)


# A procedure as data: what `build_procedure` needs, and the English version's texts.
NEWSLETTER = {
    "code": "1.004227.000.00.00.H34",
    "title": "Cấp giấy phép xuất bản bản tin (địa phương)",
    "title_en": "Licence to publish a newsletter (local)",
    "slug": "cap-giay-phep-xuat-ban-ban-tin",
    "sector": "bao-chi",
    "level": 4,
    "form": "giay-phep-xuat-ban-ban-tin",
    "unit": DIVISION,
    "days": 10,
    "applicants": "Cơ quan, tổ chức, pháp nhân được thành lập theo quy định của pháp luật tại "
    "địa phương; tổ chức nước ngoài được phép hoạt động tại địa phương.",
    "requirements": "Có tôn chỉ, mục đích phù hợp với chức năng, nhiệm vụ của cơ quan, tổ chức; "
    "có người chịu trách nhiệm xuất bản bản tin.",
    "fees": [fixed("Lệ phí cấp giấy phép xuất bản bản tin", 100_000)],
    "components": [
        component(
            "Tờ khai đề nghị cấp giấy phép xuất bản bản tin (Mẫu số 13)",
            template=(
                "docx",
                [*APPLICANT_LABELS, "Tên bản tin", "Mục đích xuất bản", "Kỳ hạn xuất bản"],
            ),
        ),
        component(
            "Bản sao có chứng thực quyết định thành lập hoặc giấy chứng nhận đăng ký doanh nghiệp",
            originals=0,
            copies=1,
        ),
        component("Mẫu trình bày tên gọi của bản tin", note="In màu, khổ A4."),
    ],
    "result": "Giấy phép xuất bản bản tin.",
    "result_en": "Licence to publish the newsletter.",
    "legal": ["103/2016/QH13", "45/2020/NĐ-CP"],
    "legal_text": "Thông tư số 41/2020/TT-BTTTT quy định chi tiết thi hành Luật Báo chí về "
    "hoạt động xuất bản bản tin.",
    "keywords": "bản tin, báo chí, giấy phép",
}
PRESS_CONFERENCE = {
    "code": "1.004190.000.00.00.H34",
    "title": "Cho phép họp báo (trong nước)",
    "title_en": "Permission to hold a press conference (domestic)",
    "slug": "cho-phep-hop-bao",
    "sector": "bao-chi",
    "level": 2,
    "unit": DIVISION,
    "days": 1,
    "applicants": "Cơ quan, tổ chức, công dân Việt Nam tổ chức họp báo tại địa phương.",
    "components": [
        component(
            "Văn bản thông báo tổ chức họp báo (Mẫu số 01/HB)",
            template=("pdf", [*APPLICANT_LABELS, "Mục đích, nội dung họp báo"]),
        )
    ],
    "result": "Văn bản cho phép hoặc không cho phép họp báo.",
    "result_en": "Written permission (or refusal) to hold the press conference.",
    "legal": ["103/2016/QH13"],
    "keywords": "họp báo, báo chí",
}
PRINTING_LICENCE = {
    "code": "1.003725.000.00.00.H34",
    "title": "Cấp giấy phép hoạt động in",
    "title_en": "Printing operation licence",
    "slug": "cap-giay-phep-hoat-dong-in",
    "sector": "xuat-ban",
    "level": 2,
    "unit": DIVISION,
    "days": 15,
    "applicants": "Cơ sở in thực hiện chế bản, in, gia công sau in báo, tạp chí, tem chống giả.",
    "components": [
        component(
            "Đơn đề nghị cấp giấy phép hoạt động in (Mẫu số 01)",
            template=("docx", [*APPLICANT_LABELS, "Mã số doanh nghiệp", "Danh mục thiết bị in"]),
        ),
        component("Sơ yếu lý lịch của người đứng đầu cơ sở in"),
    ],
    "result": "Giấy phép hoạt động in.",
    "result_en": "Printing operation licence.",
    "legal": ["19/2012/QH13"],
    "legal_text": "Nghị định số 60/2014/NĐ-CP quy định về hoạt động in.",
    "keywords": "in, cơ sở in, giấy phép hoạt động in",
}
PRINTING_REGISTRATION = {
    "code": "1.003741.000.00.00.H34",
    "title": "Đăng ký hoạt động cơ sở in",
    "title_en": "Registration of a printing establishment",
    "slug": "dang-ky-hoat-dong-co-so-in",
    "sector": "xuat-ban",
    "level": 3,
    "form": "dang-ky-co-so-in",
    "unit": DIVISION,
    "days": 5,
    "applicants": "Cơ sở in chỉ thực hiện các sản phẩm không thuộc diện phải cấp giấy phép.",
    "components": [
        component(
            "Tờ khai đăng ký hoạt động cơ sở in (Mẫu số 05)",
            template=("docx", [*APPLICANT_LABELS, "Địa chỉ cơ sở sản xuất", "Loại sản phẩm in"]),
        ),
        component("Bản sao giấy chứng nhận đăng ký doanh nghiệp", originals=0, copies=1),
    ],
    "result": "Giấy xác nhận đăng ký hoạt động cơ sở in.",
    "result_en": "Certificate of registration of the printing establishment.",
    "legal": ["19/2012/QH13", "45/2020/NĐ-CP"],
    "keywords": "in, đăng ký cơ sở in",
}
NON_COMMERCIAL = {
    "code": "1.003900.000.00.00.H34",
    "title": "Cấp giấy phép xuất bản tài liệu không kinh doanh",
    "title_en": "Licence to publish non-commercial materials",
    "slug": "cap-giay-phep-xuat-ban-tai-lieu-khong-kinh-doanh",
    "sector": "xuat-ban",
    "level": 2,
    "unit": DIVISION,
    "days": 10,
    "applicants": "Cơ quan, tổ chức có tư cách pháp nhân xuất bản tài liệu không kinh doanh.",
    "fees": [
        per_unit(
            "Phí thẩm định nội dung tài liệu không kinh doanh",
            14_000,
            "trang quy chuẩn",
            "so_trang",
        )
    ],
    "components": [
        component(
            "Đơn đề nghị cấp giấy phép xuất bản tài liệu không kinh doanh (Mẫu số 08)",
            template=("pdf", [*APPLICANT_LABELS, "Tên tài liệu", "Số trang", "Số lượng in"]),
        ),
        component("Hai bản thảo tài liệu in trên giấy", originals=2),
    ],
    "result": "Giấy phép xuất bản tài liệu không kinh doanh.",
    "result_en": "Licence to publish the non-commercial material.",
    "legal": ["19/2012/QH13"],
    "keywords": "xuất bản, tài liệu không kinh doanh",
}
EXHIBITION = {
    "code": "1.003944.000.00.00.H34",
    "title": "Cấp giấy phép tổ chức triển lãm, hội chợ xuất bản phẩm",
    "title_en": "Licence to hold an exhibition or fair of publications",
    "slug": "cap-giay-phep-trien-lam-hoi-cho-xuat-ban-pham",
    "sector": "xuat-ban",
    "level": 1,
    "unit": DIVISION,
    "days": 8,
    "applicants": "Cơ quan, tổ chức tại địa phương tổ chức triển lãm, hội chợ xuất bản phẩm.",
    "components": [
        component("Đơn đề nghị cấp giấy phép tổ chức triển lãm, hội chợ xuất bản phẩm"),
        component("Danh mục xuất bản phẩm để triển lãm, hội chợ"),
    ],
    "result": "Giấy phép tổ chức triển lãm, hội chợ xuất bản phẩm.",
    "result_en": "Licence to hold the exhibition or fair.",
    "legal": ["19/2012/QH13"],
    "keywords": "triển lãm, hội chợ sách",
}
IMPORT_LICENCE = {
    "code": "1.003961.000.00.00.H34",
    "title": "Cấp giấy phép nhập khẩu xuất bản phẩm không kinh doanh",
    "title_en": "Licence to import non-commercial publications",
    "slug": "cap-giay-phep-nhap-khau-xuat-ban-pham-khong-kinh-doanh",
    "sector": "xuat-ban",
    "level": 2,
    "unit": DIVISION,
    "days": 7,
    "applicants": "Cơ quan, tổ chức, cá nhân nhập khẩu xuất bản phẩm không nhằm kinh doanh.",
    "fees": [
        per_unit(
            "Phí thẩm định nội dung xuất bản phẩm nhập khẩu",
            50_000,
            "tên xuất bản phẩm",
            "so_ten_xuat_ban_pham",
        )
    ],
    "components": [
        component(
            "Đơn đề nghị cấp giấy phép nhập khẩu xuất bản phẩm (Mẫu số 15)",
            template=("docx", [*APPLICANT_LABELS, "Mục đích nhập khẩu", "Cửa khẩu nhập"]),
        )
    ],
    "result": "Giấy phép nhập khẩu xuất bản phẩm không kinh doanh.",
    "result_en": "Licence to import the non-commercial publications.",
    "legal": ["19/2012/QH13"],
    "keywords": "nhập khẩu, xuất bản phẩm",
}
POSTAL_LICENCE = {
    "code": "1.005442.000.00.00.H34",
    "title": "Cấp giấy phép bưu chính",
    "title_en": "Postal licence",
    "slug": "cap-giay-phep-buu-chinh",
    "sector": "buu-chinh",
    "level": 2,
    "unit": POSTS,
    "days": 20,
    "applicants": "Doanh nghiệp cung cấp dịch vụ thư có khối lượng đơn chiếc đến 2 kg.",
    "requirements": "Có giấy chứng nhận đăng ký doanh nghiệp; đáp ứng điều kiện tài chính.",
    "fees": [fixed("Phí thẩm định điều kiện hoạt động bưu chính", 10_000_000)],
    "components": [
        component(
            "Đơn đề nghị cấp giấy phép bưu chính (Mẫu số 01/GPBC)",
            template=("docx", [*APPLICANT_LABELS, "Vốn điều lệ", "Phạm vi cung cấp dịch vụ"]),
        ),
        component("Phương án kinh doanh"),
        component("Bảng giá cước dịch vụ bưu chính", required=False),
    ],
    "result": "Giấy phép bưu chính.",
    "result_en": "Postal licence.",
    "legal": ["2150/QĐ-UBND"],
    "legal_text": "Luật Bưu chính số 49/2010/QH12; Nghị định số 47/2011/NĐ-CP.",
    "keywords": "bưu chính, giấy phép",
}
POSTAL_NOTICE = {
    "code": "1.005450.000.00.00.H34",
    "title": "Xác nhận thông báo hoạt động bưu chính",
    "title_en": "Confirmation of a notice of postal activity",
    "slug": "xac-nhan-thong-bao-hoat-dong-buu-chinh",
    "sector": "buu-chinh",
    "level": 2,
    "unit": POSTS,
    "days": 7,
    "applicants": "Doanh nghiệp, chi nhánh cung ứng dịch vụ bưu chính không phải cấp giấy phép.",
    "fees": [fixed("Phí thẩm định xác nhận thông báo hoạt động bưu chính", 2_000_000)],
    "components": [
        component(
            "Văn bản thông báo hoạt động bưu chính (Mẫu số 03/TBBC)",
            template=(
                "pdf",
                [*APPLICANT_LABELS, "Mã số doanh nghiệp", "Dịch vụ bưu chính cung ứng"],
            ),
        ),
        component("Bản sao giấy chứng nhận đăng ký doanh nghiệp", originals=0, copies=1),
    ],
    "result": "Văn bản xác nhận thông báo hoạt động bưu chính.",
    "result_en": "Written confirmation of the notice of postal activity.",
    "legal": ["2150/QĐ-UBND"],
    "keywords": "bưu chính, thông báo hoạt động",
}
POSTAL_AMENDMENT = {
    "code": "1.005443.000.00.00.H34",
    "title": "Sửa đổi, bổ sung giấy phép bưu chính",
    "title_en": "Amendment of a postal licence",
    "slug": "sua-doi-bo-sung-giay-phep-buu-chinh",
    "sector": "buu-chinh",
    "level": 1,
    "unit": POSTS,
    "days": 10,
    "applicants": "Doanh nghiệp đã được cấp giấy phép bưu chính có thay đổi nội dung giấy phép.",
    "fees": [fixed("Phí thẩm định sửa đổi giấy phép bưu chính", 5_000_000)],
    "components": [
        # A level-1 procedure only informs: its form is not offered for download.
        component(
            "Đơn đề nghị sửa đổi, bổ sung giấy phép bưu chính",
            template=("docx", [*APPLICANT_LABELS, "Nội dung đề nghị sửa đổi"]),
        ),
        component("Bản sao giấy phép bưu chính đã được cấp", originals=0, copies=1),
    ],
    "result": "Giấy phép bưu chính sửa đổi, bổ sung.",
    "result_en": "Amended postal licence.",
    "legal": ["2150/QĐ-UBND"],
    "keywords": "bưu chính, sửa đổi giấy phép",
}
WEBSITE_LICENCE = {
    "code": "1.004469.000.00.00.H34",
    "title": "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
    "title_en": "Licence to set up a general information website",
    "slug": "cap-giay-phep-thiet-lap-trang-thong-tin-dien-tu-tong-hop",
    "sector": "vien-thong",
    "level": 4,
    "form": "giay-phep-trang-thong-tin-dien-tu",
    "unit": POSTS,
    "days": 10,
    "applicants": "Doanh nghiệp, tổ chức được thành lập theo pháp luật Việt Nam.",
    "fees": [
        per_unit("Phí thẩm định cấp giấy phép, theo tên miền", 500_000, "tên miền", "so_ten_mien")
    ],
    "components": [
        component(
            "Đơn đề nghị cấp giấy phép thiết lập trang thông tin điện tử tổng hợp (Mẫu số 23)",
            template=("docx", [*APPLICANT_LABELS, "Tên miền", "Nơi đặt máy chủ"]),
        ),
        component("Đề án hoạt động có chữ ký, dấu của người đứng đầu"),
    ],
    "result": "Giấy phép thiết lập trang thông tin điện tử tổng hợp.",
    "result_en": "Licence to set up the general information website.",
    "legal": ["45/2020/NĐ-CP"],
    "keywords": "trang thông tin điện tử, website, internet",
}
GAMES_OUTLET = {
    "code": "1.004522.000.00.00.H34",
    "title": "Cấp giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử "
    "công cộng",
    "title_en": "Certificate of eligibility for a public electronic games outlet",
    "slug": "chung-nhan-diem-cung-cap-dich-vu-tro-choi-dien-tu-cong-cong",
    "sector": "vien-thong",
    "level": 1,
    "unit": POSTS,
    "days": 5,
    "applicants": "Tổ chức, cá nhân kinh doanh điểm cung cấp dịch vụ trò chơi điện tử công cộng.",
    "fees": [fixed("Phí thẩm định cấp giấy chứng nhận", 400_000)],
    "components": [component("Đơn đề nghị cấp giấy chứng nhận đủ điều kiện hoạt động")],
    "result": "Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử.",
    "result_en": "Certificate of eligibility of the public electronic games outlet.",
    "keywords": "trò chơi điện tử, internet",
}
SECURITY_LEVEL = {
    "code": "1.008432.000.00.00.H34",
    "title": "Thẩm định, phê duyệt hồ sơ đề xuất cấp độ an toàn hệ thống thông tin",
    "title_en": "Appraisal of a proposed information system security level",
    "slug": "tham-dinh-ho-so-de-xuat-cap-do-an-toan-he-thong-thong-tin",
    "sector": "cong-nghe-thong-tin",
    "level": 1,
    "unit": IT,
    "days": 15,
    "applicants": "Cơ quan, tổ chức chủ quản hệ thống thông tin tại địa phương.",
    "components": [component("Hồ sơ đề xuất cấp độ an toàn hệ thống thông tin")],
    "result": "Quyết định phê duyệt cấp độ an toàn hệ thống thông tin.",
    "result_en": "Decision approving the security level.",
    "keywords": "an toàn thông tin, cấp độ",
}
RESEARCH_RESULTS = {
    "code": "1.002750.000.00.00.H34",
    "title": "Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước",
    "title_en": "Registration of the results of a state-funded science and technology task",
    "slug": "dang-ky-ket-qua-thuc-hien-nhiem-vu-khoa-hoc-cong-nghe",
    "sector": "khoa-hoc-cong-nghe",
    "level": 2,
    "unit": SCIENCE,
    "days": 5,
    "applicants": "Tổ chức chủ trì nhiệm vụ khoa học và công nghệ cấp tỉnh, cấp cơ sở.",
    "components": [
        component(
            "Phiếu đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ",
            template=("pdf", ["Tên nhiệm vụ", "Mã số nhiệm vụ", "Tổ chức chủ trì"]),
        ),
        component("Báo cáo tổng hợp kết quả thực hiện nhiệm vụ"),
    ],
    "result": "Giấy chứng nhận đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ.",
    "result_en": "Certificate of registration of the task's results.",
    "keywords": "nhiệm vụ, đăng ký kết quả",
}
SCIENCE_ENTERPRISE = {
    "code": "1.003007.000.00.00.H34",
    "title": "Cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ",
    "title_en": "Science and technology enterprise certificate",
    "slug": "cap-giay-chung-nhan-doanh-nghiep-khoa-hoc-cong-nghe",
    "sector": "khoa-hoc-cong-nghe",
    "level": 1,
    "unit": SCIENCE,
    "days": 7,
    "applicants": "Doanh nghiệp có doanh thu từ sản phẩm hình thành từ kết quả khoa học.",
    "components": [component("Đơn đề nghị cấp giấy chứng nhận doanh nghiệp")],
    "result": "Giấy chứng nhận doanh nghiệp khoa học và công nghệ.",
    "result_en": "Science and technology enterprise certificate.",
    "keywords": "doanh nghiệp",
}
# In the sector "Khoa học và Công nghệ" without naming it: found through its sector only.
TECHNOLOGY_TRANSFER = {
    "code": "1.001735.000.00.00.H34",
    "title": "Đăng ký hợp đồng chuyển giao công nghệ",
    "title_en": "Registration of a technology transfer contract",
    "slug": "dang-ky-hop-dong-chuyen-giao-cong-nghe",
    "sector": "khoa-hoc-cong-nghe",
    "level": 2,
    "unit": OFFICE,
    "days": 5,
    "applicants": "Bên nhận hoặc bên giao công nghệ trong hợp đồng chuyển giao công nghệ.",
    "fees": [fixed("Phí thẩm định hợp đồng chuyển giao công nghệ", 3_000_000)],
    "components": [component("Văn bản đề nghị đăng ký chuyển giao công nghệ")],
    "result": "Giấy chứng nhận đăng ký chuyển giao công nghệ.",
    "result_en": "Certificate of registration of the technology transfer.",
    "keywords": "chuyển giao",
}

CATALOGUE = [
    NEWSLETTER,
    PRESS_CONFERENCE,
    PRINTING_LICENCE,
    PRINTING_REGISTRATION,
    NON_COMMERCIAL,
    EXHIBITION,
    IMPORT_LICENCE,
    POSTAL_LICENCE,
    POSTAL_NOTICE,
    POSTAL_AMENDMENT,
    WEBSITE_LICENCE,
    GAMES_OUTLET,
    SECURITY_LEVEL,
    RESEARCH_RESULTS,
    SCIENCE_ENTERPRISE,
    TECHNOLOGY_TRANSFER,
]


def sector(code):
    for order, (sector_code, name, name_en) in enumerate(SECTORS):
        if sector_code == code:
            return Sector.objects.get_or_create(
                code=code, defaults={"name": name, "name_en": name_en, "sort_order": order}
            )[0]
    raise KeyError(code)


def all_sectors():
    return [sector(code) for code, _name, _name_en in SECTORS]


def agency_unit(code):
    if code in UNITS:
        name, name_en = UNITS[code]
        return AgencyUnitFactory(
            identifier_code=code, name=name, name_en=name_en, sort_order=int(code[4:6])
        )
    return unit(code)


def legal_document(number):
    """The legal document page of that number under /van-ban/ (added if missing)."""
    from portal.models import LegalDocumentIndexPage, LegalDocumentPage

    index = LegalDocumentIndexPage.objects.filter(slug="van-ban").first()
    if index is None:
        index = LegalDocumentIndexPageFactory()
    existing = LegalDocumentPage.objects.filter(number_symbol=number, locale=index.locale).first()
    if existing is not None:
        return existing
    doc_type, title, issuer = LEGAL_DOCUMENTS[number]
    type_label = LegalDocumentPage.DocumentType(doc_type).label
    return LegalDocumentPageFactory(
        parent=index,
        title=f"{type_label} {number}: {title}",
        slug=number.lower().replace("/", "-").replace("đ", "d"),
        number_symbol=number,
        document_type=doc_type,
        issuer=issuer,
    )


def template_bytes(title, fmt, labels):
    """An official blank form: the national motto, the title, one line per label."""
    from core.pdf import MOTTO, simple_document_pdf

    lines = [f"{number}. {label}: " + "." * 40 for number, label in enumerate(labels, start=1)]
    if fmt == "pdf":
        return simple_document_pdf(
            title=title.upper(),
            header_lines=list(MOTTO),
            paragraphs=[f"Kính gửi: {AGENCY['name']}", *lines],
            author=AGENCY["name"],
            subject=title,
        )
    from docx import Document as DocxDocument

    document = DocxDocument()
    for line in MOTTO:
        document.add_paragraph(line)
    document.add_heading(title.upper(), level=1)
    document.add_paragraph(f"Kính gửi: {AGENCY['name']}")
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def template_document(title, fmt, labels):
    """The template in the document library, titled as the dossier item it is the form of."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = Document(title=title)
    filename = f"{slugify(normalise(title))[:80]}.{fmt}"
    document.file.save(filename, ContentFile(template_bytes(title, fmt, labels)), save=False)
    document.save()
    return document


def online_form(slug):
    """A published two-step online form for a level-3/4 procedure."""
    from forms.models import FormDefinition

    existing = FormDefinition.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    return make_definition(
        [
            step(
                "to-chuc",
                "Thông tin tổ chức",
                "Organisation",
                [
                    field("text", "ten_to_chuc", "Tên cơ quan, tổ chức", "Organisation"),
                    field("email", "thu_dien_tu", "Thư điện tử", "E-mail"),
                ],
            ),
            step(
                "giay-to",
                "Giấy tờ kèm theo",
                "Documents",
                [field("file", "giay_to", "Bản sao quyết định thành lập", "Founding decision")],
            ),
        ],
        slug=slug,
    )


class CatalogueProcedureFactory(ProcedureFactory):
    """A procedure with any kind of fee (`fees=[(label, kind, amount, unit, field)]`), its
    dossier (`dossier_components=[DossierComponent]`) and legal links."""

    class Meta:
        model = Procedure

    @classmethod
    def _create(cls, model_class, *args, fees=(), steps=(), **kwargs):
        parent = kwargs.pop("parent")
        procedure = model_class(**kwargs)
        procedure.fee_rules = [
            FeeRule(
                label=label,
                kind=kind,
                amount=amount,
                unit_label=unit_label,
                quantity_field=quantity_field,
                sort_order=order,
            )
            for order, (label, kind, amount, unit_label, quantity_field) in enumerate(fees)
        ]
        procedure.steps = [
            ProcedureStep(title=title, description=description, sort_order=order)
            for order, (title, description) in enumerate(steps)
        ]
        parent.add_child(instance=procedure)
        procedure.save_revision().publish()
        procedure.refresh_from_db()
        return procedure


def build_procedure(spec, *, templates=True, **fields):
    """The procedure `spec` describes, published in the catalogue. `templates=False` leaves
    out the official blank forms (the dossier items stay), which a test may not need."""
    level = spec["level"]
    components = [
        DossierComponent(
            name=item["name"],
            originals=item["originals"],
            copies=item["copies"],
            is_required=item["required"],
            note=item["note"],
            template=(
                template_document(item["name"], *item["template"])
                if templates and item["template"]
                else None
            ),
            sort_order=order,
        )
        for order, item in enumerate(spec["components"])
    ]
    legal_links = [
        LegalBasisLink(document=legal_document(number), sort_order=order)
        for order, number in enumerate(spec.get("legal", ()))
    ]
    values = {
        "title": spec["title"],
        "slug": spec["slug"],
        "code": spec["code"],
        "sector": sector(spec["sector"]),
        "service_level": level,
        "implementing_level": ImplementingLevel.PROVINCE,
        "receiving_unit": agency_unit(spec["unit"]),
        "deciding_agency": DECIDING_AGENCY,
        "applicants": spec["applicants"],
        "methods": [ApplicationMethod.IN_PERSON, ApplicationMethod.POST]
        + ([ApplicationMethod.ONLINE] if level >= 3 else []),
        "methods_note": RECEPTION_NOTE,
        "processing_days": spec["days"],
        "processing_note": TIME_NOTE,
        "requirements": spec.get("requirements", ""),
        "result": spec["result"],
        "legal_basis": spec.get("legal_text", ""),
        "keywords": spec["keywords"],
        "search_description": f"{spec['title']}: hồ sơ, thời hạn, phí, lệ phí và mẫu đơn.",
        "online_form": online_form(spec["form"]) if spec.get("form") else None,
        "fees": spec.get("fees", ()),
        "steps": STEPS,
        "dossier_components": components,
        "legal_basis_links": legal_links,
        "parent": ProcedureIndexPageFactory(),
    }
    values.update(fields)
    return CatalogueProcedureFactory(**values)


def build_catalogue(*specs, templates=False, in_english=False):
    """The procedures of `specs` (by default the whole `CATALOGUE`), with every sector;
    `in_english=True` adds the English site: home, catalogue and each procedure."""
    all_sectors()
    procedures = [build_procedure(spec, templates=templates) for spec in specs or CATALOGUE]
    if in_english:
        for procedure, spec in zip(procedures, specs or CATALOGUE, strict=True):
            translate(procedure, spec)
    return procedures


def translate(procedure, spec):
    """The English version of a procedure, its catalogue and home page first."""
    from wagtail.models import Locale

    en = Locale.objects.get(language_code="en")
    catalogue = procedure.get_parent().specific
    if catalogue.get_translation_or_none(en) is None:
        home = home_page()
        if home.get_translation_or_none(en) is None:
            english(home, title=AGENCY["name_en"], slug="home")
        english(catalogue, title="Administrative procedures", slug="procedures")
    return english(
        procedure,
        title=spec["title_en"],
        slug=slugify(spec["title_en"]),
        result=spec["result_en"],
        processing_note="from receipt of a complete, valid dossier",
    )
