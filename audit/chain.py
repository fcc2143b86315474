"""The hash chain: canonical serialisation, appending under a lock, verification.

Each entry's hash is SHA-256 over ``portal.audit/1`` and the entry's canonical JSON
(sorted keys, no spaces, UTF-8, times in UTC to the microsecond), which holds the hash
of the entry before it. Appending locks the chain's head row, so that two requests
at once never give out the same number or chain to the same entry, on PostgreSQL and
on SQLite alike.
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.constants import ActorKind, AuditAction
from audit.models import GENESIS_HASH, AuditChainHead, AuditEntry
from tracking.models import ApplicationEvent

logger = logging.getLogger(__name__)

HASH_PREFIX = b"portal.audit/1\n"
HEAD_PK = 1
# The fields the hash covers, in the canonical serialisation.
HASHED_FIELDS = (
    "sequence",
    "at",
    "actor_kind",
    "actor_user_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "event_id",
    "data",
    "previous_hash",
)


def normalised(data) -> dict:
    """`data` as the database gives it back (JSON types only), so that the hash taken
    before saving is the hash recomputed after reading."""
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder, ensure_ascii=False))


def canonical_bytes(entry: AuditEntry) -> bytes:
    values = {name: getattr(entry, name) for name in HASHED_FIELDS}
    values["at"] = entry.at.astimezone(UTC).isoformat(timespec="microseconds")
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(HASH_PREFIX + canonical_bytes(entry)).hexdigest()


def append(
    *,
    action: AuditAction,
    actor_kind: ActorKind,
    object_type: str,
    object_id="",
    object_label="",
    actor_user_id=None,
    actor_label="",
    event_id=None,
    data=None,
) -> AuditEntry:
    """Add one entry at the end of the chain, in the caller's transaction (or its own).

    The head row is locked until that transaction ends: an entry written with the
    change it records commits or rolls back with it, and entries are numbered in the
    order their transactions take the lock.
    """
    with transaction.atomic():
        head = _locked_head()
        entry = AuditEntry(
            sequence=head.sequence + 1,
            at=timezone.now(),
            actor_kind=actor_kind,
            actor_user_id=actor_user_id,
            actor_label=(actor_label or "")[:255],
            action=action,
            object_type=object_type,
            object_id=str(object_id or ""),
            object_label=(object_label or "")[:100],
            event_id=event_id,
            data=normalised(data),
            previous_hash=head.hash,
        )
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
        AuditChainHead.objects.filter(pk=HEAD_PK).update(sequence=entry.sequence, hash=entry.hash)
    return entry


def _locked_head() -> AuditChainHead:
    """The head row, locked for this transaction.

    An UPDATE comes first: it takes the row lock on PostgreSQL and the database's
    write lock on SQLite (where SELECT … FOR UPDATE locks nothing), so the head is
    read only once no other append can change it before this transaction ends.
    """
    if not AuditChainHead.objects.filter(pk=HEAD_PK).update(sequence=F("sequence")):
        _restore_head()
    return AuditChainHead.objects.select_for_update().get(pk=HEAD_PK)


def _restore_head() -> None:
    """No head row: a new database (or a flushed one) starts the chain; a head removed
    under a chain that has entries is set again from the last entry, and that is
    recorded as an entry of its own for the verification to report."""
    last = AuditEntry.objects.order_by("-sequence").first()
    try:
        with transaction.atomic():
            AuditChainHead.objects.create(
                pk=HEAD_PK,
                sequence=last.sequence if last else 0,
                hash=last.hash if last else GENESIS_HASH,
            )
    except IntegrityError:
        return  # another transaction made it meanwhile
    if last is not None:
        logger.error("audit chain head was missing; restored at entry #%s", last.sequence)
        AuditChainHead.objects.filter(pk=HEAD_PK).update(sequence=F("sequence"))
        head = AuditChainHead.objects.select_for_update().get(pk=HEAD_PK)
        restored = AuditEntry(
            sequence=head.sequence + 1,
            at=timezone.now(),
            actor_kind=ActorKind.SYSTEM,
            action=AuditAction.HEAD_RESTORED,
            object_type="chain",
            data={"after": last.sequence},
            previous_hash=head.hash,
        )
        restored.hash = entry_hash(restored)
        restored.save(force_insert=True)
        AuditChainHead.objects.filter(pk=HEAD_PK).update(
            sequence=restored.sequence, hash=restored.hash
        )


@dataclass(frozen=True)
class Break:
    """The first entry where the chain does not hold, and why."""

    sequence: int
    reason: str


@dataclass
class Verification:
    count: int = 0
    last_hash: str = GENESIS_HASH
    broken: Break | None = None
    # Entries that record a restored head (the head row had been removed).
    restored_heads: list[int] = field(default_factory=list)
    # Application events logged after the chain started that no entry records.
    unchained_events: int = 0
    first_unchained_event: int | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.unchained_events


def verify(*, anchor: tuple[int, str] | None = None, check_events=True) -> Verification:
    """Walk the chain from its first entry: numbers without a gap, each previous hash
    equal to the hash of the entry before, each hash equal to the hash recomputed from
    the entry's content, and the head at the last entry. An `anchor` (sequence, hash)
    copied earlier out of the database (`audit.tasks.anchor_audit_chain` logs one
    daily) must still be in the chain: an attacker who rewrote the chain from some
    entry on, hashes included, cannot rewrite that copy. With `check_events`, every
    application event since the first one chained must have its entry."""
    result = Verification()
    expected, previous = 1, GENESIS_HASH
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000):
        problem = _problem(entry, expected, previous)
        if problem is None and anchor is not None and anchor[0] == entry.sequence:
            problem = _anchor_problem(entry, anchor)
        if problem is not None:
            result.broken = Break(entry.sequence, str(problem))
            return result
        if entry.action == AuditAction.HEAD_RESTORED:
            result.restored_heads.append(entry.sequence)
        result.count, result.last_hash = entry.sequence, entry.hash
        expected, previous = entry.sequence + 1, entry.hash
    if anchor is not None and anchor[0] > result.count:
        result.broken = Break(
            anchor[0],
            _("mục đã lưu giữ bên ngoài không còn trong chuỗi (chuỗi chỉ có %(count)s mục)")
            % {"count": result.count},
        )
        return result
    head = AuditChainHead.objects.filter(pk=HEAD_PK).first()
    if head is not None and head.sequence > result.count:
        result.broken = Break(
            result.count + 1,
            _(
                "các mục từ #%(first)s đến #%(last)s đã bị xóa ở cuối chuỗi (đầu chuỗi ghi #%(last)s)"
            )
            % {"first": result.count + 1, "last": head.sequence},
        )
    elif head is not None and (head.sequence, head.hash) != (result.count, result.last_hash):
        result.broken = Break(
            head.sequence,
            _("đầu chuỗi (#%(head)s) không khớp với mục cuối cùng (#%(last)s)")
            % {"head": head.sequence, "last": result.count},
        )
    elif check_events:
        _check_events(result)
    return result


def _anchor_problem(entry: AuditEntry, anchor: tuple[int, str]):
    if entry.hash == anchor[1]:
        return None
    return _("mã băm khác mã băm đã lưu giữ bên ngoài (%(hash)s)") % {"hash": anchor[1]}


def _problem(entry: AuditEntry, expected: int, previous: str):
    if entry.sequence != expected:
        if entry.sequence == expected + 1:
            return _("mục #%(missing)s ngay trước nó đã bị xóa khỏi chuỗi") % {"missing": expected}
        return _("các mục #%(first)s–#%(last)s trước nó đã bị xóa khỏi chuỗi") % {
            "first": expected,
            "last": entry.sequence - 1,
        }
    if entry.previous_hash != previous:
        if expected == 1:
            return _("mục đầu tiên không bắt đầu từ mã băm khởi tạo")
        return _(
            "mã băm của mục trước không khớp với mục #%(previous)s "
            "(mục #%(previous)s đã bị sửa hoặc bị thay thế)"
        ) % {"previous": expected - 1}
    if entry_hash(entry) != entry.hash:
        return _("nội dung đã bị sửa: mã băm tính lại khác mã băm đã lưu")
    return None


def _check_events(result: Verification) -> None:
    chained = AuditEntry.objects.filter(event_id__isnull=False)
    first = chained.order_by("event_id").values_list("event_id", flat=True).first()
    if first is None:
        return
    unchained = ApplicationEvent.objects.filter(pk__gte=first).exclude(
        pk__in=chained.values("event_id")
    )
    result.unchained_events = unchained.count()
    if result.unchained_events:
        result.first_unchained_event = unchained.order_by("pk").values_list("pk", flat=True)[0]
