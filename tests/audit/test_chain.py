"""The tamper-evident audit log: every event and every staff access chained by SHA-256;
`verify_audit_chain` finds a row edited, deleted or inserted behind the portal's back."""

import pytest
from django.core.management import CommandError, call_command

from audit import chain
from audit.constants import AuditAction
from audit.models import GENESIS_HASH, AuditChainHead, AuditEntry
from tests.privacy.conftest import make_staff
from tests.tracking.factories import ApplicationFactory
from tracking.models import ApplicationEvent

pytestmark = pytest.mark.django_db


def verify(*args):
    """The command's output, or the CommandError it ends with."""
    from io import StringIO

    out = StringIO()
    call_command("verify_audit_chain", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture(autouse=True)
def chain_of_its_own(db):
    """Each test reads the chain from its start. What the starting data logged (the
    demo's applications, when a module marked `demo` ran before in this process) is set
    aside inside the test's transaction, rolled back after it."""
    for model in (AuditEntry, ApplicationEvent):
        model.objects.all()._raw_delete(model.objects.db)
    AuditChainHead.objects.update(sequence=0, hash=GENESIS_HASH)


@pytest.fixture
def chained():
    """Two applications through a few steps: a chain of eight entries."""
    ApplicationFactory(accepted=True)
    ApplicationFactory(in_progress=True)
    assert AuditEntry.objects.count() == 5
    ApplicationFactory(in_progress=True)
    return list(AuditEntry.objects.order_by("sequence"))


def test_every_event_of_an_application_is_an_entry_chained_to_the_one_before(chained):
    events = ApplicationEvent.objects.order_by("pk")
    assert [e.event_id for e in chained] == [e.pk for e in events]
    assert chained[0].previous_hash == GENESIS_HASH
    for before, entry in zip(chained, chained[1:], strict=False):
        assert entry.previous_hash == before.hash
        assert entry.sequence == before.sequence + 1
    assert AuditChainHead.objects.get().hash == chained[-1].hash


def test_an_entry_keeps_who_what_and_digests_but_no_personal_data(chained):
    submit = chained[0]
    assert (submit.action, submit.actor_kind) == (AuditAction.APPLICATION_EVENT, "applicant")
    assert submit.data["action"] == "submit"
    assert len(submit.data["files"][0]["sha256"]) == 64
    accept = chained[1]
    assert (accept.actor_kind, accept.actor_label) == ("system", "Cán bộ một cửa")
    everything = str([(e.data, e.actor_label, e.object_label) for e in chained])
    for personal in ("Nguyễn Thị Hoa", "0905123456", "056190000123", "hoa.nguyen@example.vn"):
        assert personal not in everything


def test_a_clean_chain_passes(chained):
    out = verify()
    assert out.startswith("OK: 8 mục")
    assert chained[-1].hash in out


def test_an_empty_chain_passes(db):
    assert verify().startswith("OK: 0 mục")


def test_a_row_edited_in_the_database_is_found(chained):
    AuditEntry.objects.filter(sequence=4).update(data={"action": "refuse"})
    with pytest.raises(CommandError, match=r"mục #4: nội dung đã bị sửa"):
        verify()


def test_an_edited_row_whose_hash_is_recomputed_breaks_the_next_link(chained):
    entry = AuditEntry.objects.get(sequence=4)
    entry.actor_label = "người khác"
    AuditEntry.objects.filter(pk=entry.pk).update(
        actor_label=entry.actor_label, hash=chain.entry_hash(entry)
    )
    with pytest.raises(CommandError, match=r"mục #5: mã băm của mục trước không khớp với mục #4"):
        verify()


def test_a_deleted_row_is_found(chained):
    AuditEntry.objects.filter(sequence=3).delete()
    with pytest.raises(CommandError, match=r"mục #4: mục #3 ngay trước nó đã bị xóa"):
        verify()


def test_deleted_last_rows_are_found_by_the_head(chained):
    AuditEntry.objects.filter(sequence__gte=7).delete()
    with pytest.raises(CommandError, match=r"mục #7: các mục từ #7 đến #8 đã bị xóa ở cuối chuỗi"):
        verify()


def test_a_chain_rewritten_from_some_entry_on_is_found_by_an_anchor(chained):
    anchor = f"{chained[5].sequence}:{chained[5].hash}"
    assert verify("--anchor", anchor).startswith("OK")
    # Rewrite entries 3 to 8 consistently, hashes, links and head included.
    previous = chained[1].hash
    for entry in chained[2:]:
        entry.actor_label = "sửa đổi"
        entry.previous_hash = previous
        entry.hash = chain.entry_hash(entry)
        AuditEntry.objects.filter(pk=entry.pk).update(
            actor_label=entry.actor_label, previous_hash=previous, hash=entry.hash
        )
        previous = entry.hash
    AuditChainHead.objects.update(hash=previous)
    assert verify().startswith("OK")  # consistent in itself…
    with pytest.raises(CommandError, match=r"mục #6: mã băm khác mã băm đã lưu giữ bên ngoài"):
        verify("--anchor", anchor)  # …but not with the copy kept outside


def test_an_event_written_behind_the_portals_back_is_found(chained):
    application = ApplicationEvent.objects.first().application
    ApplicationEvent.objects.bulk_create(
        [ApplicationEvent(application=application, action="start", to_state="in_progress")]
    )
    with pytest.raises(CommandError, match=r"1 sự kiện hồ sơ không có trong nhật ký"):
        verify()
    assert verify("--skip-events").startswith("OK")


def test_entries_are_append_only(chained):
    entry = chained[0]
    entry.actor_label = "khác"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


def test_a_removed_head_is_restored_and_reported(chained):
    AuditChainHead.objects.all().delete()
    ApplicationFactory()
    restored = AuditEntry.objects.get(action=AuditAction.HEAD_RESTORED)
    assert restored.sequence == 9 and restored.data == {"after": 8}
    assert verify().startswith("OK: 10 mục")


def test_staff_accesses_are_chained_with_the_events(client):
    application = ApplicationFactory()
    clerk = make_staff("mot-cua")
    client.force_login(clerk)
    client.get(f"/admin/ho-so/{application.pk}/")
    upload = application.files.get()
    client.get(f"/admin/ho-so/{application.pk}/tep/{upload.pk}/")
    actions = list(AuditEntry.objects.order_by("sequence").values_list("action", flat=True))
    assert actions == [
        AuditAction.APPLICATION_EVENT,
        AuditAction.PERSONAL_DATA_VIEWED,
        AuditAction.FILE_DOWNLOADED,
    ]
    assert verify().startswith("OK: 3 mục")


def test_the_daily_anchor_logs_the_last_hash(chained, caplog):
    from audit.tasks import anchor_audit_chain

    with caplog.at_level("INFO", logger="audit.anchor"):
        assert anchor_audit_chain.delay().get() == 8
    assert f"audit chain anchor 8:{chained[-1].hash}" in caplog.text
    AuditEntry.objects.filter(sequence=2).update(actor_label="x")
    with caplog.at_level("INFO", logger="audit.anchor"):
        anchor_audit_chain.delay().get()
    assert "audit chain broken at entry #2" in caplog.text
