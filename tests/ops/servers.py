"""Real processes for the fault tests: gunicorn serving this checkout against the test
database, and a private redis-server that a test may kill (never the shared one)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(**query: str) -> str:
    """This test run's database (the test database, not the configured one) as a URL."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("this test needs DATABASE_URL pointing at PostgreSQL", pytrace=False)
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def get(url: str, timeout: float = 10) -> tuple[int, bytes]:
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"only this machine's test servers are asked: {url}")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (checked)
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _wait_for(predicate, timeout: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    detail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    pytest.fail(f"timed out waiting for {what}\n{detail}", pytrace=False)


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@contextmanager
def gunicorn(tmp_path: Path, workers: int = 1, **env: str) -> Iterator[Server]:
    """One sync gunicorn worker unless told (so consecutive requests share its database
    connection)."""
    port = free_port()
    log = tmp_path / f"gunicorn-{port}.log"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "OPEN_DATA_ROOT": str(settings.OPEN_DATA_ROOT),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        **env,
    }
    command = [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "60"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(process=process, port=port, log=log)
    try:
        _wait_for(lambda: _answers(port), 60, "gunicorn to listen", log)
        yield server
    finally:
        server.stop()


@contextmanager
def redis_server(tmp_path: Path, port: int | None = None) -> Iterator[Server]:
    """A private redis-server without persistence, on its own port."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is missing", pytrace=False)
    port = port or free_port()
    log = tmp_path / f"redis-{port}.log"
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(process=process, port=port, log=log)
    try:
        _wait_for(lambda: _answers(port), 20, "redis-server to listen", log)
        yield server
    finally:
        server.stop()
