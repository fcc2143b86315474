"""Demo catalogue of the demo agency: procedures of a provincial Department of Science
and Technology, which since 2025 also carries out those of the former Department of
Information and Communications (press, publishing, posts, telecommunications, IT).

Names follow the national catalogue; codes, fees and time limits are illustrative.
Loading is idempotent: what exists (matched by code, slug or title) is left alone,
so running it twice changes nothing and never overwrites an editor's work.
"""

import io

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale

from core.models import AgencyUnit
from core.pdf import MOTTO, simple_document_pdf
from forms.models import FormDefinition
from portal import demo_media
from portal.demo import child
from portal.models import LegalDocumentPage

from .constants import ApplicationMethod, FeeKind, ImplementingLevel
from .models import (
    DossierComponent,
    FeeRule,
    LegalBasisLink,
    Procedure,
    ProcedureIndexPage,
    ProcedureStep,
    Sector,
)
from .text import normalise

AGENCY_NAME = "Sở Khoa học và Công nghệ tỉnh Khánh Hòa"
DECIDING = "Giám đốc Sở Khoa học và Công nghệ tỉnh Khánh Hòa"
RECEPTION_NOTE = (
    "Nộp tại Bộ phận tiếp nhận và trả kết quả của Sở (Trung tâm Phục vụ hành chính công tỉnh, "
    "số 04 Phan Chu Trinh, phường Nha Trang), gửi qua dịch vụ bưu chính công ích, hoặc nộp trực "
    "tuyến trên Cổng dịch vụ công (nếu thủ tục có cung cấp)."
)
TIME_NOTE = "kể từ ngày nhận đủ hồ sơ hợp lệ"

SECTORS = [
    ("bao-chi", "Báo chí", "Press"),
    ("xuat-ban", "Xuất bản, In và Phát hành", "Publishing, Printing and Distribution"),
    ("buu-chinh", "Bưu chính", "Posts"),
    ("vien-thong", "Viễn thông và Internet", "Telecommunications and Internet"),
    ("cong-nghe-thong-tin", "Công nghệ thông tin", "Information Technology"),
    ("khoa-hoc-cong-nghe", "Khoa học và Công nghệ", "Science and Technology"),
]

ORGANISATION_LABELS = [
    "Tên cơ quan, tổ chức đề nghị",
    "Địa chỉ trụ sở chính",
    "Số điện thoại",
    "Thư điện tử",
    "Họ và tên người đứng đầu",
]

STANDARD_STEPS = [
    (
        "Nộp hồ sơ",
        "Tổ chức, cá nhân nộp hồ sơ trực tiếp, qua bưu chính hoặc trực tuyến.",
    ),
    (
        "Tiếp nhận, kiểm tra hồ sơ",
        "Bộ phận tiếp nhận kiểm tra tính đầy đủ, hợp lệ; hướng dẫn bổ sung một lần nếu thiếu.",
    ),
    (
        "Thẩm định, trình ký",
        "Phòng chuyên môn thẩm định hồ sơ và trình Giám đốc Sở quyết định.",
    ),
    (
        "Trả kết quả",
        "Trả kết quả trực tiếp, qua bưu chính hoặc trực tuyến; trường hợp từ chối, trả lời bằng "
        "văn bản và nêu rõ lý do.",
    ),
]

ALL_METHODS = [ApplicationMethod.IN_PERSON, ApplicationMethod.POST, ApplicationMethod.ONLINE]
OFFLINE_METHODS = [ApplicationMethod.IN_PERSON, ApplicationMethod.POST]


def with_template(name, fmt, labels):
    """A dossier component that has an official template (DOCX or PDF) with these labels."""
    return {"name": name, "template": (fmt, labels)}


def plain_document(name, originals=1, copies=0, required=True, note=""):
    return {
        "name": name,
        "originals": originals,
        "copies": copies,
        "required": required,
        "note": note,
    }


