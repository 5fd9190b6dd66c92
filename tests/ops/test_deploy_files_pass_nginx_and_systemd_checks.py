"""deploy/ is checked by the tools that will read it: `nginx -t` on the site file and
`systemd-analyze verify` on the units (both Debian packages, installed by `make test`)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from inspections.checks.services.photos import MAX_EVIDENCE_FILES, MAX_PHOTO_BYTES, MAX_PHOTOS
from stations.excel.forms import MAX_UPLOAD_BYTES
from stations.forms.uploads import MAX_SCAN_BYTES

DEPLOY = Path(settings.BASE_DIR) / "deploy"
SITE = DEPLOY / "nginx" / "relay.conf"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if found is None:
        pytest.fail(f"{name} is missing: `make test` installs it (Makefile DEBS)", pytrace=False)
    return found


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=relay.example.org", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_the_nginx_site_passes_nginx_t(tmp_path):
    nginx = _tool("nginx")
    # The site as shipped, with only the certificate paths pointed at a throw-away pair
    # (nginx -t opens them).
    cert, key = _self_signed(tmp_path)
    site = SITE.read_text()
    site = site.replace("/etc/ssl/relay/fullchain.pem", str(cert))
    site = site.replace("/etc/ssl/relay/privkey.pem", str(key))
    (tmp_path / "relay.conf").write_text(site)
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / folder).mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"""
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp_path}/access.log;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    include {tmp_path}/relay.conf;
}}
"""
    )

    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_the_nginx_upload_cap_fits_the_apps_own_caps():
    cap = re.search(r"client_max_body_size\s+(\d+)m;", SITE.read_text())
    assert cap is not None
    limit = int(cap.group(1)) * 1024 * 1024
    # Room for the largest request the app takes plus its form; not far beyond it: a check
    # or an appeal with all its files.
    largest = max(
        MAX_SCAN_BYTES,
        MAX_UPLOAD_BYTES,
        MAX_PHOTOS * MAX_PHOTO_BYTES,
        MAX_EVIDENCE_FILES * MAX_PHOTO_BYTES,
    )
    assert largest < limit <= largest + 4 * 1024 * 1024
    assert limit >= settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_the_nginx_site_hands_out_protected_media_only_internally():
    site = SITE.read_text()
    block = re.search(r"location /protected/ \{(.*?)\}", site, re.S).group(1)
    assert "internal;" in block
    assert re.search(r"location /media/ \{\s*return 404;", site)


def test_the_nginx_site_sends_the_open_data_files_django_names_compressed():
    site = SITE.read_text()
    env = (DEPLOY / "relay.env.example").read_text()
    accel = re.search(r"^OPEN_DATA_ACCEL=(\S+)$", env, re.M).group(1)
    root = re.search(r"^OPEN_DATA_ROOT=(\S+)$", env, re.M).group(1)
    block = re.search(rf"location {re.escape(accel)} \{{(.*?)\}}", site, re.S).group(1)
    assert "internal;" in block and "gzip_static on;" in block
    assert re.search(rf"alias {re.escape(root.rstrip('/'))}/;", block)


def _commands(units: list[Path]) -> set[str]:
    """The programs the units' Exec*= lines start."""
    found = set()
    for unit in units:
        for line in unit.read_text().splitlines():
            match = re.match(r"Exec\w+=[-@:+!]*(\S+)", line)
            if match:
                found.add(match.group(1))
    return found


def _on_this_machine(command: str) -> Path:
    if command.startswith("/srv/relay/"):
        return Path(settings.BASE_DIR) / command.removeprefix("/srv/relay/")
    return Path(command)


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    analyze = _tool("systemd-analyze")
    assert {u.name for u in UNITS} == {
        "relay-web.service",
        "relay-worker.service",
        "relay-beat.service",
    }
    # A throw-away root: the distribution's own units (the targets ours are wanted by), ours
    # under /etc, and every command they run, /srv/relay/... taken from this checkout, so
    # that verify also finds the gunicorn and celery the units start in the virtualenv.
    root = tmp_path / "root"
    (root / "usr" / "lib" / "systemd").mkdir(parents=True)
    shutil.copytree("/usr/lib/systemd/system", root / "usr/lib/systemd/system", symlinks=True)
    (root / "lib").symlink_to("usr/lib")
    units = root / "etc" / "systemd" / "system"
    units.mkdir(parents=True)
    for unit in UNITS:
        shutil.copy(unit, units / unit.name)
    for command in _commands(UNITS):
        source = _on_this_machine(command)
        assert source.is_file(), f"{command}: {source} is missing"
        target = root / command.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)

    result = subprocess.run(
        [analyze, "verify", f"--root={root}", *(u.name for u in UNITS)],
        capture_output=True,
        text=True,
    )

    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, output
    # verify reports unknown keys and unparsable values as warnings, exit code 0.
    assert output == "", output
