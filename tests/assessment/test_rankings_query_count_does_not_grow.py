from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.assessment.services.assessment import assessment_run
from inspections.assessment.services.publication import assessment_publish

from .helpers import Q1_DAY, Q2_DAY, check, operating_station


def _published_with(world, n: int, quarter: int) -> dict:
    for i in range(n):
        station = operating_station(world.union_a if i % 2 else world.union_b)
        check(station, 60 + i, by=world.inspector, when=Q1_DAY if quarter == 1 else Q2_DAY)
    assessment = assessment_run(year=2025, quarter=quarter, by=world.aid)
    assessment_publish(assessment=assessment, by=world.aid, reports=False)
    return {"year": 2025, "quarter": quarter}


def _cold_queries(client, url) -> int:
    cache.clear()  # the list's summary is cached: count what a first visitor costs
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_rankings_page_and_its_json_cost_the_same_queries_for_3_stations_as_for_30(
    world, client, django_assert_num_queries
):
    small = _published_with(world, 3, quarter=1)
    large = _published_with(world, 30, quarter=2)
    for name in ("rankings:quarter", "rankings:api"):
        cold = _cold_queries(client, reverse(name, kwargs=small))
        cache.clear()
        with django_assert_num_queries(cold):
            client.get(reverse(name, kwargs=large))
        # Warm, the cached summary leaves at most the page's own rows to read (the page
        # itself is kept rendered for anonymous visitors: only its version is looked up).
        with CaptureQueriesContext(connection) as warm:
            client.get(reverse(name, kwargs=large))
        assert len(warm) <= cold - 3


def test_a_warm_anonymous_rankings_page_only_looks_up_its_version(world, client):
    url = reverse("rankings:quarter", kwargs=_published_with(world, 5, quarter=1))
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as warm:
        again = client.get(url).content.decode()
    assert len(warm) == 1 and "inspections_quarterlyassessment" in warm[0]["sql"]
    assert again == first
    # A filter is another page, rendered for itself.
    filtered = client.get(url, {"district": "徐汇区"})
    assert filtered.status_code == 200 and filtered.content.decode() != first
