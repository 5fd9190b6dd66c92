"""A campaign's report (issue 23, item 1): the aid center's covers every union and district, a
union's only its own; both are made by the worker through the documents app, as a workbook
and as a PDF, from the totals the deliveries keep; another union cannot download them."""

from __future__ import annotations

import io
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from documents.models import GeneratedDocument
from stations.models import CampaignDelivery
from stations.services.campaign_reports import campaign_report_request
from stations.services.campaigns import campaign_allocate, delivery_record
from tests.campaigns import running_campaign
from tests.documents.helpers import pdf_text, read_file
from tests.factories import OperatingStationFactory

Ready = GeneratedDocument.State.READY


@pytest.fixture(autouse=True)
def _tasks_in_process(monkeypatch):
    """The worker's part runs in the test's process in both CI passes."""
    from config.celery_app import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)


def _station(union, district):
    return OperatingStationFactory(union=union, district=district)


def _deliver(campaign, station, by, amounts):
    goods = list(campaign.goods.all())
    return delivery_record(
        campaign=campaign,
        station=station,
        by=by,
        delivered_on=timezone.localdate(),
        received_by="李站长",
        quantities={g.pk: q for g, q in zip(goods, amounts, strict=False)},
    )


@pytest.fixture
def campaign(world):
    """Union A: two stations in 黄浦区 (6+4 soup, 1 medicine); union B: one in 徐汇区 (3 soup,
    2 medicine). Soup is 40 yuan a case, medicine 12.50 a box."""
    campaign = running_campaign(world, allocated=100)
    soup, medicine = campaign.goods.all()
    campaign_allocate(
        campaign=campaign,
        by=world.aid,
        quantities={(world.union_b.pk, soup.pk): 50, (world.union_b.pk, medicine.pk): 20},
    )
    _deliver(campaign, _station(world.union_a, "黄浦区"), world.user_a, [6, 1])
    _deliver(campaign, _station(world.union_a, "黄浦区"), world.user_a, [4, 0])
    _deliver(campaign, _station(world.union_b, "徐汇区"), world.user_b, [3, 2])
    return campaign


def _made(capture, campaign, fmt, by) -> GeneratedDocument:
    with capture(execute=True):
        document = campaign_report_request(campaign=campaign, fmt=fmt, by=by)
    document.refresh_from_db()
    assert document.state == Ready, document.error
    return document


def _sheets(document) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(read_file(document)))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_the_aid_centers_workbook_adds_up_every_unions_deliveries(
    world, campaign, django_capture_on_commit_callbacks
):
    document = _made(django_capture_on_commit_callbacks, campaign, "xlsx", world.aid)
    assert document.union_id is None
    assert document.download_name.endswith(".xlsx")
    sheets = _sheets(document)
    assert list(sheets) == ["概况", "各推荐单位", "各物资", "各区"]
    header, *unions, total = sheets["各推荐单位"]
    assert header == (
        "推荐单位",
        "覆盖站点",
        "绿豆汤（箱）已发放",
        "绿豆汤（箱）已分配",
        "藿香正气水（盒）已发放",
        "藿香正气水（盒）已分配",
        "已用经费（元）",
    )
    by_union = {row[0]: row[1:] for row in unions}
    # 10 cases × 40 + 1 box × 12.50; 3 × 40 + 2 × 12.50.
    assert by_union[world.union_a.name] == (2, 10, 100, 1, 100, Decimal("412.5"))
    assert by_union[world.union_b.name] == (1, 3, 50, 2, 20, Decimal("145"))
    assert total == ("合计", 3, 13, 150, 3, 120, Decimal("557.5"))
    assert sheets["各区"] == [("区", "覆盖站点"), ("徐汇区", 1), ("黄浦区", 2), ("合计", 3)]
    goods = {row[0]: row[1:] for row in sheets["各物资"][1:]}
    assert goods["绿豆汤"] == ("箱", Decimal("40"), 13, 150, Decimal("520"))
    overview = dict(sheets["概况"][1:])
    assert overview["名称"] == "2026年夏季送清凉"
    assert overview["预算（元）"] == Decimal("5000")
    assert overview["已用经费（元）"] == Decimal("557.5")
    assert overview["覆盖站点"] == 3
    assert overview["覆盖范围"] == "全部推荐单位"


def test_the_workbook_reads_the_kept_totals_not_the_deliveries(
    world, campaign, django_capture_on_commit_callbacks
):
    # A delivery row the services did not count (as a bulk load would leave one) shows
    # nowhere: the report is the allocations' kept totals and the reach counts.
    first = CampaignDelivery.objects.filter(campaign=campaign).first()
    CampaignDelivery.objects.create(
        campaign=campaign,
        union=first.union,
        station=first.station,
        delivered_on=first.delivered_on,
        received_by="李站长",
        by=world.user_a,
    )
    document = _made(django_capture_on_commit_callbacks, campaign, "xlsx", world.aid)
    total = _sheets(document)["各推荐单位"][-1]
    assert total[:2] == ("合计", 3)


def test_a_unions_report_holds_its_own_union_only(
    world, campaign, django_capture_on_commit_callbacks
):
    workbook = _made(django_capture_on_commit_callbacks, campaign, "xlsx", world.user_a)
    assert workbook.union_id == world.union_a.pk
    sheets = _sheets(workbook)
    assert "各区" not in sheets  # the city-wide breakdown is the aid center's
    names = [row[0] for row in sheets["各推荐单位"][1:]]
    assert names == [world.union_a.name, "合计"]
    assert world.union_b.name not in str(sheets)
    pdf = _made(django_capture_on_commit_callbacks, campaign, "pdf", world.user_a)
    assert pdf.union_id == world.union_a.pk
    text = pdf_text(read_file(pdf))
    assert "2026年夏季送清凉" in text
    assert world.union_a.name in text
    assert world.union_b.name not in text
    assert "412.50" in text


