"""Demo agency for `make run`: a provincial Department of Science and Technology.

Everything here is fictional but shaped like the real thing. Loading is
idempotent: what already exists (matched by slug, identifier code or title) is
left as it is, so running it twice changes nothing and never overwrites an
editor's work.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Collection, Locale, Page, Site

from core.datafiles import demo_data
from core.models import AgencyUnit
from portal import demo_media
from portal.models import (
    AgencySettings,
    ArticleIndexPage,
    ArticlePage,
    ConsultationIndexPage,
    ContactOfficial,
    ContactPage,
    DirectoryPage,
    DraftComment,
    DraftConsultationPage,
    HomePage,
    IntroductionPage,
    Leader,
    LeaderSchedulePage,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    MandatedSection,
    Question,
    QuestionIndexPage,
    ScheduleEntry,
    StandardPage,
)

# The content itself is data: demo_data/agency.json (identity, units, leaders),
# demo_data/news.json and demo_data/legal_documents.json.
_AGENCY_DATA = demo_data(__file__, "agency")
AGENCY = _AGENCY_DATA["agency"]
UNITS = _AGENCY_DATA["units"]
LEADERS = _AGENCY_DATA["leaders"]
NEWS = demo_data(__file__, "news")
LEGAL_DOCUMENTS = demo_data(__file__, "legal_documents")


def _today():
    return timezone.localdate()


def child(parent, model, slug, **fields):
    """The child page of `parent` with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_locales():
    # A database emptied by a flush also lost the root collection the migrations made.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return vi, en


def ensure_home(vi):
    root = Page.get_first_root_node()
    if root is None:  # a database emptied by a flush has no tree at all
        root = Page.add_root(title="Root", slug="root", locale=vi)
    home = HomePage.objects.filter(depth=2, locale=vi).first()
    if home is None:
        home = HomePage(
            title="Cổng thông tin điện tử Sở Khoa học và Công nghệ",
            slug="trang-chu",
            locale=vi,
            lead=(
                "Thông tin về cơ quan, văn bản pháp luật, thủ tục hành chính và dịch vụ công "
                "trực tuyến: nộp hồ sơ, thanh toán phí và nhận kết quả ngay trên mạng."
            ),
            search_description="Cổng thông tin điện tử và dịch vụ công trực tuyến của Sở.",
            keywords="Sở Khoa học và Công nghệ, Khánh Hòa, dịch vụ công trực tuyến",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=AGENCY["name"],
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = AGENCY["name"]
        site.save()
    # Wagtail's own welcome page is no longer reachable once the site points to ours.
    Page.objects.filter(depth=2, slug="home").exclude(pk=home.pk).exclude(
        content_type__model="homepage"
    ).delete()
    return home


def ensure_settings():
    agency = AgencySettings.load()
    if not agency.identifier_code:
        for key, value in AGENCY.items():
            setattr(agency, key, value)
        agency.save()


def ensure_units():
    parent = None
    units = []
    for name, name_en, code, head, functions, phone, email in UNITS:
        unit, _ = AgencyUnit.objects.get_or_create(
            identifier_code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "head": head,
                "functions": functions,
                "phone": phone,
                "email": email,
                "parent": parent,
                "address": AGENCY["address"],
                "sort_order": len(units),
            },
        )
        units.append(unit)
    return units


