"""A clerk makes and downloads a pledge and an agreement from the pages, and the documents
panel updates itself when a document is made in the background."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from documents.models import GeneratedDocument
from documents.services import _get_or_create
from documents.worker import document_render
from stations.documents.snapshots import agreement_snapshot
from stations.models import Agreement
from tests.documents.helpers import numbered_station, pdf_text

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _render_in_the_live_server():
    """The live server runs in this process: its tasks run in its request threads, in
    both CI passes (with REDIS_URL they would wait for a worker that is not there)."""
    from config.celery_app import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def records(world):
    station = numbered_station(
        world.filing_a, world.host_a, 1, name="延安东路支行爱心接力站", address="延安东路550号"
    )
    agreement = Agreement.objects.create(
        union=world.union_a,
        host_unit=world.host_a,
        party_b="、".join(settings.PARTY_B_NAMES),
        signatory_a="张行长",
        signed_on=dt.date(2018, 7, 1),
    )
    agreement.stations.set([station])
    return station, agreement


def _download(page, testid: str):
    with page.expect_download() as info:
        page.click(f'[data-testid="{testid}"]')
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_a_clerk_makes_and_downloads_a_pledge(page, login, world, records):
    station, _agreement = records
    login(page, world.user_a)
    page.goto(f"/staff/stations/{station.pk}/")
    panel = page.locator("[data-documents-panel]")
    panel.locator('[data-testid="make-pledge"]').click()
    # No reload: the panel posts in the background and redraws its rows.
    panel.locator('[data-testid="download-pledge"]').wait_for()
    expect(page).to_have_url(re.compile("/staff/stations/"))

    name, data = _download(page, "download-pledge")
    assert name == "pledge-SH00001.pdf"
    text = pdf_text(data)
    assert "“户外职工爱心接力站”服务承诺书" in text
    assert "站点编号：SH00001" in text
    assert "站点名称：延安东路支行爱心接力站" in text


def test_the_agreement_panel_updates_itself_and_the_agreement_downloads(
    page, login, world, records
):
    _station, agreement = records
    # Queued as if a worker had not got to it yet: nothing renders it on the request.
    document, _ = _get_or_create(agreement_snapshot(agreement), by=world.user_a)
    login(page, world.user_a)
    page.goto(f"/staff/agreements/{agreement.pk}/")
    row = page.locator('[data-document-kind="agreement"]')
    expect(row).to_have_attribute("data-state", GeneratedDocument.State.QUEUED.value)
    expect(page.locator('[data-testid="download-agreement"]')).to_have_count(0)

    document_render(document_id=document.pk, task_id="e2e")  # the "worker" finishes it
    page.locator('[data-testid="download-agreement"]').wait_for(timeout=15_000)

    name, data = _download(page, "download-agreement")
    assert name == f"agreement-{agreement.pk}.pdf"
    text = pdf_text(data)
    assert "“户外职工爱心接力站”共创协议书" in text
    assert f"甲方：{world.host_a.name}" in text
    assert "门店或单位共计1家设置爱心接力站" in text
