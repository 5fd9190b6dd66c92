"""With SENTRY_DSN set, a 500 is reported to the Sentry-compatible service, without personal
data; without it the SDK is not even started and nothing is sent."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import sentry_sdk
from django.conf import settings

from config.error_reports import error_reports_start

# A child process: the SDK patches Django for good once started, so the test process
# itself never starts it. The page "/" fails there (its database has no tables).
CHILD = """
import django, os
django.setup()
import sentry_sdk
from django.test import Client
status = Client(raise_request_exception=False).get(
    "/", HTTP_COOKIE="sessionid=secret-session", HTTP_USER_AGENT="probe"
).status_code
sentry_sdk.flush(timeout=10)
print("STATUS", status, "ACTIVE", sentry_sdk.get_client().is_active())
"""


class _Collector(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):  # noqa: N802 (the standard library's name)
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        elif self.headers.get("Content-Encoding") == "br":
            import brotli

            body = brotli.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def _child(tmp_path, **env) -> str:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "REDIS_URL": "",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_sdk_is_not_started_without_a_dsn():
    assert settings.SENTRY_DSN == ""
    assert error_reports_start(dsn="", environment="x", traces_sample_rate=0) is False
    assert not sentry_sdk.get_client().is_active()


def test_a_server_error_is_reported_without_personal_data(tmp_path):
    _Collector.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dsn = f"http://publickey@127.0.0.1:{server.server_port}/42"
        out = _child(tmp_path, SENTRY_DSN=dsn)
    finally:
        server.shutdown()

    assert "STATUS 500 ACTIVE True" in out
    events = [line for body in _Collector.received for line in body.splitlines()]
    payloads = [json.loads(line) for line in events if line.startswith(b"{")]
    errors = [p for p in payloads if p.get("exception")]
    assert errors, payloads
    sent = b"".join(_Collector.received)
    assert b"secret-session" not in sent
    assert errors[0]["request"].get("cookies") in (None, {}, "")


def test_nothing_is_sent_from_a_process_without_a_dsn(tmp_path):
    out = _child(tmp_path, SENTRY_DSN="")

    assert "STATUS 500 ACTIVE False" in out
