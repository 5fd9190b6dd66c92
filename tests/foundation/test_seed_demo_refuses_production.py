"""seed_demo refuses to run under production settings: its logins share a published password."""

from __future__ import annotations

import io
import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError


def _production_env(tmp_path: Path) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "relay.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        # Even when someone sets it: production.py does not read it from the environment.
        "DEMO_DATA_ALLOWED": "true",
    }


def test_seed_demo_under_production_settings_exits_non_zero_and_creates_nothing(tmp_path):
    env = _production_env(tmp_path)
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr

    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "refuses to run under production settings" in result.stderr
    assert "relay-demo-2026" not in result.stdout + result.stderr
    with sqlite3.connect(tmp_path / "prod.sqlite3") as db:
        assert db.execute("select count(*) from auth_user").fetchone() == (0,)


@pytest.mark.django_db
def test_seed_demo_refuses_whenever_demo_data_is_not_allowed(settings):
    settings.DEMO_DATA_ALLOWED = False

    with pytest.raises(CommandError, match="published demo password"):
        call_command("seed_demo", stdout=io.StringIO())

    assert not get_user_model().objects.filter(username="admin").exists()


def test_demo_data_is_allowed_in_the_embedded_run_mode():
    assert settings.DEMO_DATA_ALLOWED is True
