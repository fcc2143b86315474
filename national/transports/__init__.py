"""How requests reach the national portal: HTTPS JSON, or a folder for air-gapped installs.

`transport()` gives the one NATIONAL_TRANSPORT names (`http`, `folder`, or the
dotted path of a class with the same methods). A transport posts a request
(`post`) and returns the peer's `Answer`, or raises `TransportError` (try again
later) or `PermanentTransportError` (the peer refuses it: retrying cannot
help); it reads the sharing services with `fetch`.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string

from national.constants import Service


@dataclass(frozen=True)
class Answer:
    status: int | None
    body: dict = field(default_factory=dict)
    text: str = ""


class TransportError(Exception):
    """The request did not get through this time (network, timeout, 5xx, session)."""


class PermanentTransportError(TransportError):
    """The national portal answered that it will never take this request as it is."""


TRANSPORTS = {
    "http": "national.transports.http.HttpTransport",
    "folder": "national.transports.folder.FolderTransport",
}


def enabled() -> bool:
    return bool(settings.NATIONAL_TRANSPORT)


def service_name(service: Service) -> str:
    """The name the peer knows a service by (NATIONAL_SERVICES renames it)."""
    return (settings.NATIONAL_SERVICES or {}).get(str(service), str(service))


def transport():
    name = settings.NATIONAL_TRANSPORT
    return import_string(TRANSPORTS.get(name, name))()
