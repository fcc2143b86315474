"""Files an app reads or writes: the JSON data it ships beside its code (its demo
content), and files handed to other systems through a folder."""

import json
import os
import tempfile
from pathlib import Path


def demo_data(module_file: str, name: str):
    """`<the module's folder>/demo_data/<name>.json`, parsed (a fresh copy each call, so
    that a loader may change what it reads)."""
    path = Path(module_file).resolve().parent / "demo_data" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def write_atomically(target: Path, content: bytes) -> None:
    """Write `content` to `target` so that a reader of the folder never sees half of it:
    into a dot file beside it, flushed to disk, then renamed (atomic on one file
    system). A second write of the same name replaces the file. Raises OSError."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
