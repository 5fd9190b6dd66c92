"""The deployment as the README writes it, on this machine: a clean copy of the tree, the
README's own commands (`make install`, `deploy/release`), gunicorn started from
deploy/systemd/relay-web.service's own command line, and nginx with deploy/nginx/relay.conf
and a self-signed certificate in front.

What is changed on the way, and only that: `/srv/relay` is the copy's folder; the ports are
free ones of this machine (gunicorn's bind and nginx's upstream, nginx's listen ports); the
certificate paths name the throw-away pair; the environment file is deploy/relay.env.example
with this run's database, Redis, secret key and host. The copy uses this checkout's
virtualenv (a link) rather than installing the same packages again.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"
HOST = "relay.example.org"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _wait_for_port(port: int, what: str, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _answers(port):
            return
        time.sleep(0.2)
    pytest.fail(f"{what} did not listen\n{log.read_text(errors='replace')[-4000:]}")


def clean_copy(target: Path) -> Path:
    """The tree as git sees it (tracked files and new ones not ignored), without the
    virtualenv, the database, media, collected static files or any build product."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for raw in filter(None, listed):
        name = raw.decode()
        source = ROOT / name
        if not source.is_file():
            continue  # deleted in the working tree
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        # copy2 keeps the times: the Makefile's stamps then see requirements.txt unchanged.
        shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target


# What the test run itself puts in the environment, which no server has: Playwright's
# permission for sync database access (check --deploy refuses it, async.E001), the test
# settings and this run's own database and mode.
TEST_ONLY = (
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "RELAY_SERVICES",
    "PYTEST_CURRENT_TEST",
    "PYTEST_XDIST_WORKER",
)


def server_environment(**extra: str) -> dict[str, str]:
    """The environment a server process starts with: this machine's, less the test run's."""
    return {**{k: v for k, v in os.environ.items() if k not in TEST_ONLY}, **extra}


def run(command: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("env", server_environment())
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, **kwargs)


def environment_file(copy: Path, *, database_url: str, redis_url: str) -> Path:
    """deploy/relay.env.example, as an operator fills it in."""
    text = (DEPLOY / "relay.env.example").read_text().replace("/srv/relay", str(copy))
    values = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "PUBLIC_BASE_URL": f"https://{HOST}",
        # Tests never fetch map tiles.
        "MAP_TILE_URL": "",
        # The test starts gunicorn alone: no beat to watch.
        "BEAT_EXPECTED": "false",
    }
    for key, value in values.items():
        text, n = re.subn(rf"^{key}=.*$", f"{key}={value}", text, flags=re.M)
        assert n == 1, f"{key} is not in deploy/relay.env.example"
    path = copy / "relay.env"
    path.write_text(text)
    return path


def read_env(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            found[key.strip()] = value.strip()
    return found


def unit_command(unit: str, copy: Path) -> list[str]:
    """A unit's ExecStart=, with /srv/relay as the copy."""
    text = (DEPLOY / "systemd" / unit).read_text()
    line = re.search(r"^ExecStart=(.+)$", text, re.M).group(1)
    return shlex.split(line.replace("/srv/relay", str(copy)))


@dataclass
class Process:
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def start(command: list[str], *, cwd: Path, env: dict[str, str], log: Path) -> Process:
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return Process(process, log)


def self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", f"/CN={HOST}", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def nginx_site(copy: Path, *, app_port: int, http_port: int, https_port: int, cert, key) -> str:
    site = (DEPLOY / "nginx" / "relay.conf").read_text()
    site = site.replace("/srv/relay", str(copy))
    site = site.replace("server 127.0.0.1:8000", f"server 127.0.0.1:{app_port}")
    site = site.replace("/etc/ssl/relay/fullchain.pem", str(cert))
    site = site.replace("/etc/ssl/relay/privkey.pem", str(key))
    # This machine's loopback only, on free ports.
    site = re.sub(r"^\s*listen \[::\]:\d+.*$", "", site, flags=re.M)
    site = re.sub(r"listen 80;", f"listen 127.0.0.1:{http_port};", site)
    site = re.sub(r"listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl", site)
    return site


def nginx_conf(folder: Path, site: str) -> Path:
    (folder / "relay.conf").write_text(site)
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / temp).mkdir(exist_ok=True)
    conf = folder / "nginx.conf"
    # The main file of Debian's nginx, reduced to what the site needs; workers run as this
    # user (root in CI) so that they read the copy in a private temporary folder.
    conf.write_text(
        f"""
daemon off;
master_process on;
worker_processes 1;
{"user root;" if os.geteuid() == 0 else ""}
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/relay.conf;
}}
"""
    )
    return conf


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass
class Browser:
    """HTTPS to nginx on 127.0.0.1 as the site's host name: cookies kept, redirects not
    followed (each answer is checked), every answer recorded."""

    port: int
    cafile: Path
    cookies: dict[str, str] = field(default_factory=dict)
    seen: list[tuple[str, str, int]] = field(default_factory=list)

    def _connection(self) -> http.client.HTTPSConnection:
        context = ssl.create_default_context(cafile=str(self.cafile))
        context.check_hostname = False  # the certificate names HOST; we dial 127.0.0.1
        return http.client.HTTPSConnection("127.0.0.1", self.port, context=context, timeout=120)

    def request(self, method: str, path: str, body=None, headers=None) -> Response:
        connection = self._connection()
        sent = {"Host": HOST, "Referer": f"https://{HOST}/", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            response = Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        self.seen.append((method, path, response.status))
        # The deployment's one absolute rule: no answer is a server error.
        assert response.status < 500, f"{method} {path}: {response.status}\n{response.text[-3000:]}"
        return response

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post_form(self, path: str, fields: dict[str, str], files=None) -> Response:
        boundary = "relay" + secrets.token_hex(8)
        parts: list[bytes] = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            )
            parts.append(content)
            parts.append(b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        body = b"".join(parts)
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, body=body, headers=headers)

    def csrf_token(self, page: Response) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert match, "the form carries no CSRF token"
        return match.group(1)
