"""Production keeps database connections 60 s and checks them before use (issue 13)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _production_database(**extra) -> dict:
    code = (
        "import json; from config.settings import production as p; "
        "print(json.dumps({k: p.DATABASES['default'][k] "
        "for k in ('CONN_MAX_AGE', 'CONN_HEALTH_CHECKS')}))"
    )
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/relay_unused",
        **extra,
    }
    env.pop("CONN_MAX_AGE", None) if "CONN_MAX_AGE" not in extra else None
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_production_keeps_connections_sixty_seconds_with_health_checks():
    assert _production_database() == {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}


def test_the_environment_may_still_choose_the_connection_age():
    assert _production_database(CONN_MAX_AGE="0")["CONN_MAX_AGE"] == 0
