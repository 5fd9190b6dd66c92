"""The README's production steps, followed on a clean copy of the tree: `make install`,
`deploy/release` (check --deploy, collectstatic with hashed names, migrate), gunicorn from
relay-web.service's own command line under config.settings.production (PostgreSQL, Redis, a
secret key, the allowed host), nginx with relay.conf and a self-signed certificate in front.
Every answer below goes through nginx over TLS; any 500 fails (deployment.Browser), and so
does a traceback in gunicorn's log. (tests/ops/deployment.py says
what is changed on the way.)"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import global_settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse

from awards.models import AwardYear
from documents.models import GeneratedDocument
from inspections.models import QuarterlyAssessment
from stations.models import Station
from tests import demo_rows
from unions.demo import DEMO_PASSWORD

from . import deployment as d
from .servers import database_url

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESIGN = Path(d.ROOT).parent / "shared" / "DESIGN.md"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Deployment:
    def __init__(self, copy: Path, browser: d.Browser, http_port: int, env: dict[str, str]):
        self.copy = copy
        self.browser = browser
        self.http_port = http_port
        self.env = env


@pytest.fixture(scope="module")
def deployed(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Deployment]:
    folder = tmp_path_factory.mktemp("deployment")
    copy = d.clean_copy(folder / "relay")
    (copy / "media").mkdir()
    (copy / "var").mkdir(exist_ok=True)

    install = d.run(["make", "install"], copy)
    assert install.returncode == 0, install.stdout + install.stderr

    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/7"
    with django_db_blocker.unblock():
        env_file = d.environment_file(copy, database_url=database_url(), redis_url=redis_url)
    release = d.run(["deploy/release", str(env_file)], copy)
    assert release.returncode == 0, release.stdout + release.stderr
    assert (copy / "staticfiles" / "staticfiles.json").is_file()

    env = d.server_environment(**d.read_env(env_file))
    app_port, http_port, https_port = d.free_port(), d.free_port(), d.free_port()
    web = d.unit_command("relay-web.service", copy)
    bind = web.index("--bind")
    web[bind + 1] = f"127.0.0.1:{app_port}"
    gunicorn = d.start(web, cwd=copy, env=env, log=folder / "gunicorn.log")

    cert, key = d.self_signed(folder)
    site = d.nginx_site(
        copy, app_port=app_port, http_port=http_port, https_port=https_port, cert=cert, key=key
    )
    conf = d.nginx_conf(folder, site)
    nginx_binary = "/usr/sbin/nginx"
    nginx = d.start(
        [nginx_binary, "-p", str(folder), "-c", str(conf)],
        cwd=folder,
        env=env,
        log=folder / "nginx.log",
    )
    try:
        d._wait_for_port(app_port, "gunicorn", folder / "gunicorn.log")
        d._wait_for_port(https_port, "nginx", folder / "error.log")
        yield Deployment(copy, d.Browser(https_port, cert), http_port, env)
    finally:
        nginx.stop()
        gunicorn.stop()
    errors = (folder / "gunicorn.log").read_text(errors="replace")
    assert "Traceback" not in errors, errors[-4000:]


@pytest.fixture
def demo(deployed, settings, tasks_in_process):
    """The demo data, committed, so that gunicorn's own connections read it; its files in
    the deployment's media folder."""
    settings.MEDIA_ROOT = deployed.copy / "media"
    demo_rows.seeded()
    return deployed


def _contract_paths() -> list[str]:
    """The paths of DESIGN.md's public contract table, as written there."""
    text = DESIGN.read_text()
    table = text.split("## Public contract", 1)[1].split("\n## ", 1)[0]
    paths: list[str] = []
    for line in table.splitlines():
        if not line.startswith("| `"):
            continue
        cell = line.split("|")[1]
        for piece in re.findall(r"`([^`]+)`", cell):
            if piece.startswith("."):  # `/api/v1/stations.json`, `.geojson`, `.csv`
                paths.append(re.sub(r"\.\w+$", piece, paths[-1]))
            else:
                paths.append(piece)
    return paths


def _filled(path: str) -> str:
    station = Station.objects.public().order_by("plaque_number").first()
    quarter = QuarterlyAssessment.objects.published().order_by("-year", "-quarter").first()
    year = AwardYear.objects.published().order_by("-year").first()
    path = path.replace("<plaque_no>", station.plaque_number)
    path = path.replace("<year>/q<n>", f"{quarter.year}/q{quarter.quarter}")
    path = path.replace("<year>", str(year.year))
    return path.replace("<id>", "1")


