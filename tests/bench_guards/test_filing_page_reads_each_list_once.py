"""A filing's page reads its stations in a statement a list, whatever their number (issue 26:
the filing of the busiest station was 10.6× the logged-in trivial view).

Its rows, and the 附件1 and the pledges-and-plaques zip whose versions its documents panel
shows, each read only the columns they use (stations/views/filings.py FILING_ROW_FIELDS,
stations/documents/snapshots.py FILING_FORM_FIELDS and BATCH_FIELDS). A column one of them
starts to use without adding it to its list would be read again for every station, one
statement each: these tests count them.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from stations.documents.snapshots import batch_snapshot, filing_form_snapshot
from stations.models import FilingForm, Pledge
from tests.factories import FilingFormFactory, HostUnitFactory, OperatingStationFactory


def _filing(world, stations: int) -> FilingForm:
    filing = FilingFormFactory(union=world.union_a)
    host = HostUnitFactory(union=world.union_a, name=f"农业银行外滩{stations}号支行")
    for n in range(stations):
        station = OperatingStationFactory(
            filing=filing, host_unit=host, row_number=n + 1, plaque_seq=70000 + 100 * stations + n
        )
        if n % 2 == 0:
            Pledge.objects.create(
                station=station,
                union=world.union_a,
                pledging_unit="外滩营业部",
                service_hours="8:30-17:30",
                head_name="张敏",
                due_by=dt.date(2026, 12, 31),
            )
    return FilingForm.objects.get(pk=filing.pk)


def _statements(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_each_document_of_a_filing_is_built_from_one_read(world):
    for size in (2, 6):
        filing = _filing(world, size)
        assert _statements(lambda f=filing: filing_form_snapshot(f)) == 1
        assert _statements(lambda f=filing: batch_snapshot(f)) == 1


def test_what_the_documents_print_is_read(world):
    filing = _filing(world, 2)
    form = filing_form_snapshot(filing).payload["stations"][0]
    assert form["head_mobile"] == "13812345678"
    assert form["services"] == ["water", "charging"]
    pledge, plaque = batch_snapshot(filing).members[:2]
    assert pledge.payload["pledging_unit"] == "外滩营业部"
    assert pledge.payload["service_hours"] == "8:30-17:30"
    assert pledge.payload["due_by"] == {"y": 2026, "m": 12, "d": 31}
    assert plaque.payload["sanitation_only"] is False
    second = batch_snapshot(filing).members[2]
    # No pledge on file: the host unit's name and the station's hours.
    assert second.payload["pledging_unit"] == "农业银行外滩2号支行"
    assert second.payload["service_hours"] == "9:00-17:00"


def test_the_filing_page_reads_as_many_statements_for_six_stations_as_for_two(world, client):
    client.force_login(world.aid)
    counts = []
    for size in (2, 6):
        filing = _filing(world, size)
        assert client.get(f"/staff/filings/{filing.pk}/").status_code == 200
        counts.append(_statements(lambda f=filing: client.get(f"/staff/filings/{f.pk}/")))
    assert counts[0] == counts[1]