# Each procedure: national code, names (vi, en), sector, level, receiving unit, time
# limit, fees, dossier, result (vi, en), legal basis. Level-3/4 procedures name the
# online form (by slug) that the form engine links them to.
PROCEDURES = [
    {
        "code": "1.004227.000.00.00.H34",
        "title": "Cấp giấy phép xuất bản bản tin (địa phương)",
        "title_en": "Licence to publish a newsletter (local)",
        "slug": "cap-giay-phep-xuat-ban-ban-tin",
        "sector": "bao-chi",
        "level": 4,
        "online_form_slug": "giay-phep-xuat-ban-ban-tin",
        "unit": "000.03.12.H34",
        "days": 10,
        "applicants": "Cơ quan, tổ chức của Trung ương tại địa phương; cơ quan, tổ chức, pháp nhân "
        "được thành lập theo quy định của pháp luật tại địa phương; tổ chức nước ngoài được phép "
        "hoạt động tại địa phương.",
        "requirements": "Có tôn chỉ, mục đích phù hợp với chức năng, nhiệm vụ của cơ quan, tổ "
        "chức; có người chịu trách nhiệm xuất bản bản tin; có địa chỉ, điện thoại liên hệ.",
        "fees": [("Lệ phí cấp giấy phép xuất bản bản tin", FeeKind.FIXED, 100_000, "", "")],
        "components": [
            with_template(
                "Tờ khai đề nghị cấp giấy phép xuất bản bản tin (Mẫu số 13)",
                "docx",
                ORGANISATION_LABELS
                + [
                    "Tên bản tin",
                    "Mục đích xuất bản",
                    "Nội dung thông tin",
                    "Kỳ hạn xuất bản",
                    "Khuôn khổ, số trang",
                    "Số lượng phát hành mỗi kỳ",
                    "Người chịu trách nhiệm xuất bản",
                ],
            ),
            plain_document(
                "Bản sao có chứng thực quyết định thành lập hoặc giấy chứng nhận đăng ký "
                "doanh nghiệp",
                originals=0,
                copies=1,
            ),
            plain_document("Mẫu trình bày tên gọi của bản tin", note="In màu, khổ A4."),
        ],
        "result": "Giấy phép xuất bản bản tin.",
        "result_en": "Licence to publish the newsletter.",
        "legal": ["103/2016/QH13", "45/2020/NĐ-CP"],
        "legal_text": "Thông tư số 41/2020/TT-BTTTT quy định chi tiết thi hành Luật Báo chí về "
        "hoạt động xuất bản bản tin.",
        "keywords": "bản tin, báo chí, giấy phép",
    },
    {
        "code": "1.004190.000.00.00.H34",
        "title": "Cho phép họp báo (trong nước)",
        "title_en": "Permission to hold a press conference (domestic)",
        "slug": "cho-phep-hop-bao",
        "sector": "bao-chi",
        "level": 2,
        "unit": "000.03.12.H34",
        "days": 1,
        "applicants": "Cơ quan, tổ chức, công dân Việt Nam có nhu cầu tổ chức họp báo tại địa "
        "phương.",
        "fees": [],
        "components": [
            with_template(
                "Văn bản thông báo tổ chức họp báo (Mẫu số 01/HB)",
                "pdf",
                ORGANISATION_LABELS
                + [
                    "Mục đích, nội dung họp báo",
                    "Thời gian, địa điểm tổ chức",
                    "Người chủ trì họp báo",
                    "Thành phần tham dự",
                ],
            ),
        ],
        "result": "Văn bản cho phép hoặc không cho phép họp báo.",
        "result_en": "Written permission (or refusal) to hold the press conference.",
        "legal": ["103/2016/QH13"],
        "legal_text": "",
        "keywords": "họp báo, báo chí",
    },
    {
        "code": "1.003725.000.00.00.H34",
        "title": "Cấp giấy phép hoạt động in",
        "title_en": "Printing operation licence",
        "slug": "cap-giay-phep-hoat-dong-in",
        "sector": "xuat-ban",
        "level": 2,
        "unit": "000.03.12.H34",
        "days": 15,
        "applicants": "Cơ sở in thực hiện chế bản, in, gia công sau in báo, tạp chí, tem chống "
        "giả, hóa đơn, sản phẩm in có yếu tố bảo mật.",
        "requirements": "Có thiết bị in phù hợp; có mặt bằng sản xuất ngoài khu dân cư; người đứng "
        "đầu có trình độ cao đẳng trở lên và đã qua bồi dưỡng kiến thức quản lý hoạt động in.",
        "fees": [],
        "components": [
            with_template(
                "Đơn đề nghị cấp giấy phép hoạt động in (Mẫu số 01)",
                "docx",
                ORGANISATION_LABELS
                + [
                    "Mã số doanh nghiệp",
                    "Địa chỉ cơ sở sản xuất",
                    "Sản phẩm in đề nghị cấp phép",
                    "Danh mục thiết bị in",
                ],
            ),
            plain_document(
                "Bản sao giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập",
                originals=0,
                copies=1,
            ),
            plain_document("Giấy tờ chứng minh quyền sử dụng hợp pháp mặt bằng sản xuất", 0, 1),
            plain_document("Sơ yếu lý lịch của người đứng đầu cơ sở in"),
        ],
        "result": "Giấy phép hoạt động in.",
        "result_en": "Printing operation licence.",
        "legal": ["19/2012/QH13"],
        "legal_text": "Nghị định số 60/2014/NĐ-CP quy định về hoạt động in (sửa đổi bởi Nghị định "
        "số 25/2018/NĐ-CP và Nghị định số 72/2022/NĐ-CP).",
        "keywords": "in, cơ sở in, giấy phép hoạt động in",
    },
    {
        "code": "1.003741.000.00.00.H34",
        "title": "Đăng ký hoạt động cơ sở in",
        "title_en": "Registration of a printing establishment",
        "slug": "dang-ky-hoat-dong-co-so-in",
        "sector": "xuat-ban",
        "level": 3,
        "online_form_slug": "dang-ky-co-so-in",
        "unit": "000.03.12.H34",
        "days": 5,
        "applicants": "Cơ sở in chỉ thực hiện chế bản, in, gia công sau in các sản phẩm không "
        "thuộc diện phải cấp giấy phép hoạt động in.",
        "fees": [],
        "components": [
            with_template(
                "Tờ khai đăng ký hoạt động cơ sở in (Mẫu số 05)",
                "docx",
                ORGANISATION_LABELS
                + [
                    "Mã số doanh nghiệp hoặc số giấy chứng nhận đăng ký hộ kinh doanh",
                    "Địa chỉ cơ sở sản xuất",
                    "Danh mục thiết bị in",
                    "Loại sản phẩm in",
                ],
            ),
            plain_document("Bản sao giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh", 0, 1),
            plain_document("Bản sao giấy tờ chứng minh việc sở hữu hoặc thuê thiết bị in", 0, 1),
        ],
        "result": "Giấy xác nhận đăng ký hoạt động cơ sở in.",
        "result_en": "Certificate of registration of the printing establishment.",
        "legal": ["19/2012/QH13", "45/2020/NĐ-CP"],
        "legal_text": "Nghị định số 60/2014/NĐ-CP quy định về hoạt động in; Nghị định số "
        "25/2018/NĐ-CP sửa đổi, bổ sung.",
        "keywords": "in, đăng ký cơ sở in",
    },
    {
        "code": "1.003900.000.00.00.H34",
        "title": "Cấp giấy phép xuất bản tài liệu không kinh doanh",
        "title_en": "Licence to publish non-commercial materials",
        "slug": "cap-giay-phep-xuat-ban-tai-lieu-khong-kinh-doanh",
        "sector": "xuat-ban",
        "level": 2,
        "unit": "000.03.12.H34",
        "days": 10,
        "applicants": "Cơ quan, tổ chức, đơn vị có tư cách pháp nhân tại địa phương có nhu cầu "
        "xuất bản tài liệu không kinh doanh.",
        "fees": [
            (
                "Phí thẩm định nội dung tài liệu không kinh doanh",
                FeeKind.PER_UNIT,
                14_000,
                "trang quy chuẩn",
                "so_trang",
            )
        ],
        "components": [
            with_template(
                "Đơn đề nghị cấp giấy phép xuất bản tài liệu không kinh doanh (Mẫu số 08)",
                "pdf",
                ORGANISATION_LABELS
                + [
                    "Tên tài liệu",
                    "Tác giả hoặc người biên soạn",
                    "Số trang",
                    "Khuôn khổ",
                    "Số lượng in",
                    "Tên và địa chỉ cơ sở in",
                ],
            ),
            plain_document("Hai bản thảo tài liệu in trên giấy", originals=2),
        ],
        "result": "Giấy phép xuất bản tài liệu không kinh doanh.",
        "result_en": "Licence to publish the non-commercial material.",
        "legal": ["19/2012/QH13"],
        "legal_text": "Nghị định số 195/2013/NĐ-CP quy định chi tiết Luật Xuất bản; Thông tư số "
        "214/2016/TT-BTC về phí thẩm định nội dung tài liệu không kinh doanh.",
        "keywords": "xuất bản, tài liệu không kinh doanh",
    },
    {
        "code": "1.003944.000.00.00.H34",
        "title": "Cấp giấy phép tổ chức triển lãm, hội chợ xuất bản phẩm",
        "title_en": "Licence to hold an exhibition or fair of publications",
        "slug": "cap-giay-phep-trien-lam-hoi-cho-xuat-ban-pham",
        "sector": "xuat-ban",
        "level": 1,
        "unit": "000.03.12.H34",
        "days": 8,
        "applicants": "Cơ quan, tổ chức tại địa phương tổ chức triển lãm, hội chợ xuất bản phẩm.",
        "fees": [],
        "components": [
            plain_document("Đơn đề nghị cấp giấy phép tổ chức triển lãm, hội chợ xuất bản phẩm"),
            plain_document("Danh mục xuất bản phẩm để triển lãm, hội chợ"),
        ],
        "result": "Giấy phép tổ chức triển lãm, hội chợ xuất bản phẩm.",
        "result_en": "Licence to hold the exhibition or fair.",
        "legal": ["19/2012/QH13"],
        "legal_text": "Nghị định số 195/2013/NĐ-CP quy định chi tiết Luật Xuất bản.",
        "keywords": "triển lãm, hội chợ sách",
    },
    {
        "code": "1.003961.000.00.00.H34",
        "title": "Cấp giấy phép nhập khẩu xuất bản phẩm không kinh doanh",
        "title_en": "Licence to import non-commercial publications",
        "slug": "cap-giay-phep-nhap-khau-xuat-ban-pham-khong-kinh-doanh",
        "sector": "xuat-ban",
        "level": 2,
        "unit": "000.03.12.H34",
        "days": 7,
        "applicants": "Cơ quan, tổ chức, cá nhân tại địa phương nhập khẩu xuất bản phẩm không "
        "nhằm mục đích kinh doanh.",
        "fees": [
            (
                "Phí thẩm định nội dung xuất bản phẩm nhập khẩu",
                FeeKind.PER_UNIT,
                50_000,
                "tên xuất bản phẩm",
                "so_ten_xuat_ban_pham",
            )
        ],
        "components": [
            with_template(
                "Đơn đề nghị cấp giấy phép nhập khẩu xuất bản phẩm (Mẫu số 15)",
                "docx",
                ORGANISATION_LABELS
                + ["Danh mục xuất bản phẩm nhập khẩu", "Mục đích nhập khẩu", "Cửa khẩu nhập"],
            ),
        ],
        "result": "Giấy phép nhập khẩu xuất bản phẩm không kinh doanh.",
        "result_en": "Licence to import the non-commercial publications.",
        "legal": ["19/2012/QH13"],
        "legal_text": "Thông tư số 01/2020/TT-BTTTT hướng dẫn Luật Xuất bản.",
        "keywords": "nhập khẩu, xuất bản phẩm",
    },
    {
        "code": "1.005442.000.00.00.H34",
        "title": "Cấp giấy phép bưu chính",
        "title_en": "Postal licence",
        "slug": "cap-giay-phep-buu-chinh",
        "sector": "buu-chinh",
        "level": 2,
        "unit": "000.04.12.H34",
        "days": 20,
        "applicants": "Doanh nghiệp cung cấp dịch vụ thư có khối lượng đơn chiếc đến 2 kg trong "
        "phạm vi nội tỉnh.",
        "requirements": "Có giấy chứng nhận đăng ký doanh nghiệp; đáp ứng điều kiện tài chính, "
        "nhân sự và có phương án kinh doanh khả thi.",
        "fees": [
            ("Phí thẩm định điều kiện hoạt động bưu chính", FeeKind.FIXED, 10_000_000, "", "")
        ],
        "components": [
            with_template(
                "Đơn đề nghị cấp giấy phép bưu chính (Mẫu số 01/GPBC)",
                "docx",
                ORGANISATION_LABELS
                + [
                    "Mã số doanh nghiệp",
                    "Vốn điều lệ",
                    "Phạm vi cung cấp dịch vụ",
                    "Dịch vụ bưu chính đề nghị cấp phép",
                ],
            ),
            plain_document("Phương án kinh doanh"),
            plain_document("Mẫu hợp đồng cung ứng và sử dụng dịch vụ bưu chính"),
            plain_document("Bảng giá cước dịch vụ bưu chính"),
        ],
        "result": "Giấy phép bưu chính.",
        "result_en": "Postal licence.",
        "legal": ["2150/QĐ-UBND"],
        "legal_text": "Luật Bưu chính số 49/2010/QH12; Nghị định số 47/2011/NĐ-CP (sửa đổi bởi Nghị "
        "định số 25/2022/NĐ-CP); Thông tư số 291/2016/TT-BTC.",
        "keywords": "bưu chính, giấy phép",
    },
    {
        "code": "1.005450.000.00.00.H34",
        "title": "Xác nhận thông báo hoạt động bưu chính",
        "title_en": "Confirmation of a notice of postal activity",
        "slug": "xac-nhan-thong-bao-hoat-dong-buu-chinh",
        "sector": "buu-chinh",
        "level": 2,
        "unit": "000.04.12.H34",
        "days": 7,
        "applicants": "Doanh nghiệp, văn phòng đại diện, chi nhánh cung ứng dịch vụ bưu chính "
        "không thuộc diện phải cấp giấy phép.",
        "fees": [
            (
                "Phí thẩm định xác nhận thông báo hoạt động bưu chính",
                FeeKind.FIXED,
                2_000_000,
                "",
                "",
            )
        ],
        "components": [
            with_template(
                "Văn bản thông báo hoạt động bưu chính (Mẫu số 03/TBBC)",
                "pdf",
                ORGANISATION_LABELS + ["Mã số doanh nghiệp", "Dịch vụ bưu chính cung ứng"],
            ),
            plain_document("Bản sao giấy chứng nhận đăng ký doanh nghiệp", 0, 1),
        ],
        "result": "Văn bản xác nhận thông báo hoạt động bưu chính.",
        "result_en": "Written confirmation of the notice of postal activity.",
        "legal": ["2150/QĐ-UBND"],
        "legal_text": "Luật Bưu chính số 49/2010/QH12; Nghị định số 47/2011/NĐ-CP.",
        "keywords": "bưu chính, thông báo hoạt động",
    },
    {
        "code": "1.005443.000.00.00.H34",
        "title": "Sửa đổi, bổ sung giấy phép bưu chính",
        "title_en": "Amendment of a postal licence",
        "slug": "sua-doi-bo-sung-giay-phep-buu-chinh",
        "sector": "buu-chinh",
        "level": 1,
        "unit": "000.04.12.H34",
        "days": 10,
        "applicants": "Doanh nghiệp đã được cấp giấy phép bưu chính có thay đổi nội dung giấy phép.",
        "fees": [("Phí thẩm định sửa đổi giấy phép bưu chính", FeeKind.FIXED, 5_000_000, "", "")],
        "components": [
            plain_document("Đơn đề nghị sửa đổi, bổ sung giấy phép bưu chính"),
            plain_document("Bản sao giấy phép bưu chính đã được cấp", 0, 1),
        ],
        "result": "Giấy phép bưu chính sửa đổi, bổ sung.",
        "result_en": "Amended postal licence.",
        "legal": ["2150/QĐ-UBND"],
        "legal_text": "Luật Bưu chính số 49/2010/QH12; Nghị định số 47/2011/NĐ-CP.",
        "keywords": "bưu chính, sửa đổi giấy phép",
    },
    {
        "code": "1.004469.000.00.00.H34",
        "title": "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
        "title_en": "Licence to set up a general information website",
        "slug": "cap-giay-phep-thiet-lap-trang-thong-tin-dien-tu-tong-hop",
        "sector": "vien-thong",
        "level": 4,
        "online_form_slug": "giay-phep-trang-thong-tin-dien-tu",
        "unit": "000.04.12.H34",
        "days": 10,
        "applicants": "Doanh nghiệp, tổ chức được thành lập theo pháp luật Việt Nam có đăng ký "
        "ngành nghề phù hợp.",
        "requirements": "Có tên miền sử dụng dịch vụ tại Việt Nam còn thời hạn ít nhất 6 tháng; có "
        "nhân sự chịu trách nhiệm quản lý nội dung; có biện pháp bảo đảm an toàn thông tin.",
        "fees": [
            (
                "Phí thẩm định cấp giấy phép, theo tên miền",
                FeeKind.PER_UNIT,
                500_000,
                "tên miền",
                "so_ten_mien",
            )
        ],
        "components": [
            with_template(
                "Đơn đề nghị cấp giấy phép thiết lập trang thông tin điện tử tổng hợp (Mẫu số 23)",
                "docx",
                ORGANISATION_LABELS
                + [
                    "Tên miền",
                    "Nguồn tin",
                    "Nơi đặt máy chủ",
                    "Người chịu trách nhiệm quản lý nội dung",
                ],
            ),
            plain_document(
                "Bản sao giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập", 0, 1
            ),
            plain_document("Đề án hoạt động có chữ ký, dấu của người đứng đầu"),
            plain_document("Văn bản chấp thuận của các tổ chức cung cấp nguồn tin"),
        ],
        "result": "Giấy phép thiết lập trang thông tin điện tử tổng hợp.",
        "result_en": "Licence to set up the general information website.",
        "legal": ["45/2020/NĐ-CP"],
        "legal_text": "Nghị định số 147/2024/NĐ-CP về quản lý, cung cấp, sử dụng dịch vụ Internet "
        "và thông tin trên mạng.",
        "keywords": "trang thông tin điện tử, website, internet",
    },
    {
        "code": "1.004522.000.00.00.H34",
        "title": "Cấp giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi "
        "điện tử công cộng",
        "title_en": "Certificate of eligibility for a public electronic games outlet",
        "slug": "chung-nhan-diem-cung-cap-dich-vu-tro-choi-dien-tu-cong-cong",
        "sector": "vien-thong",
        "level": 1,
        "unit": "000.04.12.H34",
        "days": 5,
        "applicants": "Tổ chức, cá nhân kinh doanh điểm cung cấp dịch vụ trò chơi điện tử công "
        "cộng.",
        "fees": [("Phí thẩm định cấp giấy chứng nhận", FeeKind.FIXED, 400_000, "", "")],
        "components": [
            plain_document(
                "Đơn đề nghị cấp giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ"
            ),
            plain_document("Bản sao giấy chứng nhận đăng ký kinh doanh", 0, 1),
        ],
        "result": "Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử "
        "công cộng.",
        "result_en": "Certificate of eligibility of the public electronic games outlet.",
        "legal": [],
        "legal_text": "Nghị định số 147/2024/NĐ-CP về quản lý, cung cấp, sử dụng dịch vụ Internet "
        "và thông tin trên mạng.",
        "keywords": "trò chơi điện tử, internet",
    },
    {
        "code": "1.008432.000.00.00.H34",
        "title": "Thẩm định, phê duyệt hồ sơ đề xuất cấp độ an toàn hệ thống thông tin",
        "title_en": "Appraisal of a proposed information system security level",
        "slug": "tham-dinh-ho-so-de-xuat-cap-do-an-toan-he-thong-thong-tin",
        "sector": "cong-nghe-thong-tin",
        "level": 1,
        "unit": "000.05.12.H34",
        "days": 15,
        "applicants": "Cơ quan, tổ chức chủ quản hệ thống thông tin tại địa phương.",
        "fees": [],
        "components": [
            plain_document("Văn bản đề nghị thẩm định hồ sơ đề xuất cấp độ"),
            plain_document("Hồ sơ đề xuất cấp độ an toàn hệ thống thông tin"),
        ],
        "result": "Văn bản thẩm định, quyết định phê duyệt cấp độ an toàn hệ thống thông tin.",
        "result_en": "Appraisal and decision approving the security level.",
        "legal": [],
        "legal_text": "Nghị định số 85/2016/NĐ-CP về bảo đảm an toàn hệ thống thông tin theo cấp "
        "độ; Thông tư số 12/2022/TT-BTTTT.",
        "keywords": "an toàn thông tin, cấp độ",
    },
    {
        "code": "1.002750.000.00.00.H34",
        "title": "Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ sử dụng ngân sách "
        "nhà nước",
        "title_en": "Registration of the results of a state-funded science and technology task",
        "slug": "dang-ky-ket-qua-thuc-hien-nhiem-vu-khoa-hoc-cong-nghe",
        "sector": "khoa-hoc-cong-nghe",
        "level": 2,
        "unit": "000.06.12.H34",
        "days": 5,
        "applicants": "Tổ chức chủ trì nhiệm vụ khoa học và công nghệ cấp tỉnh, cấp cơ sở.",
        "fees": [],
        "components": [
            with_template(
                "Phiếu đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ",
                "pdf",
                [
                    "Tên nhiệm vụ",
                    "Mã số nhiệm vụ",
                    "Tổ chức chủ trì",
                    "Chủ nhiệm nhiệm vụ",
                    "Kinh phí thực hiện",
                    "Thời gian thực hiện",
                ],
            ),
            plain_document("Báo cáo tổng hợp kết quả thực hiện nhiệm vụ"),
            plain_document("Biên bản họp hội đồng đánh giá, nghiệm thu", 0, 1),
        ],
        "result": "Giấy chứng nhận đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ.",
        "result_en": "Certificate of registration of the task's results.",
        "legal": [],
        "legal_text": "Luật Khoa học và Công nghệ số 29/2013/QH13; Thông tư số 14/2014/TT-BKHCN.",
        "keywords": "khoa học công nghệ, nhiệm vụ, đăng ký kết quả",
    },
    {
        "code": "1.003007.000.00.00.H34",
        "title": "Cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ",
        "title_en": "Science and technology enterprise certificate",
        "slug": "cap-giay-chung-nhan-doanh-nghiep-khoa-hoc-cong-nghe",
        "sector": "khoa-hoc-cong-nghe",
        "level": 1,
        "unit": "000.06.12.H34",
        "days": 7,
        "applicants": "Doanh nghiệp có doanh thu từ sản phẩm hình thành từ kết quả khoa học và "
        "công nghệ đạt tỷ lệ theo quy định.",
        "fees": [],
        "components": [
            plain_document("Đơn đề nghị cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ"),
            plain_document(
                "Văn bản xác nhận quyền sở hữu, sử dụng hợp pháp kết quả khoa học", 0, 1
            ),
        ],
        "result": "Giấy chứng nhận doanh nghiệp khoa học và công nghệ.",
        "result_en": "Science and technology enterprise certificate.",
        "legal": [],
        "legal_text": "Nghị định số 13/2019/NĐ-CP về doanh nghiệp khoa học và công nghệ.",
        "keywords": "doanh nghiệp khoa học công nghệ",
    },
]

