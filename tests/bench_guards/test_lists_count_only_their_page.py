"""Lists count once per page and group only the page's rows (issue 13): the filing list
counts stations for its 25 filings, not for all of them; the registry counts its matches
once, not once for the paginator and again for the total."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stations.models import StationStatus
from tests.factories import FilingFormFactory, OperatingStationFactory, StationFactory


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_the_filing_list_counts_stations_of_the_page_only(client, world):
    for _ in range(30):
        StationFactory(filing=FilingFormFactory(union=world.union_a))
    client.force_login(world.aid)

    queries = _queries(client, reverse("stations:filing_list"))

    grouped = [q for q in queries if "GROUP BY" in q and "stations_station" in q]
    assert len(grouped) == 1
    assert re.search(r'"stations_filingform"\."id" IN \(', grouped[0])
    page = client.get(reverse("stations:filing_list")).context["page"]
    assert len(page.object_list) == 25
    assert all(f.station_count == 1 for f in page.object_list if f.pk != world.filing_a.pk)


def test_the_registry_counts_its_matches_once(client, world):
    for _ in range(3):
        StationFactory(filing=world.filing_a, status=StationStatus.ACTIVE, name="漕溪站")
    client.force_login(world.aid)

    queries = _queries(client, reverse("stations:registry") + "?q=漕溪")

    assert sum("COUNT(" in q and "stations_station" in q for q in queries) == 1
    assert client.get(reverse("stations:registry") + "?q=漕溪").context["total"] == 3


def _next(client, url) -> str:
    """The list's Next link: the key of the page's last row (unions/pages.py)."""
    page = client.get(url).context["page"]
    return f"{url}{'&' if '?' in url else '?'}after={page.next_key}"


def test_a_deep_registry_page_is_read_by_key_and_fetches_its_rows_by_id(client, world):
    for n in range(1, 61):
        OperatingStationFactory(
            filing=world.filing_a,
            status=StationStatus.ACTIVE,
            plaque_seq=n,
        )
    client.force_login(world.aid)
    second = _next(client, reverse("stations:registry"))

    queries = _queries(client, second)

    keyed = [q for q in queries if '"stations_station"."plaque_seq" >=' in q]
    # No offset: the page starts at the last row's key; the joined rows are fetched by id.
    assert not [q for q in queries if "OFFSET" in q]
    assert keyed and all("stations_hostunit" not in q for q in keyed)
    page = client.get(second).context["page"]
    # Ten numbered stations, then the world's own, which has no plaque yet: last.
    assert [s.plaque_seq for s in page.object_list] == [*range(51, 61), None]
    assert (page.start_index(), page.end_index(), page.count) == (51, 61, 61)


def test_paging_through_the_same_registry_list_counts_it_once(client, world):
    for _ in range(60):
        StationFactory(filing=world.filing_a, status=StationStatus.ACTIVE)
    client.force_login(world.aid)
    url = reverse("stations:registry")

    first = _queries(client, url)
    second = _queries(client, _next(client, url))

    assert sum("COUNT(" in q for q in first) == 1
    assert sum("COUNT(" in q for q in second) == 0


def test_a_change_to_a_station_counts_the_registry_again(client, world):
    client.force_login(world.aid)
    url = reverse("stations:registry")
    assert client.get(url).context["total"] == 1

    StationFactory(filing=world.filing_a, status=StationStatus.ACTIVE)

    assert client.get(url).context["total"] == 2
