"""An application owns copies of its uploads: no cleanup of a draft can reach them."""

import os

import pytest
from django.core.files.storage import storages

from forms import operations
from forms.dynamic import UPLOAD_FOLDER
from forms.models import Draft
from tracking.models import Application, ApplicationFile
from tracking.operations import APPLICATION_FOLDER

from .conftest import Walker
from .test_wizard import SLUG, fill_documents, fill_until_documents

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter")]


@pytest.fixture
def walker(client):
    return Walker(client, SLUG)


def stored_under(folder):
    root = storages["private"].path(folder)
    return {
        os.path.relpath(os.path.join(path, name), storages["private"].path(""))
        for path, _dirs, names in os.walk(root)
        for name in names
    }


def draft_names(draft):
    return {item["storage_name"] for item in operations.draft_files(draft)}


def test_submitting_copies_the_uploads_to_the_application_and_then_drops_the_drafts(
    walker, django_capture_on_commit_callbacks
):
    storage = storages["private"]
    fill_until_documents(walker)
    fill_documents(walker)
    uploads = draft_names(Draft.objects.get())
    assert len(uploads) == 3 and all(n.startswith(f"{UPLOAD_FOLDER}/") for n in uploads)
    with django_capture_on_commit_callbacks(execute=True):
        response = walker.post("xem-lai", {"declaration": "on", "privacy_consent": "on"})
    assert response.status_code == 302
    application = Application.objects.get(form_version__definition__slug=SLUG)
    names = {f.file.name for f in application.files.all()}
    assert len(names) == 3 and all(n.startswith(f"{APPLICATION_FOLDER}/") for n in names)
    assert all(storage.exists(n) for n in names)
    assert not any(storage.exists(n) for n in uploads)
    assert {f["storage_name"] for f in application.answers["mau_trinh_bay"]} <= names


def test_the_losing_request_of_a_double_click_cleans_up_nothing(
    walker, django_capture_on_commit_callbacks
):
    fill_until_documents(walker)
    fill_documents(walker)
    draft = Draft.objects.get()
    answers = {"ten_ban_tin": "Bản tin Bấm Hai Lần"}
    stale = Draft.objects.get(pk=draft.pk)  # what the second request loaded before the first won
    with django_capture_on_commit_callbacks(execute=True):
        walker.post("xem-lai", {"declaration": "on", "privacy_consent": "on"})
    application = Application.objects.get(form_version__definition__slug=SLUG)
    assert operations.submit_draft(draft=stale, answers=answers).code == application.dossier_code
    assert stale.is_submitted  # so that its wizard's reset keeps the files
    files = ApplicationFile.objects.filter(application=application)
    assert all(storages["private"].exists(f.file.name) for f in files)


def test_an_upload_gone_before_submitting_is_asked_again_and_nothing_is_lost(walker):
    fill_until_documents(walker)
    fill_documents(walker)
    draft = Draft.objects.get()
    gone = sorted(draft_names(draft))[0]
    storages["private"].delete(gone)
    before = stored_under(APPLICATION_FOLDER)
    response = walker.post("xem-lai", {"declaration": "on", "privacy_consent": "on"})
    assert response["Location"].endswith("/xem-lai/")
    html = walker.client.get(response["Location"]).content.decode()
    assert "không còn nguyên vẹn trên máy chủ. Vui lòng tải tệp lên lại rồi nộp." in html
    assert not Application.objects.filter(form_version__definition__slug=SLUG).exists()
    draft.refresh_from_db()
    assert not draft.is_submitted
    assert draft.data["extra_data"]["answers"]["thong-tin-ban-tin"]["ten_ban_tin"]
    remaining = draft_names(draft) - {gone}
    assert all(storages["private"].exists(n) for n in remaining)
    assert stored_under(APPLICATION_FOLDER) == before  # the copies made before it went too


def test_draft_cleanup_never_deletes_what_an_application_points_at():
    storage = storages["private"]
    legacy = storage.save(f"{UPLOAD_FOLDER}/2026/01/legacy.pdf", _pdf())
    elsewhere = storage.save("results/2026/01/ket-qua.pdf", _pdf())
    orphan = storage.save(f"{UPLOAD_FOLDER}/2026/01/orphan.pdf", _pdf())
    application = Application.objects.first() or _any_application()
    ApplicationFile.objects.create(
        application=application,
        label="Hồ sơ cũ",
        file=legacy,
        original_name="cu.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    assert operations.delete_draft_files([legacy, elsewhere, {"storage_name": orphan}]) == 1
    assert storage.exists(legacy) and storage.exists(elsewhere)
    assert not storage.exists(orphan)


def _pdf():
    from django.core.files.base import ContentFile

    from .conftest import PDF

    return ContentFile(PDF)


def _any_application():
    from tests.tracking.factories import ApplicationFactory

    return ApplicationFactory()
