"""The portal's own pages, built the way an editor fills them in.

`build_portal()` adds one page for every mandated section under the agency's home page
(introduction, news, direction with its week schedule and spokesperson, legal documents,
dissemination, plans, projects, science, directory, consultation, questions, contact and
the procedure catalogue), with the English home and introduction pages.
"""

import datetime
from types import SimpleNamespace

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Collection

from portal.models import (
    ArticlePage,
    ConsultationIndexPage,
    ContactOfficial,
    ContactPage,
    DirectoryPage,
    DraftComment,
    DraftConsultationPage,
    IntroductionPage,
    Leader,
    LeaderSchedulePage,
    LegalDocumentPage,
    MandatedSection,
    Question,
    QuestionIndexPage,
    ScheduleEntry,
)
from tests.factories import (
    AGENCY,
    ArticleIndexPageFactory,
    ArticlePageFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    ProcedureFactory,
    ProcedureIndexPageFactory,
    PublishedPageFactory,
    StandardPageFactory,
    english,
    home_page,
    pdf_document,
)


def rich(*paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (the agency's media library)."""

    title = factory.Sequence(lambda n: f"Ảnh {n + 1}")
    collection = factory.LazyFunction(Collection.get_first_root_node)


LEADERS = [
    (
        "Trần Minh Đức",
        "Giám đốc Sở",
        "Lãnh đạo, điều hành chung; phụ trách công tác tổ chức cán bộ, tài chính.",
        "0258 3822 530",
        "tmduc@khanhhoa.gov.vn",
    ),
    (
        "Nguyễn Thị Lan Anh",
        "Phó Giám đốc Sở",
        "Phụ trách lĩnh vực báo chí, xuất bản, cải cách hành chính.",
        "0258 3822 531",
        "ntlanh@khanhhoa.gov.vn",
    ),
]


def leaders(rows=LEADERS):
    return [
        Leader(name=name, position=position, duties=duties, phone=phone, email=email, sort_order=i)
        for i, (name, position, duties, phone, email) in enumerate(rows)
    ]


class IntroductionPageFactory(PublishedPageFactory):
    """Giới thiệu, with functions, a structure chart, leaders and history."""

    class Meta:
        model = IntroductionPage

    title = "Giới thiệu"
    slug = "gioi-thieu"
    show_in_menus = True
    intro = (
        "Sở Khoa học và Công nghệ là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh Khánh Hòa, "
        "tham mưu, giúp UBND tỉnh quản lý nhà nước về khoa học, công nghệ, báo chí, xuất bản."
    )
    search_description = "Chức năng, nhiệm vụ, cơ cấu tổ chức, lãnh đạo và lịch sử của Sở."
    keywords = "giới thiệu, chức năng nhiệm vụ, cơ cấu tổ chức, lãnh đạo"
    functions = rich(
        "Trình UBND tỉnh dự thảo quyết định, quy hoạch, kế hoạch phát triển khoa học, công nghệ.",
        "Giải quyết thủ tục hành chính về báo chí, xuất bản, in và phát hành theo quy định.",
    )
    structure_chart = factory.SubFactory(ImageFactory, title="Sơ đồ cơ cấu tổ chức")
    structure_chart_alt = "Lãnh đạo Sở gồm Giám đốc và các Phó Giám đốc; các đơn vị trực thuộc."
    history = rich(
        "Ngày 01/3/2025, Sở Khoa học và Công nghệ được tổ chức lại trên cơ sở hợp nhất Sở Khoa "
        "học và Công nghệ và Sở Thông tin và Truyền thông."
    )
    leaders = factory.LazyFunction(leaders)


class ArticleFactory(ArticlePageFactory):
    """An article whose source is the agency, as the portal's own articles are."""

    class Meta:
        model = ArticlePage

    source = AGENCY["name"]


def section_index(slug, title, section, articles=()):
    """An article list fulfilling `section`, with one article per (title, summary)."""
    index = ArticleIndexPageFactory(
        slug=slug, title=title, mandated_section=section, intro=title, search_description=title
    )
    today = timezone.localdate()
    for offset, (article_title, summary) in enumerate(articles):
        ArticleFactory(
            parent=index,
            slug=f"{slug}-{offset + 1}",
            title=article_title,
            summary=summary,
            date=today - datetime.timedelta(days=offset * 3),
            author="Phòng Báo chí, Xuất bản" if offset % 2 else "Văn phòng Sở",
            body=[("paragraph", rich(summary))],
            keywords=section.label,
        )
    return index


NEWS = [
    (
        "Khánh Hòa đưa 100% thủ tục hành chính đủ điều kiện lên dịch vụ công trực tuyến toàn trình",
        "Người dân, doanh nghiệp nộp hồ sơ, thanh toán phí và nhận kết quả trên mạng.",
    ),
    (
        "Hội nghị tập huấn chuyển đổi số cho cán bộ cấp xã năm 2026",
        "Hơn 300 cán bộ cấp xã được tập huấn kỹ năng số cơ bản.",
    ),
    (
        "Công bố danh mục thủ tục hành chính mới trong lĩnh vực bưu chính",
        "UBND tỉnh công bố 6 thủ tục hành chính chuẩn hóa lĩnh vực bưu chính.",
    ),
    (
        "Kiểm tra hoạt động in, phát hành xuất bản phẩm trên địa bàn tỉnh",
        "Đoàn kiểm tra liên ngành làm việc tại 12 cơ sở in.",
    ),
    (
        "Tuần lễ đổi mới sáng tạo và khởi nghiệp tỉnh Khánh Hòa",
        "Hơn 50 gian trưng bày sản phẩm khoa học, công nghệ của doanh nghiệp khởi nghiệp.",
    ),
    (
        "Cảnh báo thủ đoạn lừa đảo qua tin nhắn mạo danh cơ quan nhà nước",
        "Người dân không cung cấp mã OTP, không bấm vào đường dẫn lạ.",
    ),
]


def news_index(articles=NEWS):
    return section_index("tin-tuc", "Tin tức, sự kiện", MandatedSection.NEWS, articles)


class ScheduleEntryFactory(factory.Factory):
    class Meta:
        model = ScheduleEntry

    day = factory.LazyFunction(timezone.localdate)
    time = datetime.time(7, 30)
    leader = "Trần Minh Đức"
    content = "Giao ban lãnh đạo Sở"
    location = "Phòng họp số 1"
    participants = "Lãnh đạo Sở, trưởng các phòng"


def this_monday():
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


class LeaderSchedulePageFactory(PublishedPageFactory):
    """This week's schedule; `entries=[ScheduleEntry(...), …]` (one meeting on Monday)."""

    class Meta:
        model = LeaderSchedulePage

    title = factory.LazyAttribute(lambda o: f"Lịch công tác tuần từ {o.week_start:%d/%m/%Y}")
    slug = "lich-cong-tac"
    week_start = factory.LazyFunction(this_monday)
    note = "Lịch có thể thay đổi; mọi điều chỉnh được cập nhật tại đây."
    entries = factory.LazyAttribute(
        lambda o: [
            ScheduleEntryFactory.build(day=o.week_start, sort_order=0),
            ScheduleEntryFactory.build(
                day=o.week_start + datetime.timedelta(days=2),
                time=datetime.time(14, 0),
                leader="Nguyễn Thị Lan Anh",
                content="Họp Ban chỉ đạo chuyển đổi số tỉnh",
                location="UBND tỉnh",
                participants="Phòng Báo chí, Xuất bản",
                sort_order=1,
            ),
        ]
    )


def spokesperson_page(parent):
    return StandardPageFactory(
        parent=parent,
        slug="nguoi-phat-ngon",
        title="Người phát ngôn và cung cấp thông tin cho báo chí",
        mandated_section=MandatedSection.SPOKESPERSON,
        intro="Thông tin về người phát ngôn của Sở theo Nghị định 09/2017/NĐ-CP.",
        body=[
            (
                "person",
                {
                    "name": "Trần Minh Đức",
                    "position": "Giám đốc Sở, Người phát ngôn",
                    "phone": "0258 3822 530",
                    "email": "tmduc@khanhhoa.gov.vn",
                    "photo": None,
                    "note": "Tiếp nhận yêu cầu cung cấp thông tin của cơ quan báo chí.",
                },
            )
        ],
    )


def direction_index():
    """Chỉ đạo, điều hành: two directives, the week's schedule and the spokesperson."""
    index = section_index(
        "chi-dao-dieu-hanh",
        "Chỉ đạo, điều hành",
        MandatedSection.DIRECTION,
        [
            (
                "Chỉ thị về tăng cường kỷ luật, kỷ cương trong giải quyết thủ tục hành chính",
                "Bảo đảm 100% hồ sơ được giải quyết đúng hạn; xin lỗi bằng văn bản khi trễ hạn.",
            ),
            (
                "Công văn triển khai thanh toán trực tuyến phí, lệ phí",
                "Thanh toán trực tuyến phí, lệ phí đối với tất cả dịch vụ công toàn trình.",
            ),
        ],
    )
    LeaderSchedulePageFactory(parent=index)
    spokesperson_page(index)
    return index


# (type, title, number, issuer, signer, issued, effective, summary)
LEGAL_DOCUMENTS = [
    (
        "luat",
        "Luật Báo chí",
        "103/2016/QH13",
        "Quốc hội",
        "Nguyễn Thị Kim Ngân",
        datetime.date(2016, 4, 5),
        datetime.date(2017, 1, 1),
        "Luật Báo chí quy định về quyền tự do báo chí, quyền tự do ngôn luận trên báo chí của "
        "công dân; tổ chức và hoạt động báo chí.",
    ),
    (
        "luat",
        "Luật Xuất bản",
        "19/2012/QH13",
        "Quốc hội",
        "Nguyễn Sinh Hùng",
        datetime.date(2012, 11, 20),
        datetime.date(2013, 7, 1),
        "Luật Xuất bản quy định về tổ chức và hoạt động xuất bản; quản lý nhà nước về xuất bản.",
    ),
    (
        "nghi-dinh",
        "Nghị định về cung cấp thông tin và dịch vụ công trực tuyến",
        "42/2022/NĐ-CP",
        "Chính phủ",
        "Lê Minh Khái",
        datetime.date(2022, 6, 24),
        datetime.date(2022, 8, 8),
        "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước "
        "trên môi trường mạng.",
    ),
    (
        "nghi-dinh",
        "Nghị định về thực hiện thủ tục hành chính trên môi trường điện tử",
        "45/2020/NĐ-CP",
        "Chính phủ",
        "Nguyễn Xuân Phúc",
        datetime.date(2020, 4, 8),
        datetime.date(2020, 5, 22),
        "Quy định về thực hiện thủ tục hành chính trên môi trường điện tử.",
    ),
    (
        "nghi-dinh",
        "Nghị định về thực hiện cơ chế một cửa, một cửa liên thông",
        "61/2018/NĐ-CP",
        "Chính phủ",
        "Nguyễn Xuân Phúc",
        datetime.date(2018, 4, 23),
        datetime.date(2018, 6, 21),
        "Quy định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục "
        "hành chính.",
    ),
    (
        "thong-tu",
        "Thông tư hướng dẫn thi hành Nghị định 61/2018/NĐ-CP",
        "01/2018/TT-VPCP",
        "Văn phòng Chính phủ",
        "Mai Tiến Dũng",
        datetime.date(2018, 11, 23),
        datetime.date(2019, 1, 7),
        "Hướng dẫn thi hành một số quy định của Nghị định 61/2018/NĐ-CP về cơ chế một cửa, một "
        "cửa liên thông.",
    ),
    (
        "ke-hoach",
        "Kế hoạch chuyển đổi số tỉnh Khánh Hòa năm 2026",
        "85/KH-UBND",
        "UBND tỉnh Khánh Hòa",
        "Trần Hòa Nam",
        datetime.date(2026, 1, 20),
        datetime.date(2026, 1, 20),
        "Kế hoạch chuyển đổi số năm 2026: chính quyền số, kinh tế số, xã hội số.",
    ),
]


def legal_documents(rows=LEGAL_DOCUMENTS, *, with_files=False):
    """Văn bản pháp luật: the index and one page per row (with its PDF if `with_files`)."""
    index = LegalDocumentIndexPageFactory(
        intro="Văn bản quy phạm pháp luật và văn bản chỉ đạo liên quan đến lĩnh vực của Sở."
    )
    for doc_type, title, number, issuer, signer, issued, effective, summary in rows:
        slug = number.lower().replace("/", "-").replace("đ", "d")
        type_label = LegalDocumentPage.DocumentType(doc_type).label
        LegalDocumentPageFactory(
            parent=index,
            slug=slug,
            title=f"{type_label} {number}: {title}",
            document_type=doc_type,
            number_symbol=number,
            issuer=issuer,
            signer=signer,
            issue_date=issued,
            effective_date=effective,
            summary=summary,
            document=pdf_document(f"{type_label} {number}", f"{slug}.pdf") if with_files else None,
        )
    return index


OFFICIALS = [
    (
        "Đầu mối kiểm soát thủ tục hành chính",
        "Lê Thị Hồng",
        "Chánh Văn phòng",
        "0258 3822 535",
        "vanphong.skhcn@khanhhoa.gov.vn",
    ),
    (
        "Đầu mối an toàn thông tin mạng",
        "Võ Thanh Tùng",
        "Trưởng phòng CNTT và Chuyển đổi số",
        "0258 3822 543",
        "cntt.skhcn@khanhhoa.gov.vn",
    ),
]


class DirectoryPageFactory(PublishedPageFactory):
    class Meta:
        model = DirectoryPage

    title = "Danh bạ thư điện tử và đầu mối liên hệ"
    slug = "danh-ba"
    show_in_menus = True
    intro = "Thư điện tử công vụ của các đơn vị và đầu mối liên hệ của Sở."
    officials = factory.LazyFunction(
        lambda: [
            ContactOfficial(
                role=role, name=name, position=position, phone=phone, email=email, sort_order=i
            )
            for i, (role, name, position, phone, email) in enumerate(OFFICIALS)
        ]
    )


class ContactPageFactory(PublishedPageFactory):
    class Meta:
        model = ContactPage

    title = "Liên hệ"
    slug = "lien-he"
    show_in_menus = True
    office_hours = (
        "Sáng: 7 giờ 00 – 11 giờ 30\nChiều: 13 giờ 30 – 17 giờ 00\n"
        "Từ thứ Hai đến thứ Sáu, trừ ngày nghỉ lễ."
    )


class ConsultationIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = ConsultationIndexPage
        django_get_or_create = ("slug", "parent")

    title = "Lấy ý kiến dự thảo"
    slug = "lay-y-kien"
    show_in_menus = True
    intro = "Mời tổ chức, cá nhân góp ý các dự thảo văn bản do Sở chủ trì soạn thảo."
    parent = factory.LazyFunction(home_page)


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


class DraftConsultationPageFactory(PublishedPageFactory):
    """A draft open for comments (from 10 days ago to 20 days ahead); trait `closed`."""

    class Meta:
        model = DraftConsultationPage

    class Params:
        closed = factory.Trait(
            title="Dự thảo Kế hoạch chuyển đổi số giai đoạn 2026–2030",
            slug="du-thao-ke-hoach-chuyen-doi-so",
            opens_on=factory.LazyFunction(lambda: days_from_today(-60)),
            closes_on=factory.LazyFunction(lambda: days_from_today(-30)),
        )

    parent = factory.LazyFunction(lambda: ConsultationIndexPageFactory())
    title = "Dự thảo Quy chế quản lý, vận hành Cổng thông tin điện tử tỉnh"
    slug = "du-thao-quy-che-cong-thong-tin"
    drafting_unit = AGENCY["name"]
    summary = factory.LazyAttribute(
        lambda o: f"{o.title}. Mời tổ chức, cá nhân gửi ý kiến góp ý trước hạn."
    )
    opens_on = factory.LazyFunction(lambda: days_from_today(-10))
    closes_on = factory.LazyFunction(lambda: days_from_today(20))
    contact = "Văn phòng Sở, điện thoại 0258 3822 535"


class DraftCommentFactory(DjangoModelFactory):
    """A comment waiting for moderation; trait `approved`."""

    class Meta:
        model = DraftComment

    class Params:
        approved = factory.Trait(
            status=DraftComment.Status.APPROVED,
            moderated_at=factory.LazyFunction(timezone.now),
        )

    draft = factory.SubFactory(DraftConsultationPageFactory)
    full_name = "Trần Thị Cúc"
    email = "cuc.tt@example.vn"
    body = "Đề nghị làm rõ trách nhiệm của đơn vị cung cấp thông tin khi thông tin sai lệch."


class QuestionIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = QuestionIndexPage
        django_get_or_create = ("slug", "parent")

    title = "Hỏi đáp"
    slug = "hoi-dap"
    show_in_menus = True
    intro = "Gửi câu hỏi về thủ tục hành chính và lĩnh vực quản lý của Sở."
    parent = factory.LazyFunction(home_page)


class QuestionFactory(DjangoModelFactory):
    """A citizen's question, not answered; trait `answered` (answered and published)."""

    class Meta:
        model = Question

    class Params:
        answered = factory.Trait(
            answer="<p>Thời hạn giải quyết là 10 ngày làm việc kể từ ngày nhận đủ hồ sơ.</p>",
            answered_by="Phòng Báo chí, Xuất bản",
            answered_at=factory.LazyFunction(timezone.now),
            is_published=True,
        )

    asker_name = "Phạm Minh Tuấn"
    email = factory.Sequence(lambda n: f"nguoihoi{n}@example.vn")
    title = "Thời hạn cấp giấy phép xuất bản bản tin là bao lâu?"
    body = "Tôi muốn xin giấy phép xuất bản bản tin cho hiệp hội, xin hỏi thời hạn giải quyết?"


def questions():
    """The Hỏi đáp page with two answered questions and one waiting for an answer."""
    page = QuestionIndexPageFactory()
    now = timezone.now()
    QuestionFactory(answered=True)
    QuestionFactory(
        answered=True,
        asker_name="Đỗ Văn Hải",
        title="Cách tra cứu tình trạng hồ sơ?",
        body="Tôi đã nộp hồ sơ, làm sao để biết hồ sơ đang được xử lý đến đâu?",
        answer="<p>Nhập mã số hồ sơ tại trang Tra cứu hồ sơ để xem trạng thái.</p>",
        answered_by="Văn phòng Sở",
        answered_at=now - datetime.timedelta(days=5),
    )
    QuestionFactory(
        asker_name="Ngô Thị Mai",
        phone="0905123456",
        title="Thủ tục đăng ký hoạt động cơ sở in",
        body="Cơ sở in của tôi có 2 máy in offset, cần chuẩn bị những giấy tờ gì để đăng ký?",
    )
    return page


def english_introduction(introduction):
    """The English home (as `english()` names it) and the English `about` page."""
    home_en = english(
        introduction.get_parent().specific,
        title="Khanh Hoa Department of Science and Technology",
        slug="trang-chu-en",
        lead="Information about the Department and its online public services.",
    )
    about = english(
        introduction,
        title="About us",
        slug="about",
        intro=(
            "The Department of Science and Technology is a specialised agency of the Khanh Hoa "
            "Provincial People's Committee."
        ),
    )
    return home_en, about


def build_portal():
    """Every mandated section of the agency's portal, as `SimpleNamespace` of its pages."""
    introduction = IntroductionPageFactory()
    news = news_index()
    direction = direction_index()
    documents = legal_documents()
    dissemination = section_index(
        "pho-bien-phap-luat",
        "Phổ biến, giáo dục pháp luật",
        MandatedSection.LEGAL_DISSEMINATION,
        [
            (
                "Những điểm mới của Luật Viễn thông năm 2023",
                "Luật Viễn thông 2023 bổ sung quy định về dịch vụ trung tâm dữ liệu.",
            )
        ],
    )
    plans = section_index(
        "chien-luoc-ke-hoach",
        "Chiến lược, quy hoạch, kế hoạch",
        MandatedSection.PLANS,
        [
            (
                "Kế hoạch chuyển đổi số năm 2026",
                "Mục tiêu: 100% hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng.",
            )
        ],
    )
    projects = section_index(
        "du-an-dau-thau",
        "Dự án, đầu tư, đấu thầu",
        MandatedSection.PROJECTS,
        [
            (
                "Dự án nâng cấp Trung tâm dữ liệu tỉnh giai đoạn 2",
                "Tổng mức đầu tư 48,5 tỷ đồng từ ngân sách tỉnh; thời gian thực hiện 2026–2027.",
            )
        ],
    )
    science = section_index(
        "khoa-hoc-cong-nghe",
        "Chương trình, đề tài khoa học",
        MandatedSection.SCIENCE,
        [
            (
                "Đề tài ứng dụng trí tuệ nhân tạo trong trả lời hỏi đáp thủ tục hành chính",
                "Đề tài cấp tỉnh, kinh phí 850 triệu đồng, thực hiện 2026–2027.",
            )
        ],
    )
    directory = DirectoryPageFactory()
    open_draft = DraftConsultationPageFactory()
    closed_draft = DraftConsultationPageFactory(closed=True)
    DraftCommentFactory(draft=open_draft, approved=True, full_name="Nguyễn Văn Bình")
    DraftCommentFactory(draft=open_draft)
    qa = questions()
    contact = ContactPageFactory()
    catalogue = ProcedureIndexPageFactory()
    procedure = ProcedureFactory()
    home_en, about = english_introduction(introduction)
    return SimpleNamespace(
        home=home_page(),
        introduction=introduction,
        news=news,
        direction=direction,
        documents=documents,
        dissemination=dissemination,
        plans=plans,
        projects=projects,
        science=science,
        directory=directory,
        consultation=open_draft.get_parent().specific,
        open_draft=open_draft,
        closed_draft=closed_draft,
        qa=qa,
        contact=contact,
        catalogue=catalogue,
        procedure=procedure,
        home_en=home_en,
        about=about,
    )
