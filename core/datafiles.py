"""Reading the JSON data an app ships beside its code (its demo content)."""

import json
from pathlib import Path


def demo_data(module_file: str, name: str):
    """`<the module's folder>/demo_data/<name>.json`, parsed (a fresh copy each call, so
    that a loader may change what it reads)."""
    path = Path(module_file).resolve().parent / "demo_data" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))