# The online form (by slug) each level-3/4 procedure uses, for the form engine to link.
ONLINE_FORM_SLUGS = {
    p["code"]: p["online_form_slug"] for p in PROCEDURES if "online_form_slug" in p
}


def template_docx(title, labels):
    """A fillable blank form as DOCX: the national motto, the title, one line per label."""
    from docx import Document as DocxDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = DocxDocument()
    for line in MOTTO:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).bold = True
    document.add_heading(title.upper(), level=1)
    document.add_paragraph(f"Kính gửi: {AGENCY_NAME}")
    for number, label in enumerate(labels, start=1):
        document.add_paragraph(f"{number}. {label}: " + "." * 60)
    document.add_paragraph(
        "Chúng tôi cam kết chịu trách nhiệm về tính chính xác của các thông tin trên."
    )
    document.add_paragraph("NGƯỜI ĐỨNG ĐẦU CƠ QUAN, TỔ CHỨC\n(Ký, ghi rõ họ tên, đóng dấu)")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def template_pdf(title, labels):
    """The same blank form as a PDF, with the portal's Vietnamese fonts."""
    return simple_document_pdf(
        title=title.upper(),
        header_lines=list(MOTTO),
        paragraphs=[f"Kính gửi: {AGENCY_NAME}"]
        + [f"{number}. {label}: " + "." * 50 for number, label in enumerate(labels, start=1)]
        + ["NGƯỜI ĐỨNG ĐẦU CƠ QUAN, TỔ CHỨC (Ký, ghi rõ họ tên, đóng dấu)"],
        author=AGENCY_NAME,
        subject=title,
    )


