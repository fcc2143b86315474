"""A folder instead of the network, for air-gapped installs and tests.

Requests are written to `NATIONAL_FOLDER/outbox/<key>.json` (atomic write, then
rename: a re-send replaces the same file, so the carrier never takes one twice).
Reads come from files an operator brings in: the catalogue from
`catalogue/*.json` (records as `LayThuTuc` returns them, one or a list per
file) and applications filed on the national portal from `inbox/*.json`.
"""

import json
import re
from pathlib import Path

from django.conf import settings

from core.datafiles import write_atomically
from national.constants import Service
from national.transports import Answer, TransportError, service_name


def _safe(key: str) -> str:
    return re.sub(r"[^0-9A-Za-z.\-]+", "_", key)


def read_records(folder: Path) -> list[dict]:
    records = []
    for path in sorted(folder.glob("*.json")):
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise TransportError(f"{path.name}: {error}") from error
        records += content if isinstance(content, list) else [content]
    return records


class FolderTransport:
    def __init__(self):
        self.root = Path(settings.NATIONAL_FOLDER)

    def post(self, service, payload: dict, *, key: str) -> Answer:
        folder = self.root / "outbox"
        envelope = {
            "madonvi": settings.NATIONAL_AGENCY_CODE,
            "service": service_name(service),
            "key": key,
            **payload,
        }
        target = folder / f"{_safe(key)}.json"
        content = json.dumps(envelope, ensure_ascii=False, indent=1).encode()
        try:
            write_atomically(target, content)
        except OSError as error:
            raise TransportError(f"{type(error).__name__}: {error}") from error
        return Answer(status=None, body={"error_code": "0"}, text=f"written {target.name}")

    def fetch(self, service, params: dict) -> dict:
        if service == Service.CATALOGUE_LIST:
            records = read_records(self.root / "catalogue")
            return {"error_code": "0", "result": [{"MATTHC": r.get("MATTHC")} for r in records]}
        if service == Service.CATALOGUE_RECORD:
            records = read_records(self.root / "catalogue")
            wanted = [r for r in records if r.get("MATTHC") == params.get("maTTHC")]
            return {"error_code": "0", "result": wanted}
        if service == Service.NEW_APPLICATIONS:
            return {"error_code": "0", "result": read_records(self.root / "inbox")}
        raise TransportError(f"the folder transport cannot read {service}")
