"""The WSGI application freezes what it loaded (config/wsgi.py): the collector's full passes
no longer walk Django's and the portal's startup objects on every hundredth request."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.production import production_env

PROBE = (
    "import gc\n"
    "before = gc.get_freeze_count()\n"
    "import config.wsgi\n"
    "print(before, gc.get_freeze_count(), callable(config.wsgi.application))\n"
)


def test_the_loaded_application_is_frozen_and_serves(tmp_path: Path) -> None:
    # As gunicorn loads it: a process of its own, with the production settings.
    env = production_env(tmp_path, "wsgi")
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    before, after, serves = result.stdout.split()
    assert int(before) == 0
    # Django, the URL map and the models alone are tens of thousands of objects.
    assert int(after) > 20_000, result.stdout
    assert serves == "True"