def template_document(name, fmt, labels):
    build = template_docx if fmt == "docx" else template_pdf
    filename = f"{slugify(normalise(name))[:80]}.{fmt}"
    return demo_media.get_or_create_document(name, lambda: build(name, labels), filename)


def ensure_sectors():
    sectors = {}
    for order, (code, name, name_en) in enumerate(SECTORS):
        sectors[code], _ = Sector.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "sort_order": order}
        )
    return sectors


def ensure_catalogue(home):
    return child(
        home,
        ProcedureIndexPage,
        "thu-tuc-hanh-chinh",
        title="Thủ tục hành chính",
        show_in_menus=True,
        intro="Tra cứu thủ tục hành chính thuộc thẩm quyền giải quyết của Sở theo lĩnh vực, mức "
        "độ dịch vụ công trực tuyến và đơn vị tiếp nhận; tải mẫu đơn, tờ khai và nộp hồ sơ trực "
        "tuyến.",
        search_description="Danh mục thủ tục hành chính và dịch vụ công trực tuyến của Sở.",
        keywords="thủ tục hành chính, dịch vụ công trực tuyến, mẫu đơn",
    )


def build_procedure(data, *, sectors, units, legal_documents):
    procedure = Procedure(
        title=data["title"],
        slug=data["slug"],
        code=data["code"],
        sector=sectors[data["sector"]],
        service_level=data["level"],
        implementing_level=ImplementingLevel.PROVINCE,
        receiving_unit=units[data["unit"]],
        deciding_agency=DECIDING,
        applicants=data["applicants"],
        methods=ALL_METHODS if data["level"] >= 3 else OFFLINE_METHODS,
        methods_note=RECEPTION_NOTE,
        processing_days=data["days"],
        processing_note=TIME_NOTE,
        requirements=data.get("requirements", ""),
        result=data["result"],
        legal_basis=data["legal_text"],
        keywords=data["keywords"],
        search_description=f"{data['title']}: hồ sơ, thời hạn, phí, lệ phí và mẫu đơn.",
    )
    if data.get("online_form_slug"):
        procedure.online_form = FormDefinition.objects.filter(slug=data["online_form_slug"]).first()
    procedure.steps = [
        ProcedureStep(title=title, description=description, sort_order=order)
        for order, (title, description) in enumerate(STANDARD_STEPS)
    ]
    components = []
    for order, component in enumerate(data["components"]):
        template = None
        if "template" in component:
            fmt, labels = component["template"]
            template = template_document(component["name"], fmt, labels)
        components.append(
            DossierComponent(
                name=component["name"],
                originals=component.get("originals", 1),
                copies=component.get("copies", 0),
                is_required=component.get("required", True),
                note=component.get("note", ""),
                template=template,
                sort_order=order,
            )
        )
    procedure.dossier_components = components
    procedure.fee_rules = [
        FeeRule(
            label=label,
            kind=kind,
            amount=amount,
            unit_label=unit_label,
            quantity_field=quantity_field,
            sort_order=order,
        )
        for order, (label, kind, amount, unit_label, quantity_field) in enumerate(data["fees"])
    ]
    procedure.legal_basis_links = [
        LegalBasisLink(document=legal_documents[number], sort_order=order)
        for order, number in enumerate(data["legal"])
        if number in legal_documents
    ]
    return procedure


