"""`manage.py check --deploy` passes cleanly with the production settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.production import production_env


def test_production_settings_pass_the_deployment_checklist(tmp_path: Path) -> None:
    env = production_env(tmp_path, "deploy")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output, output
    # Every system-check message is printed as "<source>: (<id>) ..." or "?: (<id>) ...".
    assert "?:" not in output, output
    assert "System check identified no issues" in output, output
