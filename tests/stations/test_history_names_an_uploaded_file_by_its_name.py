"""A staff history row names an uploaded file by its name, never its storage path (issue 21,
item 11: the path names the private folder layout and the union's id)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from history.models import RecordChange
from stations.models import StationStatus
from stations.services.filing import filing_edit
from stations.services.lifecycle import station_approve
from stations.services.records import pledge_update
from stations.services.review import ALL_SIX, acceptance_record
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_a_filing_scan_is_recorded_by_its_name_and_so_is_its_replacement(world):
    filing_edit(filing=world.filing_a, by=world.user_a, signed_scan=_pdf("备案表盖章.pdf"))
    filing_edit(filing=world.filing_a, by=world.user_a, signed_scan=_pdf("备案表重扫.pdf"))
    added, replaced = RecordChange.objects.filter(
        record="filing", record_id=world.filing_a.pk
    ).order_by("pk")
    assert added.changes["signed_scan"] == ["", "备案表盖章.pdf"]
    assert replaced.changes["signed_scan"] == ["备案表盖章.pdf", "备案表重扫.pdf"]
    assert "private" not in str(added.changes) + str(replaced.changes)


def test_a_pledge_scan_is_recorded_by_its_name(world):
    station = StationFactory(
        filing=world.filing_a, status=StationStatus.SUBMITTED, host_unit=world.host_a
    )
    acceptance_record(station=station, by=world.aid, checked_on="2018-10-01", **ALL_SIX)
    station_approve(station=station, by=world.aid)
    pledge_update(pledge=station.pledge, by=world.aid, scan=_pdf("承诺书.pdf"))
    row = RecordChange.objects.get(record="pledge", action="scan_added")
    assert row.changes["scan"] == ["", "承诺书.pdf"]


def test_the_history_shows_an_older_rows_path_as_the_files_name(client, world):
    RecordChange.objects.create(
        union_id=world.union_a.pk,
        record="filing",
        record_id=world.filing_a.pk,
        filing_id=world.filing_a.pk,
        action="scan_added",
        changes={"signed_scan": ["", f"private/filings/{world.union_a.pk}/1/旧扫描件.pdf"]},
        by=world.user_a,
    )
    client.force_login(world.user_a)
    page = client.get(reverse("stations:filing_detail", args=[world.filing_a.pk])).content.decode()
    assert "旧扫描件.pdf" in page
    assert "private/filings" not in page