def rich(*paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def stream_paragraphs(*paragraphs):
    return [("paragraph", rich(p)) for p in paragraphs]


def ensure_introduction(home, units):
    if home.get_children().filter(slug="gioi-thieu").exists():
        return home.get_children().get(slug="gioi-thieu").specific
    chart = demo_media.get_or_create_image(
        "Sơ đồ cơ cấu tổ chức",
        demo_media.structure_chart_png(
            AGENCY["name"], "Giám đốc và các Phó Giám đốc Sở", [u.name for u in units]
        ),
    )
    page = IntroductionPage(
        title="Giới thiệu",
        slug="gioi-thieu",
        show_in_menus=True,
        intro=(
            "Sở Khoa học và Công nghệ là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh Khánh Hòa, "
            "tham mưu, giúp UBND tỉnh quản lý nhà nước về khoa học, công nghệ, báo chí, xuất bản, "
            "bưu chính, viễn thông, công nghệ thông tin và chuyển đổi số."
        ),
        search_description="Chức năng, nhiệm vụ, cơ cấu tổ chức, lãnh đạo và lịch sử của Sở.",
        keywords="giới thiệu, chức năng nhiệm vụ, cơ cấu tổ chức, lãnh đạo",
        functions=rich(
            "Trình UBND tỉnh dự thảo quyết định, chỉ thị, quy hoạch, kế hoạch phát triển khoa học, "
            "công nghệ, thông tin và truyền thông trên địa bàn tỉnh.",
            "Tổ chức thực hiện văn bản quy phạm pháp luật, quy hoạch, kế hoạch sau khi được phê "
            "duyệt; thông tin, tuyên truyền, phổ biến, giáo dục pháp luật trong lĩnh vực được giao.",
            "Giải quyết thủ tục hành chính về báo chí, xuất bản, in, phát hành, bưu chính, viễn "
            "thông, tần số vô tuyến điện và khoa học công nghệ theo quy định.",
            "Kiểm tra, thanh tra, xử lý vi phạm; giải quyết khiếu nại, tố cáo; phòng, chống tham "
            "nhũng, tiêu cực trong phạm vi quản lý.",
        ),
        structure_chart=chart,
        structure_chart_alt=(
            "Lãnh đạo Sở gồm Giám đốc và 2 Phó Giám đốc. Các đơn vị trực thuộc: "
            + "; ".join(u.name for u in units)
            + "."
        ),
        history=rich(
            "Sở Thông tin và Truyền thông tỉnh Khánh Hòa được thành lập năm 2008 trên cơ sở tổ "
            "chức lại Sở Bưu chính, Viễn thông.",
            "Ngày 01/3/2025, Sở Khoa học và Công nghệ được tổ chức lại trên cơ sở hợp nhất Sở Khoa "
            "học và Công nghệ và Sở Thông tin và Truyền thông, theo chủ trương sắp xếp tổ chức bộ "
            "máy của Trung ương.",
        ),
    )
    for order, (name, position, duties, phone, email) in enumerate(LEADERS):
        photo = demo_media.get_or_create_image(f"Ảnh {name}", demo_media.portrait_png(name))
        page.leaders.add(
            Leader(
                name=name,
                position=position,
                duties=duties,
                phone=phone,
                email=email,
                photo=photo,
                sort_order=order,
            )
        )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_article_index(home, slug, title, section, intro, articles):
    index = child(
        home,
        ArticleIndexPage,
        slug,
        title=title,
        show_in_menus=True,
        intro=intro,
        mandated_section=section,
        search_description=intro,
    )
    today = _today()
    for offset, (article_title, summary, text) in enumerate(articles):
        image = None
        if section == MandatedSection.NEWS:
            image = demo_media.get_or_create_image(
                article_title, demo_media.banner_png(article_title)
            )
        child(
            index,
            ArticlePage,
            f"{slug}-{offset + 1}",
            title=article_title,
            summary=summary,
            date=today - datetime.timedelta(days=offset * 3),
            author="Phòng Báo chí, Xuất bản" if offset % 2 else "Văn phòng Sở",
            source=AGENCY["name"],
            image=image,
            body=stream_paragraphs(summary, text),
            search_description=summary,
            keywords=section.label,
        )
    return index


def ensure_direction(home):
    directives = [
        (
            "Chỉ thị về tăng cường kỷ luật, kỷ cương trong giải quyết thủ tục hành chính",
            "Giám đốc Sở yêu cầu các phòng, đơn vị bảo đảm 100% hồ sơ được giải quyết đúng hạn và "
            "xin lỗi bằng văn bản khi trễ hạn.",
            "Thủ trưởng đơn vị chịu trách nhiệm trước Giám đốc Sở về kết quả giải quyết thủ tục "
            "hành chính của đơn vị mình.",
        ),
        (
            "Công văn triển khai thanh toán trực tuyến phí, lệ phí",
            "Sở triển khai thanh toán trực tuyến phí, lệ phí đối với tất cả dịch vụ công toàn trình.",
            "Người nộp hồ sơ có thể thanh toán qua cổng thanh toán, được cấp biên lai điện tử.",
        ),
    ]
    index = ensure_article_index(
        home,
        "chi-dao-dieu-hanh",
        "Chỉ đạo, điều hành",
        MandatedSection.DIRECTION,
        "Văn bản chỉ đạo, điều hành, lịch công tác của lãnh đạo và thông tin người phát ngôn.",
        directives,
    )
    monday = _today() - datetime.timedelta(days=_today().weekday())
    if not index.get_children().filter(slug="lich-cong-tac").exists():
        schedule = LeaderSchedulePage(
            title=f"Lịch công tác tuần từ {monday:%d/%m/%Y}",
            slug="lich-cong-tac",
            week_start=monday,
            note="Lịch có thể thay đổi; mọi điều chỉnh được cập nhật tại đây.",
        )
        plan = [
            (
                0,
                datetime.time(7, 30),
                "Trần Minh Đức",
                "Giao ban lãnh đạo Sở",
                "Phòng họp số 1",
                "Lãnh đạo Sở, trưởng các phòng",
            ),
            (
                1,
                datetime.time(8, 0),
                "Nguyễn Thị Lan Anh",
                "Kiểm tra công tác cải cách hành chính tại Bộ phận một cửa",
                "Trung tâm Phục vụ hành chính công tỉnh",
                "Văn phòng Sở",
            ),
            (
                2,
                datetime.time(14, 0),
                "Lê Hoàng Phúc",
                "Họp Ban chỉ đạo chuyển đổi số tỉnh",
                "UBND tỉnh",
                "Phòng CNTT và Chuyển đổi số",
            ),
            (
                3,
                datetime.time(8, 0),
                "Trần Minh Đức",
                "Tiếp công dân định kỳ",
                "Trụ sở Sở",
                "Thanh tra Sở",
            ),
            (
                4,
                datetime.time(15, 0),
                "Lê Hoàng Phúc",
                "Nghiệm thu đề tài khoa học cấp tỉnh",
                "Hội trường Sở",
                "Hội đồng nghiệm thu",
            ),
        ]
        for order, (day, time, leader, content, location, participants) in enumerate(plan):
            schedule.entries.add(
                ScheduleEntry(
                    day=monday + datetime.timedelta(days=day),
                    time=time,
                    leader=leader,
                    content=content,
                    location=location,
                    participants=participants,
                    sort_order=order,
                )
            )
        index.add_child(instance=schedule)
        schedule.save_revision().publish()
    child(
        index,
        StandardPage,
        "nguoi-phat-ngon",
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
            ),
            (
                "person",
                {
                    "name": "Lê Thị Hồng",
                    "position": "Chánh Văn phòng, được ủy quyền phát ngôn",
                    "phone": "0258 3822 535",
                    "email": "vanphong.skhcn@khanhhoa.gov.vn",
                    "photo": None,
                    "note": "",
                },
            ),
        ],
    )
    return index


