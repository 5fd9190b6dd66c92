"""Test settings: the run mode comes from the environment exactly as in base.py."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit


def _redis_of_this_test_process(url: str, worker: str) -> str:
    """pytest-xdist runs the suite in several processes (``make test TEST_WORKERS=auto``),
    and pytest-django gives each its own test database (test_<name>_gw0, _gw1, …). Each also
    needs its own Redis database: the Celery worker processes a test starts take tasks from
    the broker's queue, and must never take another process's. gw<n> uses the given
    database plus n."""
    if not (url and worker.startswith("gw")):
        return url
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + int(worker[2:])) % 16}"))


# Set in the environment, not only here: the worker processes, gunicorn and the bench that
# tests start read REDIS_URL from it, and inherit the marker, so they do not move it again.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if os.environ.get("REDIS_URL") and os.environ.get("RELAY_TEST_REDIS_MOVED_FOR") != _worker:
    os.environ["REDIS_URL"] = _redis_of_this_test_process(os.environ["REDIS_URL"], _worker)
    os.environ["RELAY_TEST_REDIS_MOVED_FOR"] = _worker

from .base import *  # noqa: E402, F403

# Hashing dominates user creation in tests; production keeps Django's PBKDF2 default.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING["loggers"]["security"]["level"] = "WARNING"  # noqa: F405
# A document kind that renders slowly, for the worker-kill test: a test-only app rather than a
# production setting (tests/documents/slow).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.documents.slow"]  # noqa: F405

# Tests never fetch map tiles: the map draws its markers on a blank ground.
MAP_TILE_URL = ""

# Every test client loads the middleware again, and whitenoise's reads every static file's
# details through the finders when it is made: 40 ms a client, a third of the access harness's
# time (issue 22). Looked up when asked for instead, as under runserver with DEBUG on.
WHITENOISE_AUTOREFRESH = True
