"""What `make run` shows a newcomer: Chinese error pages instead of Django's debug page,
static files still served, and plaques pointing where the server actually runs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.views.defaults import server_error

from config.served_at import runserver_base_url


def _settings_value(name: str, argv: list[str], **env: str) -> str:
    """A setting as a fresh process with ``env`` and ``argv`` computes it."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_DEBUG", "PUBLIC_BASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    code = (
        f"import sys; sys.argv = {argv!r}; import django; django.setup(); "
        f"from django.conf import settings; print(settings.{name})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.base", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_debug_is_off_unless_a_developer_asks():
    assert _settings_value("DEBUG", ["manage.py", "runserver"]) == "False"
    assert _settings_value("DEBUG", ["manage.py", "runserver"], DJANGO_DEBUG="1") == "True"
    assert _settings_value("DEBUG", ["manage.py", "runserver"], DEBUG="true") == "True"


def test_plaques_point_at_the_port_runserver_serves():
    url = _settings_value("PUBLIC_BASE_URL", ["manage.py", "runserver", "127.0.0.1:8123"])
    assert url == "http://127.0.0.1:8123"


def test_an_explicit_public_base_url_wins():
    url = _settings_value(
        "PUBLIC_BASE_URL",
        ["manage.py", "runserver", "8123"],
        PUBLIC_BASE_URL="https://relay.example.org/",
    )
    assert url == "https://relay.example.org"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["manage.py", "runserver"], "http://127.0.0.1:8000"),
        (["manage.py", "runserver", "8123"], "http://127.0.0.1:8123"),
        (["manage.py", "runserver", "0.0.0.0:9000"], "http://127.0.0.1:9000"),
        (["manage.py", "runserver", "--noreload", "localhost:8123"], "http://localhost:8123"),
        (["manage.py", "runserver", "[::1]:8123"], "http://[::1]:8123"),
        (["manage.py", "migrate"], "http://127.0.0.1:8000"),
        (["pytest"], "http://127.0.0.1:8000"),
    ],
)
def test_runserver_base_url(argv, expected):
    assert runserver_base_url(argv) == expected


def test_a_missing_page_is_the_chinese_404(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "页面不存在" in text or "找不到" in text or "未找到" in text, text[:500]
    assert "URLconf" not in text


def test_a_server_error_is_the_chinese_500(db):
    from django.utils import translation

    with translation.override("zh-hans"):
        response = server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert "系统出现错误" in text and "返回首页" in text


def test_static_files_are_served_without_collectstatic(client, settings):
    settings.DEBUG = False
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200


def test_a_server_errors_traceback_reaches_the_console():
    logger = settings.LOGGING["loggers"]["django.request"]
    assert "console" in logger["handlers"] and logger["level"] == "ERROR"
