"""Checking and storing applicants' uploads in the private storage."""

import hashlib
import secrets
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

# Extension → (content type, how the file must start). DOCX is a ZIP container.
KNOWN_TYPES = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    "zip": ("application/zip", (b"PK\x03\x04",)),
}
DEFAULT_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "docx")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class StoredUpload:
    storage_name: str
    original_name: str
    content_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class SubmittedFile:
    """A checked file in the private storage, named for the field it answers: what the
    form engine hands over at submission and what tracking attaches to an event."""

    field_name: str
    label: str
    storage_name: str
    original_name: str
    content_type: str
    size: int
    sha256: str

    @classmethod
    def from_stored(cls, stored: StoredUpload, *, field_name: str, label) -> "SubmittedFile":
        """From an upload just checked and saved by `store_private_upload`."""
        return cls(
            field_name=field_name,
            label=str(label),
            storage_name=stored.storage_name,
            original_name=stored.original_name,
            content_type=stored.content_type,
            size=stored.size,
            sha256=stored.sha256,
        )


def safe_original_name(name: str) -> str:
    """The file's own name without any folder part, fit to show and to download."""
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = get_valid_filename(base) if base else ""
    return cleaned[:200] or "tep-dinh-kem"


def check_upload(upload, *, extensions=DEFAULT_EXTENSIONS, max_bytes=DEFAULT_MAX_BYTES) -> str:
    """Refuse a file that is too large, of a type not allowed, or whose content is not its type.

    Returns the content type derived from the extension (never the browser's claim).
    """
    name = safe_original_name(upload.name)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in extensions or extension not in KNOWN_TYPES:
        raise ValidationError(
            _("Tệp “%(name)s” không đúng định dạng. Chỉ nhận: %(allowed)s."),
            code="file_type",
            params={"name": name, "allowed": ", ".join(e.upper() for e in extensions)},
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("Tệp “%(name)s” vượt quá dung lượng tối đa %(limit)s MB."),
            code="file_size",
            params={"name": name, "limit": max_bytes // (1024 * 1024)},
        )
    if upload.size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng."), code="file_empty", params={"name": name})
    content_type, signatures = KNOWN_TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            _("Nội dung tệp “%(name)s” không khớp với định dạng %(ext)s."),
            code="file_content",
            params={"name": name, "ext": extension.upper()},
        )
    return content_type


def store_private_upload(upload, *, folder: str, **limits) -> StoredUpload:
    """Check `upload` and save it under a random name in the private storage."""
    content_type = check_upload(upload, **limits)
    original_name = safe_original_name(upload.name)
    extension = original_name.rsplit(".", 1)[-1].lower()
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    day = timezone.localdate()
    name = f"{folder}/{day:%Y/%m}/{secrets.token_hex(16)}.{extension}"
    stored = storages["private"].save(name, upload)
    return StoredUpload(
        storage_name=stored,
        original_name=original_name,
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
    )