def ensure_procedures(catalogue):
    sectors = ensure_sectors()
    units = {unit.identifier_code: unit for unit in AgencyUnit.objects.all()}
    legal_documents = {
        page.number_symbol: page
        for page in LegalDocumentPage.objects.filter(locale=catalogue.locale)
    }
    existing_codes = set(
        Procedure.objects.filter(locale=catalogue.locale).values_list("code", flat=True)
    )
    existing_slugs = set(catalogue.get_children().values_list("slug", flat=True))
    procedures = []
    for data in PROCEDURES:
        if data["code"] in existing_codes or data["slug"] in existing_slugs:
            continue
        procedure = build_procedure(
            data, sectors=sectors, units=units, legal_documents=legal_documents
        )
        catalogue.add_child(instance=procedure)
        procedure.save_revision().publish()
        procedures.append(procedure)
    return procedures


def ensure_online_forms(catalogue):
    """Link the level-3/4 procedures loaded before the form engine to their form.

    Only a procedure without a form is touched, so an editor's choice stays."""
    forms_by_slug = {f.slug: f for f in FormDefinition.objects.all()}
    for procedure in Procedure.objects.child_of(catalogue).filter(online_form__isnull=True):
        form = forms_by_slug.get(ONLINE_FORM_SLUGS.get(procedure.code, ""))
        if form is not None:
            procedure.online_form = form
            procedure.save_revision().publish()


