"""A drop folder the document system picks packages up from (atomic write, then rename)."""

import os
import re
import tempfile

from tracking.exchange.transports import Delivery, TransportError


def file_name(document_id: str) -> str:
    """A safe, stable file name for a DocumentId: re-sends replace the same file."""
    return re.sub(r"[^0-9A-Za-z.\-]+", "_", document_id) + ".edxml"


def send(peer, *, package: bytes, document_id: str) -> Delivery:
    folder = peer.drop_dir()
    target = folder / file_name(document_id)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Readers of the folder never see a half-written package: they ignore
        # dot files, and the rename is atomic on one file system.
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".part")
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(package)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError as error:
        raise TransportError(f"{type(error).__name__}: {error}") from error
    return Delivery(status=None, body=f"written {target.name}")