def test_the_aid_centers_pdf_lists_every_union_and_district(
    world, campaign, django_capture_on_commit_callbacks
):
    document = _made(django_capture_on_commit_callbacks, campaign, "pdf", world.aid)
    data = read_file(document)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for expected in (
        "2026年夏季送清凉发放情况报告",
        world.union_a.name,
        world.union_b.name,
        "10/100",  # union A's soup, delivered / allocated
        "557.50",
        "徐汇区",
        "黄浦区",
        "5,000.00",
    ):
        assert expected in text, expected


def test_another_union_cannot_download_a_unions_report(
    world, campaign, client, django_capture_on_commit_callbacks
):
    for fmt in ("pdf", "xlsx"):
        document = _made(django_capture_on_commit_callbacks, campaign, fmt, world.user_a)
        url = reverse("documents:download", kwargs={"pk": document.pk})
        client.force_login(world.user_b)
        assert client.get(url).status_code == 404
        client.force_login(world.user_a)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


def test_a_union_cannot_download_the_aid_centers_report(
    world, campaign, client, django_capture_on_commit_callbacks
):
    document = _made(django_capture_on_commit_callbacks, campaign, "xlsx", world.aid)
    client.force_login(world.user_a)
    assert client.get(reverse("documents:download", kwargs={"pk": document.pk})).status_code == 404


def test_asking_twice_is_one_document_and_a_new_delivery_a_new_one(
    world, campaign, django_capture_on_commit_callbacks
):
    first = _made(django_capture_on_commit_callbacks, campaign, "xlsx", world.user_a)
    again = _made(django_capture_on_commit_callbacks, campaign, "xlsx", world.user_a)
    assert again.pk == first.pk
    _deliver(campaign, _station(world.union_a, "黄浦区"), world.user_a, [1, 1])
    newer = _made(django_capture_on_commit_callbacks, campaign, "xlsx", world.user_a)
    assert newer.pk != first.pk
    assert _sheets(newer)["各推荐单位"][1][1] == 3


def test_the_progress_page_offers_the_reports_and_the_button_makes_one(
    world, campaign, client, django_capture_on_commit_callbacks
):
    client.force_login(world.aid)
    page = reverse("stations:campaign_detail", kwargs={"pk": campaign.pk})
    response = client.get(page)
    assert b'data-testid="campaign-reports"' in response.content
    assert b'data-testid="make-campaign_xlsx"' in response.content
    request = reverse("stations:campaign_report_request", kwargs={"pk": campaign.pk, "fmt": "pdf"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(request, {"next": page})
    assert response.status_code == 302 and response["Location"] == page
    status = client.get(reverse("stations:campaign_report_status", kwargs={"pk": campaign.pk}))
    rows = {row["kind"]: row for row in status.json()["documents"]}
    assert rows["report"]["state"] == Ready
    assert rows["report"]["download_url"]
    assert rows["campaign_xlsx"]["state"] == "none"
    assert 'data-testid="download-report"' in status.json()["html"]


def test_a_post_that_names_no_page_returns_to_the_campaign(
    world, campaign, client, django_capture_on_commit_callbacks
):
    client.force_login(world.user_a)
    url = reverse("stations:campaign_report_request", kwargs={"pk": campaign.pk, "fmt": "xlsx"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == reverse("stations:campaign_detail", kwargs={"pk": campaign.pk})


def test_an_unknown_format_is_not_found(world, campaign, client):
    client.force_login(world.aid)
    url = reverse("stations:campaign_report_request", kwargs={"pk": campaign.pk, "fmt": "doc"})
    assert client.post(url).status_code == 404


def test_the_pdf_draws_as_a_page(world, campaign, django_capture_on_commit_callbacks, tmp_path):
    document = _made(django_capture_on_commit_callbacks, campaign, "pdf", world.aid)
    source = tmp_path / "report.pdf"
    source.write_bytes(read_file(document))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(source), str(tmp_path / "p")],
        check=True,
    )
    [png] = list(tmp_path.glob("p*.png"))
    assert png.stat().st_size > 5_000


def test_after_a_new_delivery_the_page_offers_a_new_report_and_keeps_the_old_one(
    world, campaign, client, django_capture_on_commit_callbacks
):
    made = _made(django_capture_on_commit_callbacks, campaign, "xlsx", world.user_a)
    _deliver(campaign, _station(world.union_a, "黄浦区"), world.user_a, [1, 0])
    client.force_login(world.user_a)
    status = client.get(reverse("stations:campaign_report_status", kwargs={"pk": campaign.pk}))
    row = {r["kind"]: r for r in status.json()["documents"]}["campaign_xlsx"]
    assert row["state"] == "none" and row["request_url"]
    old = reverse("documents:download", kwargs={"pk": made.pk})
    assert old in status.json()["html"]  # "Previous version" while the new one is not made


def test_a_title_a_spreadsheet_would_evaluate_is_written_as_text(
    world, campaign, django_capture_on_commit_callbacks
):
    campaign.title = '=HYPERLINK("http://x.example","点我")'
    campaign.save()
    document = _made(django_capture_on_commit_callbacks, campaign, "xlsx", world.aid)

    cells = [cell for row in _sheets(document)["概况"] for cell in row if isinstance(cell, str)]
    assert "'" + campaign.title in cells
    assert campaign.title not in cells
