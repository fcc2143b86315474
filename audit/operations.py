"""What writes the audit log: one function per kind of entry. The receivers of the
signals of tracking and accounts call these (`audit.receivers`)."""

import hashlib

from audit import chain
from audit.constants import ActorKind, AuditAction
from audit.models import AuditEntry

APPLICATION = "application"
ACCOUNT = "account"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest() if text else ""


def _event_actor(event) -> tuple[ActorKind, int | None, str]:
    """Who acted: a member of staff by account, the applicant (never by name: the
    name is personal data the purge removes), or a system by its label."""
    if event.actor_id is not None:
        return ActorKind.STAFF, event.actor_id, event.actor.get_username()
    if event.actor_label and event.actor_label == event.application.applicant_name:
        return ActorKind.APPLICANT, None, ""
    return ActorKind.SYSTEM, None, event.actor_label


def record_event(event) -> AuditEntry:
    """Chain one event of an application's timeline, in the transaction that logs it.

    The entry keeps what happened (action, states, time, the event's data), who did
    it, and SHA-256 digests of the notes and of each file attached, not the notes
    themselves: these may name people, and go when the application's personal data
    is purged.
    """
    kind, user_id, label = _event_actor(event)
    application = event.application
    return chain.append(
        action=AuditAction.APPLICATION_EVENT,
        actor_kind=kind,
        actor_user_id=user_id,
        actor_label=label,
        object_type=APPLICATION,
        object_id=application.pk,
        object_label=application.dossier_code,
        event_id=event.pk,
        data={
            "action": event.action,
            "from_state": event.from_state,
            "to_state": event.to_state,
            "event_at": event.at,
            "data": event.data,
            "note_sha256": _digest(event.note),
            "public_note_sha256": _digest(event.public_note),
            "files": [
                {"id": f.pk, "kind": f.kind, "size": f.size, "sha256": f.sha256}
                for f in event.attachments.order_by("pk")
            ],
        },
    )


def _accessor(actor) -> tuple[ActorKind, int | None, str]:
    if getattr(actor, "is_authenticated", False):
        return ActorKind.STAFF, actor.pk, actor.get_username()
    return ActorKind.INTEGRATOR, None, str(actor)


def record_access(*, application, actor, resource: str, data=None) -> AuditEntry:
    """A member of staff (or an integrator's key) read the personal data of
    `application`: its page (`resource="application"`), one of its files
    (`resource="file"`, with the file's key, kind and digest in `data`), or another
    record holding it (a request to the national portal: `"national_message"`; a package
    of the document exchange: `"exchange_package"`, `"exchange_status_package"`)."""
    kind, user_id, label = _accessor(actor)
    action = AuditAction.FILE_DOWNLOADED if resource == "file" else AuditAction.PERSONAL_DATA_VIEWED
    return chain.append(
        action=action,
        actor_kind=kind,
        actor_user_id=user_id,
        actor_label=label,
        object_type=APPLICATION,
        object_id=application.pk,
        object_label=application.dossier_code,
        data={"resource": resource, **(data or {})},
    )


def record_second_factor_change(*, user, change: str, by=None) -> AuditEntry:
    """A member of staff's second factor changed (`change`), by themselves, by an
    administrator, or by a command on the server (`by` None)."""
    if by is None:
        kind, by_id, label = ActorKind.SYSTEM, None, ""
    else:
        kind, by_id, label = ActorKind.STAFF, by.pk, by.get_username()
    return chain.append(
        action=AuditAction.SECOND_FACTOR_CHANGED,
        actor_kind=kind,
        actor_user_id=by_id,
        actor_label=label,
        object_type=ACCOUNT,
        object_id=user.pk,
        object_label=user.get_username(),
        data={"change": change},
    )


def record_account_request(*, action: AuditAction, user_id: int, data=None) -> AuditEntry:
    """A request of the data subject about their account: the export of their data,
    the deletion of the account (the account is named by its key only)."""
    return chain.append(
        action=action,
        actor_kind=ActorKind.APPLICANT,
        actor_user_id=user_id,
        object_type=ACCOUNT,
        object_id=user_id,
        data=data,
    )