def ensure_english(catalogue, en):
    """English versions of the catalogue and of each procedure (Nghị định 42/2022 Điều 4)."""
    if catalogue.get_parent().get_translation_or_none(en) is None:
        return
    catalogue_en = catalogue.get_translation_or_none(en)
    if catalogue_en is None:
        catalogue_en = catalogue.copy_for_translation(en)
        catalogue_en.title = "Administrative procedures"
        catalogue_en.slug = "procedures"
        catalogue_en.intro = (
            "Find the Department's administrative procedures by sector, online service level and "
            "receiving unit; download the official forms and apply online."
        )
        catalogue_en.search_description = "Administrative procedures and online public services."
        catalogue_en.keywords = "administrative procedures, online public services, forms"
        catalogue_en.save_revision().publish()
    english = {data["code"]: data for data in PROCEDURES}
    for procedure in Procedure.objects.child_of(catalogue):
        data = english.get(procedure.code)
        if data is None or procedure.get_translation_or_none(en) is not None:
            continue
        procedure_en = procedure.copy_for_translation(en)
        procedure_en.title = data["title_en"]
        procedure_en.slug = slugify(data["title_en"])
        procedure_en.result = data["result_en"]
        procedure_en.processing_note = "from receipt of a complete, valid dossier"
        procedure_en.search_description = (
            f"{data['title_en']}: dossier, time limit, fees and official forms."
        )
        procedure_en.save_revision().publish()


@transaction.atomic
def load(home):
    """The demo catalogue under the demo home page, with its English version. Idempotent."""
    catalogue = ensure_catalogue(home)
    ensure_procedures(catalogue)
    ensure_online_forms(catalogue)
    en = Locale.objects.filter(language_code="en").first()
    if en is not None:
        ensure_english(catalogue, en)
    return catalogue
