"""A drop folder the document system picks packages up from (atomic write, then rename)."""

import re

from core.datafiles import write_atomically
from tracking.exchange.transports import Delivery, TransportError


def file_name(document_id: str) -> str:
    """A safe, stable file name for a DocumentId: re-sends replace the same file."""
    return re.sub(r"[^0-9A-Za-z.\-]+", "_", document_id) + ".edxml"


def send(peer, *, package: bytes, document_id: str) -> Delivery:
    target = peer.drop_dir() / file_name(document_id)
    # Readers of the folder ignore dot files: they never see a half-written package.
    try:
        write_atomically(target, package)
    except OSError as error:
        raise TransportError(f"{type(error).__name__}: {error}") from error
    return Delivery(status=None, body=f"written {target.name}")
