"""Receiving organisations ("đơn vị nhận") and how to reach them, from settings.

`EXCHANGE_PEERS` maps an OrganId to its configuration, e.g. (JSON in the
environment variable of the same name)::

    {"000.00.12.H34": {"name": "Hệ thống quản lý văn bản của Sở",
                       "transport": "http", "url": "https://qlvb.example.gov.vn/edxml/",
                       "timeout": 15, "verify": true,
                       "client_cert": "/etc/portal/client.pem", "client_key": "/etc/portal/client.key",
                       "certificate": "/etc/portal/qlvb.pem", "secret": "",
                       "units": ["000.01.12.H34"], "default": true}}

`transport` is `http` or `folder` (with `path`; default `EXCHANGE_DROP_DIR`).
`certificate` (PEM) checks the signature of the status packages this peer
sends; a peer without one must send `secret` as an HMAC header instead.
`units` lists the receiving units whose applications go to this peer; the
peer marked `default` (or the only one) takes the rest.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Peer:
    organ_id: str
    name: str
    transport: str = "folder"
    url: str = ""
    path: str = ""
    timeout: float = 15.0
    connect_timeout: float = 5.0
    verify: bool | str = True
    client_cert: str = ""
    client_key: str = ""
    certificate: str = ""
    secret: str = ""
    units: tuple = ()
    default: bool = False
    address: str = ""
    email: str = ""
    phone: str = ""
    options: dict = field(default_factory=dict)

    def certificate_pem(self) -> bytes | None:
        if not self.certificate:
            return None
        if self.certificate.lstrip().startswith("-----BEGIN"):
            return self.certificate.encode()
        return Path(self.certificate).read_bytes()

    def drop_dir(self) -> Path:
        return Path(self.path or settings.EXCHANGE_DROP_DIR)


KNOWN = {f for f in Peer.__dataclass_fields__ if f not in ("organ_id", "options")}


def all_peers() -> dict[str, Peer]:
    peers = {}
    for organ_id, config in (settings.EXCHANGE_PEERS or {}).items():
        config = dict(config)
        config["units"] = tuple(config.get("units", ()))
        known = {k: v for k, v in config.items() if k in KNOWN}
        extra = {k: v for k, v in config.items() if k not in KNOWN}
        known.setdefault("name", organ_id)
        peers[organ_id] = Peer(organ_id=organ_id, options=extra, **known)
    return peers


def peer(organ_id: str) -> Peer | None:
    return all_peers().get(organ_id)


def peer_for_unit(unit_code: str) -> Peer:
    """The peer that receives the applications of this receiving unit."""
    peers = all_peers()
    if not peers:
        raise ImproperlyConfigured("EXCHANGE_PEERS lists no receiving organisation.")
    for candidate in peers.values():
        if unit_code in candidate.units:
            return candidate
    defaults = [p for p in peers.values() if p.default] or list(peers.values())
    return defaults[0]