def ensure_legal_documents(home):
    index = child(
        home,
        LegalDocumentIndexPage,
        "van-ban",
        title="Văn bản pháp luật",
        show_in_menus=True,
        intro="Văn bản quy phạm pháp luật và văn bản chỉ đạo liên quan đến lĩnh vực của Sở.",
        search_description="Tra cứu văn bản theo loại, cơ quan ban hành, năm và từ khóa.",
    )
    for doc_type, title, number, issuer, signer, issued, effective, summary in LEGAL_DOCUMENTS:
        slug = number.lower().replace("/", "-").replace("đ", "d").replace("Đ", "d")
        if index.get_children().filter(slug=slug).exists():
            continue
        type_label = LegalDocumentPage.DocumentType(doc_type).label
        issue_date = datetime.date(*issued)
        document = demo_media.get_or_create_document(
            f"{type_label} {number}",
            demo_media.legal_pdf(
                issuer=issuer,
                number=number,
                doc_type=type_label,
                title=title,
                summary=summary,
                date_text=f"ngày {issue_date:%d/%m/%Y}",
                body=[
                    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
                    f"{summary}",
                    "Văn bản này là bản minh họa của cổng thông tin; tra cứu bản chính thức tại "
                    "Cơ sở dữ liệu quốc gia về văn bản pháp luật.",
                ],
            ),
            f"{slug}.pdf",
        )
        child(
            index,
            LegalDocumentPage,
            slug,
            title=f"{type_label} {number}: {title}",
            document_type=doc_type,
            number_symbol=number,
            issuer=issuer,
            signer=signer,
            issue_date=issue_date,
            effective_date=datetime.date(*effective),
            summary=summary,
            document=document,
            search_description=summary,
        )
    return index