def _built(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def test_every_public_page_of_the_contract_answers_through_nginx(demo):
    paths = _contract_paths()
    assert "/stations/<plaque_no>/" in paths and "/api/v1/stations.csv" in paths

    answers = {p: demo.browser.get(_filled(p)) for p in paths}

    statuses = {p: r.status for p, r in answers.items()}
    built = [p for p in paths if _built(_filled(p))]
    assert all(statuses[p] == 200 for p in built), statuses
    # Paths of the contract whose app has not landed yet answer 404, never 500.
    assert all(statuses[p] == 404 for p in paths if p not in built), statuses
    assert "爱心接力站" in answers["/"].text
    assert json.loads(answers["/healthz"].body)["checks"]["static"] == "ok"


def test_plain_http_is_sent_to_https(deployed):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", deployed.http_port, timeout=30)
    connection.request("GET", "/stations/", headers={"Host": d.HOST})
    answer = connection.getresponse()

    assert answer.status == 301
    assert answer.getheader("Location") == f"https://{d.HOST}/stations/"


def test_a_static_file_goes_out_by_its_hashed_name_cached_for_a_year(deployed):
    home = deployed.browser.get("/accounts/login/")
    css = re.search(
        r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', home.text
    )
    assert css, "the page does not name the stylesheet by its hashed name"

    response = deployed.browser.get(css.group(1))

    assert response.status == 200
    assert response.body.startswith(b"@charset") or b"bootstrap" in response.body[:200]
    assert response.headers.get_all("Cache-Control") == ["public, max-age=31536000, immutable"]


def _login(browser: d.Browser, username: str) -> d.Response:
    # The test settings hash with MD5 for speed; production verifies with Django's default.
    user = User.objects.get(username=username)
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    form = browser.get("/accounts/login/")
    assert form.status == 200
    token = browser.csrf_token(form)
    return browser.post_form(
        "/accounts/login/",
        {"csrfmiddlewaretoken": token, "username": username, "password": DEMO_PASSWORD},
    )


def test_a_staff_member_logs_in_and_reads_a_private_document_through_nginx(demo, settings):
    station = Station.objects.public().order_by("plaque_number").first()
    document = GeneratedDocument.objects.create(
        kind="pledge",
        union=station.union,
        district=station.district,
        record_key=f"station:{station.pk}",
        title=station.plaque_number,
        version="deploy-test",
        state=GeneratedDocument.State.READY,
    )
    document.file.save(f"pledge-{station.plaque_number}.pdf", ContentFile(PDF), save=True)
    browser = d.Browser(demo.browser.port, demo.browser.cafile)

    login = _login(browser, "aidcenter")
    assert login.status == 302, login.text[-2000:]
    home = browser.get("/staff/")
    download = browser.get(reverse("documents:download", args=[document.pk]))

    assert home.status == 200 and "/accounts/logout/" in home.text
    assert download.status == 200
    assert download.body == PDF  # sent by nginx from the internal location
    assert "X-Accel-Redirect" not in download.headers
    assert download.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"


def _cap_bytes() -> int:
    site = (d.DEPLOY / "nginx" / "relay.conf").read_text()
    return int(re.search(r"client_max_body_size\s+(\d+)m;", site).group(1)) * 1024 * 1024


def test_an_upload_under_the_cap_reaches_the_portal_and_one_over_it_gets_its_chinese_page(demo):
    browser = d.Browser(demo.browser.port, demo.browser.cafile)
    assert _login(browser, "clerk_huangpu").status == 302
    form = browser.get("/staff/filings/import/")
    token = browser.csrf_token(form)
    cap = _cap_bytes()

    under = browser.post_form(
        "/staff/filings/import/",
        {"csrfmiddlewaretoken": token},
        files={"file": ("备案表.xlsx", b"\0" * (cap - 2 * 1024 * 1024))},
    )
    over = browser.post_form(
        "/staff/filings/import/",
        {"csrfmiddlewaretoken": token},
        files={"file": ("备案表.xlsx", b"\0" * (cap + 1024 * 1024))},
    )

    # Under the cap, the portal itself answers: its form says the file is over its own limit.
    assert under.status == 200
    assert "文件超过 10 MB" in under.text
    # Over it, nginx refuses without reading the body, with the portal's page in Chinese.
    assert over.status == 413
    assert "您提交的内容太大" in over.text and "10 MB" in over.text
