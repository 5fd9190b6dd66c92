"""Union staff file 附件1 online: unit rows, stations with every column, submit, edit when returned."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from stations.models import FilingForm, Station, StationStatus
from stations.services.lifecycle import station_return
from tests.factories import StationFactory

STATION_POST = {
    "name": "建行福州路支行爱心接力站",
    "address": "福州路100号",
    "district": "黄浦区",
    "head_name": "黄蓉",
    "head_mobile": "138 1234 5678",
    "opening_hours_text": "9:00-17:00（周一至周五）",
    "area_m2": "3.5",
    "services": ["water", "charging", "other"],
    "services_other": "免费雨具",
    "planned_completion": "2018-10-31",
    "carrier_type": "bank",
    "new_host_unit": "中国建设银行上海福州路支行",
    "audience": "all",
    "facilities": ["air_con", "fridge", "wifi"],
    "step_free": "on",
    "toilet_open": "on",
    "latitude": "31.2350",
    "longitude": "121.4810",
}

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def clerk(client, world):
    client.force_login(world.user_a)
    return client


def test_a_clerk_creates_a_filing_with_the_unit_rows(clerk, world):
    response = clerk.post(
        reverse("stations:filing_create"),
        {
            "unit_name": "黄浦区总工会",
            "head_name": "王建国",
            "head_email": "wang@example.org",
            "head_phone": "021-63211939",
        },
    )
    filing = FilingForm.objects.exclude(pk=world.filing_a.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("stations:filing_station_add", args=[filing.pk])
    assert filing.union == world.union_a
    assert filing.created_by == world.user_a


def test_a_station_is_stored_with_every_column_and_structured_hours(clerk, world):
    url = reverse("stations:filing_station_add", args=[world.filing_a.pk])
    response = clerk.post(url, STATION_POST)
    assert response.status_code == 302
    station = Station.objects.get(name=STATION_POST["name"])
    assert station.head_mobile == "13812345678"
    assert station.opening_hours == [{"days": [0, 1, 2, 3, 4], "start": "09:00", "end": "17:00"}]
    assert str(station.area_m2) == "3.5"
    assert station.services == ["water", "charging", "other"]
    assert station.services_other == "免费雨具"
    assert station.host_unit.name == "中国建设银行上海福州路支行"
    assert station.host_unit.union == world.union_a
    assert station.step_free and station.toilet_open
    assert station.status == StationStatus.DRAFT
    assert station.row_number == 2


def test_bad_input_is_explained_in_chinese_and_nothing_typed_is_lost(clerk, world):
    url = reverse("stations:filing_station_add", args=[world.filing_a.pk])
    bad = {**STATION_POST, "head_mobile": "12345", "opening_hours_text": "看心情", "area_m2": "-1"}
    with translation.override("zh-hans"):
        response = clerk.post(url, bad, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    form = response.context["form"]
    assert {"head_mobile", "opening_hours_text", "area_m2"} <= set(form.errors)
    body = response.content.decode()
    assert STATION_POST["address"] in body  # what was typed is still in the form
    assert not Station.objects.filter(name=STATION_POST["name"]).exists()


def test_other_services_need_a_description(clerk, world):
    url = reverse("stations:filing_station_add", args=[world.filing_a.pk])
    response = clerk.post(url, {**STATION_POST, "services_other": ""})
    assert "services_other" in response.context["form"].errors


def test_a_duplicate_station_is_refused(clerk, world):
    url = reverse("stations:filing_station_add", args=[world.filing_a.pk])
    dup = {**STATION_POST, "name": world.station_a.name, "address": world.station_a.address}
    response = clerk.post(url, dup)
    assert "name" in response.context["form"].errors


def test_submit_sends_every_draft_to_the_queue(clerk, world):
    StationFactory(filing=world.filing_a)
    response = clerk.post(reverse("stations:filing_submit", args=[world.filing_a.pk]))
    assert response.status_code == 302
    world.filing_a.refresh_from_db()
    assert world.filing_a.status == FilingForm.Status.SUBMITTED
    assert set(world.filing_a.stations.values_list("status", flat=True)) == {"submitted"}


def test_submit_rejects_get(clerk, world):
    response = clerk.get(reverse("stations:filing_submit", args=[world.filing_a.pk]))
    assert response.status_code == 405


def test_a_returned_station_is_edited_and_resubmitted(clerk, world):
    station = world.station_a
    station.status = StationStatus.SUBMITTED
    station.save()
    station_return(station=station, by=world.aid, reason="请补充门牌号")
    url = reverse("stations:station_edit", args=[station.pk])
    page = clerk.get(url)
    assert "请补充门牌号" in page.content.decode()
    response = clerk.post(url, {**STATION_POST, "name": station.name, "address": "南京东路1号2楼"})
    assert response.status_code == 302
    clerk.post(reverse("stations:filing_submit", args=[world.filing_a.pk]))
    station.refresh_from_db()
    assert station.address == "南京东路1号2楼"
    assert station.status == StationStatus.SUBMITTED


def test_a_submitted_station_cannot_be_edited(clerk, world):
    station = world.station_a
    station.status = StationStatus.SUBMITTED
    station.save()
    response = clerk.post(reverse("stations:station_edit", args=[station.pk]), STATION_POST)
    assert response.status_code == 302
    station.refresh_from_db()
    assert station.address != STATION_POST["address"]


def test_a_pdf_scan_is_accepted_and_served_to_its_union_only(clerk, client, world):
    scan = SimpleUploadedFile("备案表.pdf", PDF_BYTES, content_type="application/pdf")
    response = clerk.post(
        reverse("stations:filing_edit", args=[world.filing_a.pk]),
        {
            "unit_name": "黄浦区总工会",
            "head_name": "王建国",
            "head_email": "wang@example.org",
            "head_phone": "021-63211939",
            "signed_scan": scan,
        },
    )
    assert response.status_code == 302
    download = clerk.get(reverse("stations:filing_scan", args=[world.filing_a.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    client.force_login(world.user_b)
    assert client.get(reverse("stations:filing_scan", args=[world.filing_a.pk])).status_code == 404


def test_a_scan_whose_content_is_not_pdf_or_image_is_refused(clerk, world):
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = clerk.post(
        reverse("stations:filing_edit", args=[world.filing_a.pk]),
        {
            "unit_name": "黄浦区总工会",
            "head_name": "王建国",
            "head_email": "wang@example.org",
            "head_phone": "021-63211939",
            "signed_scan": fake,
        },
    )
    assert response.status_code == 200
    assert "signed_scan" in response.context["form"].errors


def test_a_scan_over_ten_megabytes_is_refused(clerk, world):
    big = io.BytesIO(PDF_BYTES + b"0" * (10 * 1024 * 1024))
    upload = SimpleUploadedFile("big.pdf", big.getvalue(), content_type="application/pdf")
    response = clerk.post(
        reverse("stations:filing_edit", args=[world.filing_a.pk]),
        {
            "unit_name": "黄浦区总工会",
            "head_name": "王建国",
            "head_email": "wang@example.org",
            "head_phone": "021-63211939",
            "signed_scan": upload,
        },
    )
    assert "signed_scan" in response.context["form"].errors


def test_another_unions_clerk_cannot_add_to_the_filing(client, world):
    client.force_login(world.user_b)
    url = reverse("stations:filing_station_add", args=[world.filing_a.pk])
    assert client.post(url, STATION_POST).status_code == 404
    assert not Station.objects.filter(name=STATION_POST["name"]).exists()