def ensure_directory(home, units):
    if home.get_children().filter(slug="danh-ba").exists():
        return
    page = DirectoryPage(
        title="Danh bạ thư điện tử và đầu mối liên hệ",
        slug="danh-ba",
        show_in_menus=True,
        intro="Thư điện tử công vụ của các đơn vị và đầu mối liên hệ của Sở.",
        search_description="Thư điện tử, điện thoại của các đơn vị và cán bộ đầu mối.",
    )
    officials = [
        (
            "Đầu mối kiểm soát thủ tục hành chính",
            "Lê Thị Hồng",
            "Chánh Văn phòng",
            "0258 3822 535",
            "vanphong.skhcn@khanhhoa.gov.vn",
        ),
        (
            "Đầu mối tiếp nhận phản ánh, kiến nghị",
            "Phạm Văn Lâm",
            "Chánh Thanh tra",
            "0258 3822 540",
            "thanhtra.skhcn@khanhhoa.gov.vn",
        ),
        (
            "Đầu mối an toàn thông tin mạng",
            "Võ Thanh Tùng",
            "Trưởng phòng CNTT và Chuyển đổi số",
            "0258 3822 543",
            "cntt.skhcn@khanhhoa.gov.vn",
        ),
        (
            "Quản trị cổng thông tin điện tử",
            "Bùi Quốc Huy",
            "Giám đốc Trung tâm CNTT và Truyền thông",
            "0258 3822 545",
            "ttcntt.skhcn@khanhhoa.gov.vn",
        ),
    ]
    for order, (role, name, position, phone, email) in enumerate(officials):
        page.officials.add(
            ContactOfficial(
                role=role, name=name, position=position, phone=phone, email=email, sort_order=order
            )
        )
    home.add_child(instance=page)
    page.save_revision().publish()


