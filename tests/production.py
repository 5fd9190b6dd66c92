"""The environment of a process started with the production settings, as a deployment starts
it (the checks that run ``manage.py`` or import the WSGI application in a process of their
own)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def production_env(tmp_path: Path, name: str) -> dict[str, str]:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process; a deployment never has it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "relay.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / f'{name}.sqlite3'}",
    }
