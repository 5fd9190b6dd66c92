"""Production: PostgreSQL, Redis, a Celery worker and beat, gunicorn and whitenoise.

Refuses to start without SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS from the environment.
"""

from __future__ import annotations

from .base import *  # noqa: F403
from .base import DATABASES, env

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# Persistent connections: a new PostgreSQL connection per request cost ~7 ms of the logged-in
# trivial view's 14 ms at national size (docs/BENCHMARKS.md). The health check replaces a
# connection the server dropped (restart, failover) before a request uses it.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Not from the environment: no setting turns the published demo logins on in production.
DEMO_DATA_ALLOWED = False

WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# gunicorn listens on 127.0.0.1 behind one nginx (README): the client address is the entry
# nginx appends to X-Forwarded-For (proxy_add_x_forwarded_for), not REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# A production deployment runs one beat (README): /healthz answers 503 when it falls behind.
BEAT_EXPECTED = env.bool("BEAT_EXPECTED", default=True)