def ensure_consultation(home):
    index = child(
        home,
        ConsultationIndexPage,
        "lay-y-kien",
        title="Lấy ý kiến dự thảo",
        show_in_menus=True,
        intro="Mời tổ chức, cá nhân góp ý các dự thảo văn bản do Sở chủ trì soạn thảo.",
        search_description="Góp ý dự thảo văn bản quy phạm pháp luật.",
    )
    today = _today()
    drafts = [
        (
            "du-thao-quy-che-cong-thong-tin",
            "Dự thảo Quy chế quản lý, vận hành Cổng thông tin điện tử tỉnh",
            today - datetime.timedelta(days=10),
            today + datetime.timedelta(days=20),
        ),
        (
            "du-thao-ke-hoach-chuyen-doi-so",
            "Dự thảo Kế hoạch chuyển đổi số giai đoạn 2026–2030",
            today - datetime.timedelta(days=60),
            today - datetime.timedelta(days=30),
        ),
    ]
    for slug, title, opens, closes in drafts:
        if index.get_children().filter(slug=slug).exists():
            continue
        document = demo_media.get_or_create_document(
            title,
            demo_media.legal_pdf(
                issuer=AGENCY["name"],
                number="…/QĐ-UBND (dự thảo)",
                doc_type="Dự thảo",
                title=title,
                summary=title,
                date_text="ngày … tháng … năm 2026",
                body=[
                    "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng.",
                    "Điều 2. Nguyên tắc quản lý, vận hành.",
                    "Điều 3. Trách nhiệm của các cơ quan, đơn vị.",
                ],
            ),
            f"{slug}.pdf",
        )
        draft = child(
            index,
            DraftConsultationPage,
            slug,
            title=title,
            drafting_unit=AGENCY["name"],
            summary=f"{title}. Mời tổ chức, cá nhân gửi ý kiến góp ý trước hạn.",
            draft_document=document,
            opens_on=opens,
            closes_on=closes,
            contact="Văn phòng Sở, điện thoại 0258 3822 535, thư điện tử "
            "vanphong.skhcn@khanhhoa.gov.vn",
        )
        DraftComment.objects.create(
            draft=draft,
            full_name="Nguyễn Văn Bình",
            email="binh.nv@example.vn",
            organisation="Hội Nhà báo tỉnh",
            status=DraftComment.Status.APPROVED,
            moderated_at=timezone.now(),
            body="Đề nghị bổ sung quy định về thời hạn cập nhật thông tin sau khi văn bản được ban "
            "hành, tối đa 2 ngày làm việc.",
        )
        DraftComment.objects.create(
            draft=draft,
            full_name="Trần Thị Cúc",
            email="cuc.tt@example.vn",
            body="Đề nghị làm rõ trách nhiệm của đơn vị cung cấp thông tin khi thông tin sai lệch.",
        )


def ensure_questions(home):
    child(
        home,
        QuestionIndexPage,
        "hoi-dap",
        title="Hỏi đáp",
        show_in_menus=True,
        intro="Gửi câu hỏi về thủ tục hành chính và lĩnh vực quản lý của Sở; câu trả lời được "
        "gửi qua thư điện tử và đăng công khai.",
        search_description="Hỏi đáp, phản ánh, kiến nghị của người dân và doanh nghiệp.",
    )
    if Question.objects.exists():
        return
    now = timezone.now()
    answered = [
        (
            "Thời hạn cấp giấy phép xuất bản bản tin là bao lâu?",
            "Tôi muốn xin giấy phép xuất bản bản tin cho hiệp hội, xin hỏi thời hạn giải quyết?",
            "Thời hạn giải quyết là 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ. Ông/bà có "
            "thể nộp hồ sơ trực tuyến toàn trình trên Cổng dịch vụ công của Sở.",
            "Phòng Báo chí, Xuất bản",
        ),
        (
            "Có phải nộp bản giấy sau khi nộp hồ sơ trực tuyến không?",
            "Sau khi nộp trực tuyến, tôi có phải mang hồ sơ giấy đến Sở nữa không?",
            "Không. Đối với dịch vụ công trực tuyến toàn trình, hồ sơ điện tử có giá trị pháp lý "
            "như hồ sơ giấy theo Nghị định 45/2020/NĐ-CP.",
            "Văn phòng Sở",
        ),
        (
            "Cách tra cứu tình trạng hồ sơ?",
            "Tôi đã nộp hồ sơ, làm sao để biết hồ sơ đang được xử lý đến đâu?",
            "Nhập mã số hồ sơ ghi trên giấy tiếp nhận tại trang Tra cứu hồ sơ để xem trạng thái và "
            "thời hạn giải quyết.",
            "Trung tâm Công nghệ thông tin và Truyền thông",
        ),
    ]
    for offset, (title, body, answer, by) in enumerate(answered):
        question = Question.objects.create(
            asker_name=["Phạm Minh Tuấn", "Lê Thị Thu", "Đỗ Văn Hải"][offset],
            email=f"nguoihoi{offset}@example.vn",
            title=title,
            body=body,
            answer=f"<p>{answer}</p>",
            answered_by=by,
            is_published=True,
        )
        Question.objects.filter(pk=question.pk).update(
            answered_at=now - datetime.timedelta(days=offset * 5)
        )
    Question.objects.create(
        asker_name="Ngô Thị Mai",
        email="mai.nt@example.vn",
        phone="0905123456",
        title="Thủ tục đăng ký hoạt động cơ sở in",
        body="Cơ sở in của tôi có 2 máy in offset, cần chuẩn bị những giấy tờ gì để đăng ký?",
    )


