"""Every page and file with an applicant's personal data says `Cache-Control: no-store, private`:
no proxy, CDN or shared browser may keep a copy of it."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.models import ApplicantProfile
from forms.links import resume_url
from forms.models import Draft
from payments.models import Payment
from tests.factories import field, make_definition, online_procedure, single_step
from tests.payments.factories import newsletter_licence
from tests.tracking.factories import ApplicationFactory
from tracking.constants import FileKind
from tracking.links import detail_token

pytestmark = pytest.mark.django_db

NO_STORE = "no-store, private"
PASSWORD = "Mat-khau-an-toan-2026"


def local(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def assert_private(response, status):
    assert response.status_code == status
    assert response["Cache-Control"] == NO_STORE


# The applicant's signed pages, their answers to the actions, and their files.


@pytest.fixture
def decided():
    """A decided application: the applicant's upload and the result to download."""
    application = ApplicationFactory(decided=True)
    return application, f"/ho-so/{detail_token(application)}/"


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_applicants_page(client, decided, prefix):
    application, link = decided
    page = client.get(prefix + link)
    assert_private(page, 200)
    assert "Nguyễn Thị Hoa" in page.text


@pytest.mark.parametrize("kind", [FileKind.RESULT, "upload"])
def test_the_applicants_files(client, decided, kind):
    application, link = decided
    files = application.files.all()
    attachment = (
        files.get(kind=kind)
        if kind == FileKind.RESULT
        else files.exclude(kind=FileKind.RESULT).first()
    )
    download = client.get(f"{link}tep/{attachment.pk}/")
    assert_private(download, 200)
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("action", "data", "status"),
    [
        ("rut-ho-so/", {}, 400),
        ("bo-sung/", {"note": "Gửi thêm"}, 400),
        ("danh-gia/", {"overall": "9"}, 400),
    ],
)
def test_the_answers_to_the_applicants_actions(client, decided, action, data, status):
    _application, link = decided
    answer = client.post(link + action, data)
    assert_private(answer, status)
    assert "Nguyễn Thị Hoa" in answer.text


def test_the_answer_to_a_withdrawal(client):
    link = f"/ho-so/{detail_token(ApplicationFactory())}/"
    answer = client.post(link + "rut-ho-so/", {"reason": "Nộp nhầm thủ tục."})
    assert_private(answer, 302)
    assert answer["Location"] == link


def test_the_link_sent_page(client):
    application = ApplicationFactory()
    page = client.post(
        "/tra-cuu-ho-so/gui-lien-ket/",
        {"ma": application.dossier_code, "email": "hoa.nguyen@example.vn"},
    )
    assert_private(page, 200)


# The account pages: "Hồ sơ của tôi", its downloads, the profile.


@pytest.fixture
def applicant(client):
    user = get_user_model().objects.create_user(
        "hoa.nguyen@example.vn", "hoa.nguyen@example.vn", PASSWORD
    )
    ApplicantProfile.objects.create(user=user, full_name="Nguyễn Thị Hoa", id_number="056190000123")
    client.force_login(user)
    return user


def test_my_applications_and_their_results(client, applicant):
    application = ApplicationFactory(user=applicant, decided=True)
    page = client.get("/tai-khoan/ho-so-cua-toi/")
    assert_private(page, 200)
    assert application.dossier_code in page.text
    result = application.files.get(kind=FileKind.RESULT)
    download = client.get(f"/tai-khoan/ho-so-cua-toi/{application.pk}/tep/{result.pk}/")
    assert_private(download, 200)
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_profile_and_its_answers(client, applicant):
    page = client.get("/tai-khoan/thong-tin-ca-nhan/")
    assert_private(page, 200)
    assert "056190000123" in page.text
    saved = client.post(
        "/tai-khoan/thong-tin-ca-nhan/", {"full_name": "Nguyễn Thị Hoa", "id_number": "12"}
    )
    assert saved["Cache-Control"] == NO_STORE


def test_the_account_pages_of_an_anonymous_visitor(client):
    assert_private(client.get("/tai-khoan/ho-so-cua-toi/"), 302)
    assert_private(client.get("/tai-khoan/xac-minh/khong-hop-le/"), 400)
    assert_private(client.get("/tai-khoan/quen-mat-khau/"), 200)


# The form wizard: its steps, the review, the drafts and their resume links.

SLUG = "to-khai-don-gian"


@pytest.fixture
def simple_form(db):
    form = make_definition(
        single_step(
            field("text", "ten_to_chuc", "Tên cơ quan, tổ chức", "Organisation"),
            field("email", "thu_dien_tu", "Thư điện tử", "E-mail"),
        ),
        slug=SLUG,
    )
    return online_procedure(form=form, slug="thu-tuc-don-gian")


def post_step(client, step, data):
    payload = {f"bieu-mau-{SLUG}-current_step": step}
    payload.update({f"{step}-{key}": value for key, value in data.items()})
    return client.post(f"/bieu-mau/{SLUG}/{step}/", payload)


ANSWERS = {"ten_to_chuc": "Công ty TNHH Biển Xanh", "thu_dien_tu": "lienhe@bienxanh.vn"}


def test_the_wizard_steps_and_review(client, simple_form):
    assert_private(client.get(f"/bieu-mau/{SLUG}/"), 302)
    assert_private(client.get(f"/bieu-mau/{SLUG}/buoc-1/"), 200)
    refused = post_step(client, "buoc-1", {"ten_to_chuc": "Công ty TNHH Biển Xanh"})
    assert_private(refused, 200)
    assert 'value="Công ty TNHH Biển Xanh"' in refused.text
    assert_private(post_step(client, "buoc-1", ANSWERS), 302)
    review = client.get(f"/bieu-mau/{SLUG}/xem-lai/")
    assert_private(review, 200)
    assert "lienhe@bienxanh.vn" in review.text
    assert_private(post_step(client, "xem-lai", {}), 200)


def test_the_drafts_and_their_resume_link(client, applicant, simple_form):
    post_step(client, "buoc-1", ANSWERS)
    page = client.get("/bieu-mau/ho-so-dang-soan/")
    assert_private(page, 200)
    assert Client().get(resume_url(Draft.objects.get())).status_code == 404  # not its account
    assert_private(client.get(resume_url(Draft.objects.get())), 302)


def test_an_anonymous_draft_resumed_in_another_browser(client, simple_form):
    post_step(client, "buoc-1", ANSWERS)
    other = Client()
    assert_private(other.get(resume_url(Draft.objects.get())), 302)
    assert_private(other.get(f"/bieu-mau/{SLUG}/xem-lai/"), 200)


# The payment pages.


def test_the_payment_pages(client):
    application = ApplicationFactory(procedure=newsletter_licence())
    token = detail_token(application)
    to_gateway = client.post(f"/thanh-toan/ho-so/{token}/")
    assert_private(to_gateway, 302)
    gateway = client.get(local(to_gateway["Location"]))
    assert_private(gateway, 200)
    back = client.post("/thanh-toan-thu-nghiem/", {**gateway.context["params"], "choice": "pay"})
    assert_private(back, 302)
    returned = client.get(local(back["Location"]))
    assert_private(returned, 302)
    assert returned["Location"] == f"/ho-so/{token}/"
    # In a browser that did not start the payment, the return page shows the outcome.
    elsewhere = Client().get(local(back["Location"]))
    assert_private(elsewhere, 200)
    assert Payment.objects.get().order_ref in elsewhere.text
