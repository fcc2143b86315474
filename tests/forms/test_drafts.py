"""Save and resume: drafts on the server, a resume link, expiry and purge, prefill."""

import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import storages
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from forms import operations, selectors
from forms.links import draft_uuid_for_token, resume_url
from forms.models import Draft
from forms.tasks import purge_expired_drafts

from .conftest import Walker, pdf
from .test_wizard import ORGANISATION, SLUG, fill_until_documents

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter")]


def test_answers_are_kept_in_a_draft_on_the_server(client):
    Walker(client, SLUG).post("co-quan-to-chuc", ORGANISATION)
    draft = Draft.objects.get()
    assert draft.data["extra_data"]["answers"]["co-quan-to-chuc"]["dien_thoai"] == "0912345678"
    assert draft.version.definition.slug == SLUG


def test_save_for_later_keeps_unchecked_input_and_gives_a_resume_link(client):
    walker = Walker(client, SLUG)
    response = walker.post("co-quan-to-chuc", {"ten_to_chuc": "Công ty Dở Dang"}, wizard_save="1")
    html = response.content.decode()
    assert "Đã lưu hồ sơ đang soạn" in html
    # The link shown opens this draft (tokens carry a timestamp, so compare what they open).
    token = re.search(r"/bieu-mau/ban-nhap/([^/\s\"<]+)/", html).group(1)
    assert draft_uuid_for_token(token) == str(Draft.objects.get().uuid)


def test_the_resume_link_opens_the_draft_in_another_browser_after_the_session_ends(client):
    fill_until_documents(Walker(client, SLUG))
    draft = Draft.objects.get()
    client.logout()
    other = Client()
    response = other.get(resume_url(draft))
    assert response["Location"] == f"/bieu-mau/{SLUG}/tai-lieu-dinh-kem/"
    html = other.get(f"/bieu-mau/{SLUG}/co-quan-to-chuc/").content.decode()
    assert 'value="Công ty TNHH Truyền thông Biển Xanh"' in html


def test_a_bad_or_expired_resume_link_says_so():
    response = Client().get("/bieu-mau/ban-nhap/khong-hop-le/")
    assert response.status_code == 404
    assert "Đường dẫn không còn hiệu lực" in response.content.decode()


def test_expired_drafts_are_purged_with_their_files(client, django_capture_on_commit_callbacks):
    walker = Walker(client, SLUG)
    fill_until_documents(walker)
    walker.post("tai-lieu-dinh-kem", {"quyet_dinh_thanh_lap": pdf()})
    draft = Draft.objects.get()
    stored = draft.uploads()["quyet_dinh_thanh_lap"][0]["storage_name"]
    assert storages["private"].exists(stored)
    assert operations.purge_expired_drafts() == 0
    Draft.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_form_drafts", verbosity=0)
    assert not Draft.objects.exists()
    assert not storages["private"].exists(stored)


def test_the_periodic_task_purges_too():
    assert purge_expired_drafts.delay().get() == 0


def test_the_expiry_follows_the_setting(client, settings):
    settings.FORMS_DRAFT_TTL_DAYS = 3
    Walker(client, SLUG).post("co-quan-to-chuc", ORGANISATION)
    left = Draft.objects.get().expires_at - timezone.now()
    assert timedelta(days=2, hours=23) < left <= timedelta(days=3)


@pytest.fixture
def applicant(db):
    return get_user_model().objects.create_user(
        "nguoidan", email="huong@example.vn", password="mat-khau-dai-2026", first_name="Hương"
    )


def test_a_signed_in_applicants_drafts_are_listed(client, applicant):
    client.force_login(applicant)
    Walker(client, SLUG).post("co-quan-to-chuc", ORGANISATION)
    drafts = list(selectors.drafts_for_user(applicant))
    assert [d.version.definition.slug for d in drafts] == [SLUG]
    assert list(selectors.drafts_for_user(SimpleNamespace(is_authenticated=False))) == []


def test_someone_elses_resume_link_does_not_open_an_account_draft(client, applicant):
    client.force_login(applicant)
    Walker(client, SLUG).post("co-quan-to-chuc", ORGANISATION)
    assert Client().get(resume_url(Draft.objects.get())).status_code == 404


def test_the_e_mail_of_the_account_is_prefilled(client, applicant):
    client.force_login(applicant)
    html = client.get(f"/bieu-mau/{SLUG}/co-quan-to-chuc/").content.decode()
    assert 'value="huong@example.vn"' in html


def known_of(user):
    return {
        "full_name": "Nguyễn Thị Hương",
        "date_of_birth": date(1990, 5, 2),
        "phone": "0912345678",
        "address": "",
        "tax_code": None,
        "company_name": "Công ty Biển Xanh",
    }


def test_the_prefill_handler_fills_the_fields_as_form_values(settings, applicant):
    settings.FORMS_PREFILL_HANDLER = "tests.forms.test_drafts.known_of"
    assert operations.prefill_values(applicant) == {
        "full_name": "Nguyễn Thị Hương",
        "date_of_birth": "1990-05-02",
        "phone": "0912345678",
        "company_name": "Công ty Biển Xanh",
    }
    assert operations.prefill_values(AnonymousUser()) == {}


def test_no_profile_means_no_prefill_and_no_error(applicant):
    assert operations.prefill_values(applicant) == {
        "email": "huong@example.vn",
        "full_name": "Hương",
    }


def test_the_account_page_lists_the_drafts_with_resume_links(client, applicant):
    client.force_login(applicant)
    Walker(client, SLUG).post("co-quan-to-chuc", ORGANISATION)
    html = client.get("/bieu-mau/ho-so-dang-soan/").content.decode()
    assert "Tờ khai đề nghị cấp giấy phép xuất bản bản tin" in html
    # The link is signed with the time it was made: compare what it opens, not its text.
    prefix = resume_url(Draft.objects.get()).rsplit("/", 2)[0] + "/"
    [token] = set(re.findall(re.escape(prefix) + r"([^/\"]+)/", html))
    assert draft_uuid_for_token(token) == str(Draft.objects.get().uuid)
