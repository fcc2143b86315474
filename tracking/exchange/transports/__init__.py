"""How a package reaches its receiver: one module per transport, picked by name.

A transport takes the package bytes and returns a `Delivery` (the receiver's
answer), or raises `TransportError` (try again later) or `PermanentTransportError`
(the receiver refuses the package: retrying cannot help).
"""

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Delivery:
    status: int | None
    body: str


class TransportError(Exception):
    """The package did not get through this time (network, timeout, 5xx)."""


class PermanentTransportError(TransportError):
    """The receiver answered that it will never take this package."""


TRANSPORTS = {
    "http": "tracking.exchange.transports.http",
    "folder": "tracking.exchange.transports.folder",
}


def send(peer, *, package: bytes, document_id: str) -> Delivery:
    """Send with the peer's transport: a name above, or the dotted path of a module
    with the same `send(peer, *, package, document_id)` function."""
    try:
        module = import_module(TRANSPORTS.get(peer.transport, peer.transport))
    except ImportError as error:
        raise PermanentTransportError(f"unknown transport {peer.transport!r}") from error
    return module.send(peer, package=package, document_id=document_id)
