"""Test settings: the run mode comes from the environment exactly as in base.py."""

from __future__ import annotations

from .base import *  # noqa: F403

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
