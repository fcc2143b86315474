"""Applicants who click "Nộp hồ sơ" several times at once, through a real server on
PostgreSQL: one application each, and every file of every application still there."""

import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.core.files.storage import storages
from django.db import connection

from forms.dynamic import UPLOAD_FOLDER
from forms.models import Draft
from tests.conftest import require_service
from tracking.models import Application, ApplicationFile

from .conftest import PDF
from .test_wizard import BOARD, NEWSLETTER, ORGANISATION, RESPONSIBLE, SLUG

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

APPLICANTS = 20
CLICKS = 3


class HttpApplicant:
    """One browser: its own cookies, posting the wizard's steps as a browser does."""

    def __init__(self, base_url, number):
        self.base = f"{base_url}/bieu-mau/{SLUG}/"
        self.number = number
        self.session = requests.Session()

    def post(self, step, data=None, files=None):
        payload = {
            f"bieu-mau-{SLUG}-current_step": step,
            "csrfmiddlewaretoken": self.session.cookies["csrftoken"],
        }
        payload.update({f"{step}-{key}": value for key, value in (data or {}).items()})
        parts = [(f"{step}-{key}", value) for key, value in (files or [])]
        return self.session.post(
            f"{self.base}{step}/", data=payload, files=parts or None, allow_redirects=False
        )

    def fill(self):
        assert self.session.get(f"{self.base}co-quan-to-chuc/").status_code == 200
        organisation = {**ORGANISATION, "ten_to_chuc": f"Công ty Bấm Đúp số {self.number}"}
        for step, data in [
            ("co-quan-to-chuc", organisation),
            ("nguoi-chiu-trach-nhiem", RESPONSIBLE),
            ("thong-tin-ban-tin", NEWSLETTER),
            ("ban-bien-tap", BOARD),
        ]:
            response = self.post(step, data)
            assert response.status_code == 302, (step, response.text[:2000])
        response = self.post(
            "tai-lieu-dinh-kem",
            {"cam_ket": "on"},
            files=[
                ("quyet_dinh_thanh_lap", (f"quyet-dinh-{self.number}.pdf", PDF, "application/pdf")),
                ("mau_trinh_bay", (f"mau-{self.number}-1.pdf", PDF, "application/pdf")),
                ("mau_trinh_bay", (f"mau-{self.number}-2.pdf", PDF, "application/pdf")),
            ],
        )
        assert response.status_code == 302, response.text[:2000]
        assert response.headers["Location"].endswith("/xem-lai/")

    def submit_at_once(self, clicks):
        """`clicks` POSTs of the review step released together, as a double click sends them."""
        barrier = threading.Barrier(clicks)

        def click():
            barrier.wait(30)
            return self.post("xem-lai", {"declaration": "on", "privacy_consent": "on"})

        with ThreadPoolExecutor(clicks) as pool:
            return list(pool.map(lambda _: click(), range(clicks)))


def test_simultaneous_submits_keep_every_uploaded_file(live_server, newsletter):
    require_service(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL")
    applicants = [HttpApplicant(live_server.url, n) for n in range(APPLICANTS)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(HttpApplicant.fill, applicants))
    drafts = list(Draft.objects.filter(version__definition__slug=SLUG))
    assert len(drafts) == APPLICANTS
    draft_uploads = {
        item["storage_name"]
        for draft in drafts
        for items in draft.uploads().values()
        for item in items
    }
    assert len(draft_uploads) == APPLICANTS * 3

    with ThreadPoolExecutor(APPLICANTS) as pool:
        answers = list(pool.map(lambda a: a.submit_at_once(CLICKS), applicants))

    for responses in answers:
        assert [r.status_code for r in responses] == [302] * CLICKS, [
            r.text[:500] for r in responses
        ]
    applications = Application.objects.filter(form_version__definition__slug=SLUG)
    assert applications.count() == APPLICANTS
    assert len({a.dossier_code for a in applications}) == APPLICANTS
    for draft in drafts:
        draft.refresh_from_db()
        assert draft.is_submitted and draft.submission_reference

    storage = storages["private"]
    files = list(ApplicationFile.objects.filter(application__in=applications))
    assert len(files) == APPLICANTS * 3
    for item in files:
        assert storage.exists(item.file.name), (
            f"{item.application.dossier_code}: {item.file.name} is gone"
        )
        with storage.open(item.file.name, "rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == item.sha256
        assert not item.file.name.startswith(f"{UPLOAD_FOLDER}/")
    # The answers point at the application's own copies, and the drafts' uploads are gone.
    owned = {item.file.name for item in files}
    for application in applications:
        for key in ("quyet_dinh_thanh_lap", "mau_trinh_bay"):
            assert {f["storage_name"] for f in application.answers[key]} <= owned
    assert not any(storage.exists(name) for name in draft_uploads)