def ensure_english(home, introduction, en):
    """English versions of the home and introduction pages (Nghị định 42/2022 Điều 4)."""
    home_en = home.get_translation_or_none(en)
    if home_en is None:
        home_en = home.copy_for_translation(en)
        home_en.title = "Khanh Hoa Department of Science and Technology"
        home_en.lead = (
            "Information about the Department, legal documents, administrative procedures and "
            "online public services: apply, pay fees and receive results online."
        )
        home_en.search_description = "Portal and online public services of the Department."
        home_en.keywords = "Department of Science and Technology, Khanh Hoa, online services"
        home_en.save_revision().publish()
    if introduction.get_translation_or_none(en) is None:
        intro_en = introduction.copy_for_translation(en)
        intro_en.title = "About us"
        intro_en.slug = "about"
        intro_en.intro = (
            "The Department of Science and Technology is a specialised agency of the Khanh Hoa "
            "Provincial People's Committee. It advises the Committee on state management of "
            "science, technology, press, publishing, posts, telecommunications, information "
            "technology and digital transformation."
        )
        intro_en.functions = rich(
            "Drafts provincial decisions, plans and programmes on science, technology and "
            "communications, and implements them once approved.",
            "Handles administrative procedures on press, publishing, printing, posts, "
            "telecommunications and science and technology.",
            "Inspects, handles violations and settles complaints within its remit.",
        )
        intro_en.history = rich(
            "The Department of Information and Communications was established in 2008. On 1 "
            "March 2025 it merged with the Department of Science and Technology."
        )
        intro_en.structure_chart_alt = (
            "The Director and two Deputy Directors lead the Department; its units are listed below."
        )
        intro_en.search_description = "Functions, organisation, leadership and history."
        intro_en.keywords = "about, functions, organisation, leadership"
        for leader, position in zip(
            intro_en.leaders.all(), ["Director", "Deputy Director", "Deputy Director"], strict=False
        ):
            leader.position = position
        intro_en.save_revision().publish()
    return home_en


def ensure_admin():
    User = get_user_model()
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser(
            "admin",
            "admin@example.gov.vn",
            DEMO_ADMIN_PASSWORD,
            first_name="Quản trị",
            last_name="Cổng",
        )


DEMO_ADMIN_PASSWORD = "demo-admin-2026"  # noqa: S105 — demo account of the embedded default


