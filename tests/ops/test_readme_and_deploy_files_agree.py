"""Every number the README states about deploy/ is the one the files hold: the upload cap,
gunicorn's bind, workers and timeout, the static files' cache lifetime, the lost-job
hand-over time. (A README that said 12 MB while nginx said 104 MB is how an operator is
misled.)"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
README = (ROOT / "README.md").read_text()
SITE = (ROOT / "deploy" / "nginx" / "relay.conf").read_text()
WEB = (ROOT / "deploy" / "systemd" / "relay-web.service").read_text()
ENV = (ROOT / "deploy" / "relay.env.example").read_text()


def _row(file: str) -> str:
    return re.search(rf"^\| `{re.escape(file)}` \|(.*)\|$", README, re.M).group(1)


def _option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def _web_command() -> list[str]:
    return shlex.split(re.search(r"^ExecStart=(.+)$", WEB, re.M).group(1))


def test_the_upload_cap_in_the_readme_is_nginx_s():
    nginx_mb = int(re.search(r"client_max_body_size\s+(\d+)m;", SITE).group(1))
    stated = re.search(r"uploads capped at (\d+) MB", _row("deploy/nginx/relay.conf")).group(1)

    assert int(stated) == nginx_mb


def test_gunicorn_s_bind_workers_and_timeout_in_the_readme_are_the_unit_s():
    command = _web_command()
    row = _row("deploy/systemd/relay-web.service")
    stated = re.search(r"gunicorn on (\S+), (\d+) workers, a (\d+) s worker timeout", row)

    assert stated.group(1) == _option(command, "--bind")
    assert stated.group(2) == _option(command, "--workers")
    assert stated.group(3) == _option(command, "--timeout")
    # nginx waits a little longer than gunicorn's timeout, so gunicorn's own answer arrives.
    proxy = int(re.search(r"proxy_read_timeout (\d+)s;", SITE).group(1))
    assert proxy > int(_option(command, "--timeout"))
    assert f"server {_option(command, '--bind')}" in SITE


def test_the_static_files_are_cached_for_the_year_the_readme_says():
    assert "cached a year" in _row("deploy/nginx/relay.conf")
    block = re.search(r"location /static/ \{(.*?)\}", SITE, re.S).group(1)
    assert 'add_header Cache-Control "public, max-age=31536000, immutable";' in block
    assert not re.search(r"^\s*expires ", block, re.M)  # a second Cache-Control header


def test_the_lost_job_hand_over_time_is_the_same_everywhere():
    env = int(re.search(r"^CELERY_VISIBILITY_TIMEOUT=(\d+)$", ENV, re.M).group(1))
    row = re.search(r"^\| `CELERY_VISIBILITY_TIMEOUT` \| (\d+) \|", README, re.M).group(1)
    minutes = re.search(r"after `CELERY_VISIBILITY_TIMEOUT` \((\d+) minutes\)", README).group(1)

    assert env == int(row) == int(minutes) * 60
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] == env


def test_the_proxy_count_of_the_environment_is_the_one_nginx_in_front_makes():
    assert re.search(r"^TRUSTED_PROXY_COUNT=1$", ENV, re.M)
    assert "X-Forwarded-For $proxy_add_x_forwarded_for" in SITE
