"""Settings shared by every run mode, read from the environment.

Embedded default (no variables set): SQLite, Celery eager, local-memory cache, media on disk.
Production: DATABASE_URL (PostgreSQL) and REDIS_URL (broker + cache), see production.py.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config.csp import content_security_policy
from config.error_reports import error_reports_start
from config.served_at import runserver_base_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Off unless a developer asks (DJANGO_DEBUG=1 or DEBUG=1): `make run` shows a newcomer the
# Chinese 403/404/500 pages a user would see, not Django's debug page listing every URL.
DEBUG = env.bool("DJANGO_DEBUG", default=env.bool("DEBUG", default=False))
# The embedded default key is only for local runs; production.py refuses to start without one.
SECRET_KEY = env("SECRET_KEY", default="embedded-insecure-key-do-not-use-in-production-0123456789")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # First, so that its createsuperuser (which validates the password) overrides Django's.
    "unions",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "pgtrigger",
    "csp",
    # The bottom layer: history and the announcement of change (history/changes.py).
    "history",
    "documents",
    "stations",
    "inspections",
    "awards",
    "public",
    # Last: the project itself, which may import every app: the staff actions log in the
    # admin (config/admin.py) and `manage.py backup` / `restore`.
    "config",
]

MIDDLEWARE = [
    # First: counts and times every answer by view (config/metrics.py).
    "config.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response that has none of its own (config/csp.py).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A NUL byte anywhere in the path, the query or the form: one Chinese 400 for every view.
    "config.hostile_input.RefuseNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Outside everything that may answer for a signed-in user (lockout, refusals, views).
    "config.security.PrivateResponsesMiddleware",
    "config.security.AbsoluteSessionTimeoutMiddleware",
    "config.security.IdleSessionRenewalMiddleware",
    "config.security.RevokedSessionMiddleware",
    # Seen after the session middlewares: a login that ended makes the phone forget
    # its staff pages (unions/staff_traces.py).
    "unions.staff_traces.StaffTracesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that it sees the resolved view and every earlier middleware's user.
    "unions.access.AccessMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "config.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# A persistent connection whose server went away (PostgreSQL restarted, the backend
# terminated) is tested before a request uses it and replaced, instead of failing that
# request (tests/ops/test_database_connection_dropped_between_requests.py).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent readers while a writer works (dev server threads, browser tests).
    # IMMEDIATE takes the write lock at BEGIN, so a second writer waits (up to timeout)
    # instead of failing at once with "database is locked" half-way through a transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # django-redis rather than Django's own RedisCache: with IGNORE_EXCEPTIONS a Redis that
    # is down is a cache miss, not a 500, so public pages keep serving from the database
    # (a get answers None, a set is dropped, each logged); /healthz still answers 503,
    # since the value it stores does not come back. Short socket timeouts: a Redis that
    # hangs rather than refuses must not hold a page for long.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "LOG_IGNORED_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# django-redis reads this setting, not the LOG_IGNORED_EXCEPTIONS option above: without it
# the errors it swallows were never logged, nor counted (relay_cache_errors_total).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Each process's own short-lived copies of the public pages, in front of the shared cache
# (stations/public_cache.py): the busiest page then costs no round trip to Redis.
CACHES["pages-local"] = {
    # Immutable values kept unpickled (config/local_cache.py).
    "BACKEND": "config.local_cache.PlainLocMemCache",
    "LOCATION": "pages-local",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# --- Authentication and sessions (OWASP ASVS level 2) ---------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "config.security.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Idle timeout: a session lives 30 minutes from the last request. Saving it on every request
# (SESSION_SAVE_EVERY_REQUEST) wrote the session row on every page view; instead
# config.security.IdleSessionRenewalMiddleware saves it when its expiry would move by more
# than SESSION_RENEW_AFTER, so the 30 minutes hold to within that.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_AFTER = 60
SESSION_ENGINE = "config.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Absolute timeout, enforced by config.security.AbsoluteSessionTimeoutMiddleware.
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lockout after repeated failures (config/lockout.py): the pair (user name, address) after
# AXES_FAILURE_LIMIT failures, and an address alone after a looser limit for all its user
# names together. Neither alone at 5: that would let anyone lock any named account, and
# one office address lock out all its staff.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env.int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "config.lockout.PairAndAddressLockoutHandler"
AXES_CLIENT_IP_CALLABLE = "config.lockout.client_ip"
# Reverse proxies of our own in front of gunicorn (nginx: 1). Their X-Forwarded-For entries
# give the client address; 0 believes REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# `seed_demo` creates logins with a published password; production.py turns this off.
DEMO_DATA_ALLOWED = True

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
# ISO first among the input formats: see config/formats/zh_Hans/formats.py.
FORMAT_MODULE_PATH = ["config.formats"]
# Only Chinese is offered: an English-language phone browser still gets the Chinese UI
# (the English msgids are the catalog's keys, not a second interface).
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# With DEBUG off, runserver serves no static files; whitenoise serves them straight from
# static/ (no collectstatic needed for `make run`). production.py serves the collected,
# hashed files instead.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Behind nginx: the internal location private files are handed out from after Django's
# permission check (X-Accel-Redirect, documents/protected.py, deploy/nginx/relay.conf),
# e.g. "/protected/". Empty: Django streams them itself.
PROTECTED_MEDIA_ACCEL = env("PROTECTED_MEDIA_ACCEL", default="")
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Django's form renderer with its plainest widget templates drawn in Python (config/form_renderer.py).
FORM_RENDERER = "config.form_renderer.PortalFormRenderer"

# --- Celery ---------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Embedded mode has no worker: tasks run in-process when they are sent.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# A worker killed mid-task must not lose the task: acknowledge after it finishes and
# put it back on the queue when the worker process dies (Celery docs, "acks_late").
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
CELERY_BEAT_SCHEDULE: dict = {}
CELERY_BEAT_SCHEDULE["rectifications-flag-overdue"] = {
    "task": "inspections.rectifications_flag_overdue",
    "schedule": crontab(hour=7, minute=0),
}
CELERY_BEAT_SCHEDULE["plan-draw-quarter"] = {
    "task": "inspections.plan_draw_this_quarter",
    "schedule": crontab(day_of_month=1, month_of_year="1,4,7,10", hour=6, minute=0),
}
# Registry exports carry heads' names and mobiles: deleted once REGISTRY_EXPORT_KEEP_DAYS old.
CELERY_BEAT_SCHEDULE["registry-exports-expire"] = {
    "task": "stations.registry_exports_expire",
    "schedule": crontab(hour=3, minute=15),
}
# The order list's CSV exports go the same way, after the same number of days.
CELERY_BEAT_SCHEDULE["order-exports-expire"] = {
    "task": "inspections.order_exports_expire",
    "schedule": crontab(hour=3, minute=20),
}
# Serious complaints: each union hears of its new tickets and reports once an hour, in one
# notice and mail (stations.services.feedback.feedback_digest), not by a mail per report.
CELERY_BEAT_SCHEDULE["feedback-digest"] = {
    "task": "stations.feedback_digest",
    "schedule": crontab(minute=5),
}
# Each night, just after midnight: listings whose confirmation has grown too old are marked
# 信息待核实 and go after the confirmed ones in the directory (stations/freshness.py).
CELERY_BEAT_SCHEDULE["listings-doubt"] = {
    "task": "stations.listings_doubt_refresh",
    "schedule": crontab(hour=0, minute=5),
}
# Heat and cold alerts from a feed, when ALERT_FEED_URL is set (stations/services/alerts.py:
# alerts_feed_read); without it the aid center declares alerts on /staff/alerts/ and nothing
# is fetched.
CELERY_BEAT_SCHEDULE["alerts-feed"] = {
    "task": "stations.alerts_feed_read",
    "schedule": crontab(minute="*/15"),
}
# The open-data files of the current version, when a change has made them old and no visitor
# has asked yet (stations.open_data).
CELERY_BEAT_SCHEDULE["open-data-build"] = {
    "task": "stations.open_data_build",
    "schedule": crontab(minute="*/5"),
}
# Each night: the draft of an ended quarter once its checks' appeal windows have closed and
# its appeals are decided, and a notice to the aid center that it may be published
# (inspections.assessment.services.drafts). A re-run or a correction is a manual trigger.
CELERY_BEAT_SCHEDULE["quarterly-assessment"] = {
    "task": "inspections.tasks.assessment_draft_when_final",
    "schedule": crontab(minute=30, hour=2),
}

# --- Quarterly assessment (inspections/assessment/services/assessment.py; on /rankings/) ---
# The inspection score is the supervision team's alone (flying inspections and undercover
# visits); self-checks and peer reviews are shown beside it, never in it (DESIGN: Scoring).
# A standing red-line finding makes the quarter 不合格: its score is capped at this.
ASSESSMENT_RED_LINE_CAP = env.int("ASSESSMENT_RED_LINE_CAP", default=59)
# Worker satisfaction counts only for a station with at least this much feedback.
ASSESSMENT_MIN_FEEDBACK = env.int("ASSESSMENT_MIN_FEEDBACK", default=5)
# The quarterly score: these weights, renormalised over the parts a station has.
ASSESSMENT_INSPECTION_WEIGHT = env.int("ASSESSMENT_INSPECTION_WEIGHT", default=70)
ASSESSMENT_SATISFACTION_WEIGHT = env.int("ASSESSMENT_SATISFACTION_WEIGHT", default=20)
ASSESSMENT_TIMELINESS_WEIGHT = env.int("ASSESSMENT_TIMELINESS_WEIGHT", default=10)

# --- Logging: logins, lockouts and refused accesses go to the "security" logger ---------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "cache_errors": {"class": "config.metrics.CacheErrorCounter"},
    },
    "loggers": {
        "security": {"handlers": ["console"], "level": "INFO"},
        "axes": {"handlers": ["console"], "level": "WARNING"},
        # With DEBUG off Django logs a 500's traceback only to mail_admins; the 500 page
        # says the error was logged, so write it where the server's output goes.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # Each Redis error django-redis turns into a cache miss is logged there and counted.
        "django_redis.cache": {"handlers": ["console", "cache_errors"], "level": "ERROR"},
    },
}

# --- The programme: settings that differ by city ---------------------------------------
CITY_NAME = env("CITY_NAME", default="上海市")
PLAQUE_PREFIX = env("PLAQUE_PREFIX", default="SH")
HOTLINE = env("HOTLINE", default="12351")
# Mail to unions (notices): smtp://user:pass@host:587 in production; the embedded run prints
# mails to the console.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="relay-portal@localhost")
HOTLINE_NAME = env("HOTLINE_NAME", default="上海市总工会职工服务热线")
AID_CENTER_NAME = env("AID_CENTER_NAME", default="上海市总工会职工援助服务中心")
PARTY_B_NAMES = env.list("PARTY_B_NAMES", default=["上海市总工会", "上海市绿化和市容管理局"])
DISTRICTS = env.list(
    "DISTRICTS",
    default=[
        "黄浦区",
        "徐汇区",
        "长宁区",
        "静安区",
        "普陀区",
        "虹口区",
        "杨浦区",
        "闵行区",
        "宝山区",
        "嘉定区",
        "浦东新区",
        "金山区",
        "松江区",
        "青浦区",
        "奉贤区",
        "崇明区",
    ],
)
# Map centre for the public directory (People's Square).
CITY_CENTER = (31.2304, 121.4737)
# The city's bounding box, south-north and west-east: a station's coordinates outside it
# are refused by the form and the Excel import (a typo, or latitude and longitude swapped).
CITY_LATITUDES = tuple(env.list("CITY_LATITUDES", cast=float, default=[30.6, 31.9]))
CITY_LONGITUDES = tuple(env.list("CITY_LONGITUDES", cast=float, default=[120.8, 122.2]))

# --- The public directory, map and open data (stations/directory.py, views/directory.py) --
# Map tiles: a URL template Leaflet understands ({z}/{x}/{y}, optional {s}) and the credit
# its provider requires. Empty MAP_TILE_URL: the map shows markers on a blank ground and the
# list works as ever (tests run so, and never fetch a tile).
MAP_TILE_URL = env("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
# A station's listing unconfirmed this long is listed to its union to confirm or edit; past
# the grace period after that, its public page says 信息待核实 (stations/freshness.py).
LISTING_CONFIRM_DAYS = env.int("LISTING_CONFIRM_DAYS", default=182)
LISTING_GRACE_DAYS = env.int("LISTING_GRACE_DAYS", default=30)
# The datum of MAP_TILE_URL's tiles (wgs84, gcj02 or bd09; stations/datum.py): the station
# form's picker draws stored (WGS-84) positions where they sit on those tiles. OpenStreetMap
# and Tianditu are wgs84; Amap's and Tencent's tiles are gcj02.
MAP_TILE_DATUM = env("MAP_TILE_DATUM", default="wgs84")
# The datum of the Excel template's coordinates when its 坐标系 cell is empty.
COORDINATE_DATUM = env("COORDINATE_DATUM", default="wgs84")
# A station page opens Amap, Baidu and Tencent Maps at the station, each in its own datum,
# and offers a geo: link for any map app (stations/datum.py: map_app_links). Set this for one
# more web map link first; {lat}, {lng} (WGS-84) and {name} are filled in.
MAP_DIRECTIONS_URL = env("MAP_DIRECTIONS_URL", default="")
# A JSON feed of heat and cold alerts read every quarter hour (stations/services/alerts.py
# documents its shape); empty: none is read, the aid center declares alerts itself.
ALERT_FEED_URL = env("ALERT_FEED_URL", default="")
ALERT_FEED_TIMEOUT_SECONDS = env.float("ALERT_FEED_TIMEOUT_SECONDS", default=10.0)
# "Near me" lists public stations within this distance, nearest first.
NEAR_RADIUS_KM = env.float("NEAR_RADIUS_KM", default=30.0)
DIRECTORY_PAGE_SIZE = env.int("DIRECTORY_PAGE_SIZE", default=20)
# The open data's licence, stated on /api/v1/ and in every file.
OPEN_DATA_LICENCE = env("OPEN_DATA_LICENCE", default="CC BY 4.0")
OPEN_DATA_LICENCE_URL = env(
    "OPEN_DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/"
)
# The open-data version is a token in the cache that every change to a station drops; this
# bounds how long a change the token does not see (a union's new name) waits.
OPEN_DATA_CACHE_SECONDS = env.int("OPEN_DATA_CACHE_SECONDS", default=3600)
# Where the built open-data files live (stations/open_data.py): one set per version, with gzip
# copies; public data, kept apart from the private media.
OPEN_DATA_ROOT = env("OPEN_DATA_ROOT", default=str(BASE_DIR / "var" / "open-data"))
# A version's build is queued once in this many seconds (a build that died is queued again).
OPEN_DATA_BUILD_SECONDS = env.int("OPEN_DATA_BUILD_SECONDS", default=600)
# Behind nginx: the internal location the open-data files are sent from (X-Accel-Redirect,
# deploy/nginx/relay.conf, with gzip_static), e.g. "/open-data-files/". Empty: Django sends them.
OPEN_DATA_ACCEL = env("OPEN_DATA_ACCEL", default="")

# --- Worker feedback and "I used this station" (stations/devices.py, services/feedback.py) --
# A station's public rating shows only from this many counted ratings: two angry or two
# friendly taps are not a station's standing.
FEEDBACK_RATING_MIN_COUNT = env.int("FEEDBACK_RATING_MIN_COUNT", default=5)
# Limits on anonymous signals (stations/devices.py), counted in the cache. One device leaves
# one feedback per station per day (its cookie); a phone that drops the cookie is still one
# address, and one that changes address is still in one network (an IPv4 /24, an IPv6 /64:
# what one subscriber or one small office gets), so each is limited too, over all stations
# an hour and at one station a day. A phone carrier's shared address serves many workers at
# once, so the hourly allowances are generous and the per-station ones tight.
FEEDBACK_PER_ADDRESS_PER_HOUR = env.int("FEEDBACK_PER_ADDRESS_PER_HOUR", default=20)
FEEDBACK_PER_ADDRESS_PER_STATION_PER_DAY = env.int(
    "FEEDBACK_PER_ADDRESS_PER_STATION_PER_DAY", default=3
)
FEEDBACK_PER_NETWORK_PER_HOUR = env.int("FEEDBACK_PER_NETWORK_PER_HOUR", default=60)
FEEDBACK_PER_NETWORK_PER_STATION_PER_DAY = env.int(
    "FEEDBACK_PER_NETWORK_PER_STATION_PER_DAY", default=6
)
# A station's feedback from every source together (stations/services/feedback.py, counted
# from the rows under the station's lock, so it holds when the cache is down): beyond this
# many in a day more is refused; beyond the HOLD figures (an unusual burst: a station gets a
# handful of ratings a quarter) it is kept but held for the aid center's moderation and does
# not count in the rating or the quarterly satisfaction until released.
FEEDBACK_PER_STATION_PER_DAY = env.int("FEEDBACK_PER_STATION_PER_DAY", default=60)
FEEDBACK_HOLD_PER_STATION_PER_HOUR = env.int("FEEDBACK_HOLD_PER_STATION_PER_HOUR", default=5)
FEEDBACK_HOLD_PER_STATION_PER_DAY = env.int("FEEDBACK_HOLD_PER_STATION_PER_DAY", default=15)
# The network of an address, for the limits above: this many leading bits.
LIMIT_NETWORK_PREFIX_IPV4 = env.int("LIMIT_NETWORK_PREFIX_IPV4", default=24)
LIMIT_NETWORK_PREFIX_IPV6 = env.int("LIMIT_NETWORK_PREFIX_IPV6", default=64)
# "I used this station": once per device, station and day; per address and network as
# feedback; and a station's total moves by at most VISITS_PER_STATION_PER_HOUR in an hour
# (a busy station serves a few dozen workers an hour).
VISITS_PER_ADDRESS_PER_HOUR = env.int("VISITS_PER_ADDRESS_PER_HOUR", default=120)
VISITS_PER_ADDRESS_PER_STATION_PER_DAY = env.int(
    "VISITS_PER_ADDRESS_PER_STATION_PER_DAY", default=5
)
VISITS_PER_NETWORK_PER_HOUR = env.int("VISITS_PER_NETWORK_PER_HOUR", default=360)
VISITS_PER_NETWORK_PER_STATION_PER_DAY = env.int(
    "VISITS_PER_NETWORK_PER_STATION_PER_DAY", default=20
)
VISITS_PER_STATION_PER_HOUR = env.int("VISITS_PER_STATION_PER_HOUR", default=60)
# A station's public page (the QR code's landing page) and the rankings are kept rendered
# this long for anonymous visitors (stations/public_cache.py); 0 turns the copy off.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60)
# ...and each web process keeps its own copy this long in front of the shared one: a change
# drops the shared copy and the changing process's own at once; other processes show it
# within these seconds. 0: the shared copy only.
PUBLIC_PAGE_LOCAL_SECONDS = env.int("PUBLIC_PAGE_LOCAL_SECONDS", default=2)
# The home page's total of visits is read from the cache for this long.
VISIT_TOTAL_CACHE_SECONDS = env.int("VISIT_TOTAL_CACHE_SECONDS", default=60)
# A staff member's home cards are kept drawn this long (config/dashboards.py); a change to a
# record they show drops them at once. 0 turns the copy off.
STAFF_HOME_CACHE_SECONDS = env.int("STAFF_HOME_CACHE_SECONDS", default=60)
# A filing's 附件1 workbook, kept under the digest of every cell it shows
# (stations/excel/writer.py: filing_workbook_bytes): a change to the filing or its stations
# is a new digest, so the lifetime only bounds how long an unread copy stays in the cache.
FILING_WORKBOOK_CACHE_SECONDS = env.int("FILING_WORKBOOK_CACHE_SECONDS", default=3600)
# The signed, random id a phone keeps for the limits above; only its salted hash is stored.
DEVICE_COOKIE_NAME = "relay_device"
DEVICE_COOKIE_DAYS = env.int("DEVICE_COOKIE_DAYS", default=730)

# Scripts, styles, fonts and fetches from the portal itself only; images also from the
# map's tile host (config/csp.py).
CONTENT_SECURITY_POLICY = content_security_policy(map_tile_url=MAP_TILE_URL)

PORTAL_TITLE = _("Outdoor Workers' Relay Stations")
# Absolute address of the public site, printed into plaque QR codes and PDFs.
# Unset, it is where `manage.py runserver` was told to serve (config/served_at.py).
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default=runserver_base_url(sys.argv)).rstrip("/")
# Days a union has to hand in the signed pledge (附件3 备注: 《承诺书》需于 月 日前送至…).
PLEDGE_DUE_DAYS = env.int("PLEDGE_DUE_DAYS", default=30)
# Days a registry export (stations/documents/registry_export.py) or an order list's CSV
# (inspections/orders/export.py) is kept for its requester.
REGISTRY_EXPORT_KEEP_DAYS = env.int("REGISTRY_EXPORT_KEEP_DAYS", default=7)
# Warn this many days before a liability insurance policy ends.
INSURANCE_WARNING_DAYS = env.int("INSURANCE_WARNING_DAYS", default=30)
# Days a union has to put a station right once a rectification order (整改) is opened,
# unless the officer opening it sets another deadline.
RECTIFICATION_DAYS = env.int("RECTIFICATION_DAYS", default=15)
# Days after a check within which the station's union may appeal it (申诉).
APPEAL_DAYS = env.int("APPEAL_DAYS", default=14)
# Evidence that makes sense (inspections/checks/services/photos.py, thumbnails.py, position.py):
# photos of more pixels than this are refused before anything decodes them (Pillow's own
# MAX_IMAGE_PIXELS is set to the same); pages show a JPEG thumbnail of at most
# PHOTO_THUMBNAIL_PX on its longer side, the original only as a download.
PHOTO_MAX_MEGAPIXELS = env.int("PHOTO_MAX_MEGAPIXELS", default=40)
PHOTO_THUMBNAIL_PX = env.int("PHOTO_THUMBNAIL_PX", default=640)
# A check whose phone was farther than this from the station is flagged to the aid center
# and does not count as the station's planned visit until the aid center accepts it.
CHECK_DISTANCE_LIMIT_M = env.int("CHECK_DISTANCE_LIMIT_M", default=500)

# --- Generated documents (documents/) ---------------------------------------------------
# A render claimed by another task longer ago than this is presumed dead: the page offers a
# retry, and a redelivered or duplicate task may take it over.
DOCUMENT_RENDER_LEASE_SECONDS = env.int("DOCUMENT_RENDER_LEASE_SECONDS", default=600)
# The GB2312 cuts of the PDF fonts (documents/subset.py): made once by `make install`
# (manage.py documents_fonts), or by the first render that finds none.
FONT_CACHE_DIR = Path(env("FONT_CACHE_DIR", default=str(BASE_DIR / "var" / "fonts")))
# Redis hands a message that was taken but never acknowledged (its whole worker died: the
# machine lost, the process group killed) to another worker after this many seconds, so a
# lost worker's jobs run again within minutes rather than after kombu's default hour.
# The trade-off is the longest task: a task still running past the timeout is handed to a
# second worker too. A single PDF takes well under a second; a batch zip of a large filing
# may take longer, and then two workers make its missing members at once. That is harmless
# (renders are idempotent and stored once under the version's name, documents/worker.py)
# but costs CPU: raise this for deployments that make zips of thousands of stations.
# The worker-kill test shortens it to seconds.
CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = env.int(
    "CELERY_VISIBILITY_TIMEOUT", default=300
)

# --- Annual awards (awards/) ------------------------------------------------------------
# A station is ranked for the year's honours only with a published quarterly score in at
# least this many of the year's four quarters: one good quarter is not a year's record.
AWARDS_MIN_QUARTERS = env.int("AWARDS_MIN_QUARTERS", default=3)

# --- Operations: metrics, beat's watch, failed jobs, error reports (config/metrics.py,
# config/beat.py, config/jobs.py; README "Operations: metrics and alerts") ---------------
# /metrics answers only to these networks (the client address as config.lockout.client_ip
# sees it behind TRUSTED_PROXY_COUNT proxies) or to "Authorization: Bearer METRICS_TOKEN";
# anyone else gets the plain 404 of a page that does not exist.
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=["127.0.0.1/32", "::1/128"])
METRICS_TOKEN = env("METRICS_TOKEN", default="")
# Beat stamps each schedule entry it sends; /healthz answers 503 naming "beat" when an entry
# is this late. Only where a beat is meant to run: the embedded mode has none (tasks run in
# the web process), production.py expects one.
BEAT_EXPECTED = env.bool("BEAT_EXPECTED", default=False)
BEAT_MAX_LATE_SECONDS = env.int("BEAT_MAX_LATE_SECONDS", default=900)
CELERY_BEAT_SCHEDULER = "config.beat:StampingScheduler"
# Failed background jobs are listed in the admin (config.models.FailedJob) this many days.
FAILED_JOB_KEEP_DAYS = env.int("FAILED_JOB_KEEP_DAYS", default=30)
CELERY_BEAT_SCHEDULE["failed-jobs-prune"] = {
    "task": "config.failed_jobs_prune",
    "schedule": crontab(hour=3, minute=45),
}
# Error reports to a Sentry-compatible service: nothing is initialised or sent without a DSN.
SENTRY_DSN = env("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env("SENTRY_ENVIRONMENT", default="production")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
error_reports_start(
    dsn=SENTRY_DSN,
    environment=SENTRY_ENVIRONMENT,
    traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
)