@transaction.atomic
def load():
    vi, en = ensure_locales()
    home = ensure_home(vi)
    ensure_settings()
    units = ensure_units()
    introduction = ensure_introduction(home, units)
    ensure_article_index(
        home,
        "tin-tuc",
        "Tin tức, sự kiện",
        MandatedSection.NEWS,
        "Tin hoạt động của Sở và ngành khoa học, công nghệ, thông tin và truyền thông.",
        NEWS,
    )
    ensure_direction(home)
    ensure_legal_documents(home)
    ensure_article_index(
        home,
        "pho-bien-phap-luat",
        "Phổ biến, giáo dục pháp luật",
        MandatedSection.LEGAL_DISSEMINATION,
        "Tuyên truyền, phổ biến pháp luật về báo chí, xuất bản, bưu chính, viễn thông, an toàn "
        "thông tin.",
        [
            (
                "Những điểm mới của Luật Viễn thông năm 2023",
                "Luật Viễn thông 2023 có hiệu lực từ 01/7/2024 bổ sung quy định về dịch vụ trung tâm "
                "dữ liệu, điện toán đám mây.",
                "Luật cũng quy định rõ hơn về quản lý thông tin thuê bao, chống tin nhắn rác.",
            ),
            (
                "Hỏi – đáp về bảo vệ dữ liệu cá nhân",
                "Tài liệu hỏi đáp về quyền của chủ thể dữ liệu theo Luật Bảo vệ dữ liệu cá nhân.",
                "Người dân có quyền được biết, đồng ý, truy cập, rút lại sự đồng ý và xóa dữ liệu.",
            ),
        ],
    )
    ensure_article_index(
        home,
        "chien-luoc-ke-hoach",
        "Chiến lược, quy hoạch, kế hoạch",
        MandatedSection.PLANS,
        "Chiến lược, định hướng, quy hoạch, kế hoạch phát triển của ngành.",
        [
            (
                "Kế hoạch chuyển đổi số năm 2026",
                "Mục tiêu: 100% hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng.",
                "Kế hoạch gồm 5 nhóm nhiệm vụ: hạ tầng số, dữ liệu số, chính quyền số, kinh tế số, "
                "xã hội số.",
            ),
            (
                "Định hướng phát triển hạ tầng viễn thông thụ động đến năm 2030",
                "Ngầm hóa 80% tuyến cáp tại đô thị; phủ sóng 5G tất cả khu công nghiệp.",
                "Doanh nghiệp viễn thông dùng chung hạ tầng cột ăng-ten, cống bể cáp.",
            ),
        ],
    )
    ensure_article_index(
        home,
        "du-an-dau-thau",
        "Dự án, đầu tư, đấu thầu",
        MandatedSection.PROJECTS,
        "Dự án, hạng mục đầu tư, đấu thầu, mua sắm công của Sở.",
        [
            (
                "Dự án nâng cấp Trung tâm dữ liệu tỉnh giai đoạn 2",
                "Tổng mức đầu tư 48,5 tỷ đồng từ ngân sách tỉnh; thời gian thực hiện 2026–2027.",
                "Chủ đầu tư: Sở Khoa học và Công nghệ. Hình thức lựa chọn nhà thầu: đấu thầu rộng rãi "
                "qua mạng.",
            ),
            (
                "Kết quả lựa chọn nhà thầu gói thầu thuê dịch vụ an toàn thông tin",
                "Gói thầu số 03: thuê dịch vụ giám sát an toàn thông tin 24/7, giá trúng thầu 2,1 tỷ "
                "đồng.",
                "Nhà thầu trúng thầu: Công ty cổ phần An ninh mạng Nam Trung Bộ (dữ liệu minh họa).",
            ),
        ],
    )
    ensure_article_index(
        home,
        "khoa-hoc-cong-nghe",
        "Chương trình, đề tài khoa học",
        MandatedSection.SCIENCE,
        "Chương trình, đề tài, dự án khoa học và công nghệ các cấp.",
        [
            (
                "Đề tài ứng dụng trí tuệ nhân tạo trong trả lời hỏi đáp thủ tục hành chính",
                "Đề tài cấp tỉnh, kinh phí 850 triệu đồng, thực hiện 2026–2027.",
                "Cơ quan chủ trì: Trung tâm Công nghệ thông tin và Truyền thông.",
            ),
            (
                "Nghiệm thu đề tài nuôi trồng rong sụn bằng công nghệ tuần hoàn",
                "Hội đồng khoa học cấp tỉnh đánh giá đề tài đạt loại khá.",
                "Kết quả được chuyển giao cho 3 hợp tác xã tại Cam Ranh, Vạn Ninh.",
            ),
        ],
    )
    ensure_directory(home, units)
    ensure_consultation(home)
    ensure_questions(home)
    child(
        home,
        ContactPage,
        "lien-he",
        title="Liên hệ",
        show_in_menus=True,
        office_hours="Sáng: 7 giờ 00 – 11 giờ 30\nChiều: 13 giờ 30 – 17 giờ 00\nTừ thứ Hai đến thứ "
        "Sáu, trừ ngày nghỉ lễ.",
        search_description="Địa chỉ, điện thoại, thư điện tử và giờ làm việc của Sở.",
    )
    ensure_english(home, introduction, en)
    ensure_admin()
    return home
