"""The WSGI entry point gunicorn serves: set up once, out of the collector's way, and
safe to load before the workers fork."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, sys
import portal.wsgi
from django.db import connections
opened = any(connections[alias].connection is not None for alias in connections)
print(gc.get_freeze_count(), len(gc.get_objects()), "tracking.views" in sys.modules, opened)
"""


def test_a_worker_starts_with_its_views_loaded_and_its_start_up_frozen():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.bench.settings"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    frozen, tracked, views_loaded, connected = result.stdout.split()
    # The URLs and their views are imported before the first request, not during it,
    # and a full collection walks what the requests make: a few thousand objects, not
    # the hundreds of thousands of the start.
    assert views_loaded == "True"
    assert int(frozen) > 100_000
    assert int(tracked) < int(frozen) / 20
    # Nothing is connected yet: a master that preloads (`gunicorn --preload`) forks its
    # workers without a database connection to share between them.
    assert connected == "False"
