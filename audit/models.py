"""The audit log: append-only entries chained by SHA-256, and the head of the chain."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.constants import ActorKind, AuditAction

# The previous hash of the first entry.
GENESIS_HASH = "0" * 64


class AuditEntry(models.Model):
    """One line of the audit log. Never updated, never deleted.

    `hash` is the SHA-256 of the entry's canonical serialisation
    (`audit.chain.canonical_bytes`), which includes `previous_hash`, the hash of the
    entry before it: changing, removing or inserting a row breaks the chain from that
    row on, and `manage.py verify_audit_chain` names the first broken entry.

    No personal data of applicants is kept here (the dossier code, the staff
    member's account, digests of notes and files), so that the purge of an
    application's personal data at the end of its retention leaves the chain whole.
    """

    sequence = models.PositiveBigIntegerField(_("số thứ tự"), unique=True)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    actor_kind = models.CharField(_("loại người thực hiện"), max_length=16, choices=ActorKind)
    # The account's key, kept as a number: the entry outlives the account.
    actor_user_id = models.BigIntegerField(_("mã tài khoản"), null=True, blank=True)
    actor_label = models.CharField(_("người thực hiện"), max_length=255, blank=True)
    action = models.CharField(_("hành động"), max_length=32, choices=AuditAction)
    object_type = models.CharField(_("loại đối tượng"), max_length=32)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    object_label = models.CharField(_("đối tượng"), max_length=100, blank=True)
    # The application event this entry chains (one entry per event).
    event_id = models.BigIntegerField(null=True, blank=True, unique=True)
    data = models.JSONField(_("chi tiết"), default=dict, blank=True)
    previous_hash = models.CharField(_("mã băm của mục trước"), max_length=64)
    hash = models.CharField(_("mã băm"), max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("mục nhật ký kiểm tra")
        verbose_name_plural = _("nhật ký kiểm tra")
        indexes = [
            models.Index(
                fields=["object_type", "object_id", "sequence"], name="audit_entry_object"
            ),
            models.Index(fields=["actor_user_id", "sequence"], name="audit_entry_actor"),
        ]

    def __str__(self):
        return f"#{self.sequence} {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are append-only.")


class AuditChainHead(models.Model):
    """The last entry of the chain: one row, locked by every append so that entries
    are numbered and chained one after the other; compared with the entries by the
    verification (a removed last entry leaves the head pointing past them)."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký kiểm tra")
        verbose_name_plural = _("đầu chuỗi nhật ký kiểm tra")

    def __str__(self):
        return f"#{self.sequence} {self.hash}"
