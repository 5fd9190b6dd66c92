"""Settings for the page bench: production's, on the bench database, served over plain HTTP.

gunicorn runs with these (bench/bench_pages.py); they differ from production only where a
load generator on the same machine needs it: no redirect to HTTPS, cookies over HTTP, static
files from the finders instead of collectstatic's manifest, and ROOT_URLCONF adding the
trivial reference views. DATABASE_URL, REDIS_URL, SECRET_KEY and ALLOWED_HOSTS come from the
environment, as in production.
"""

from __future__ import annotations

import warnings

from bench.cache_off import BACKENDS
from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The client is the load generator on 127.0.0.1, no proxy in front.
TRUSTED_PROXY_COUNT = 0

# Static files come from the finders; whitenoise would warn on every worker start that
# collectstatic's folder is missing.
warnings.filterwarnings("ignore", "No directory at", UserWarning)

# A row of the page bench may turn named caches off (BENCH_CACHES_OFF, bench/cache_off.py) to
# measure what each saves; with none named these backends are Redis and locmem unchanged.
for _alias in CACHES.values():  # noqa: F405
    _alias["BACKEND"] = BACKENDS[_alias["BACKEND"]]
