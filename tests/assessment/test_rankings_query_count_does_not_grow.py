from django.urls import reverse

from inspections.services.assessment import assessment_run
from inspections.services.publication import assessment_publish

from .helpers import check, operating_station


def _published_with(world, n: int, quarter: int):
    from .helpers import Q1_DAY, Q2_DAY

    for i in range(n):
        station = operating_station(world.union_a if i % 2 else world.union_b)
        check(station, 60 + i, by=world.inspector, when=Q1_DAY if quarter == 1 else Q2_DAY)
    assessment = assessment_run(year=2025, quarter=quarter, by=world.aid)
    assessment_publish(assessment=assessment, by=world.aid, reports=False)


def _count(client, url, django_assert_max_num_queries) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_rankings_page_makes_as_many_queries_for_3_stations_as_for_30(
    world, client, django_assert_num_queries, django_assert_max_num_queries
):
    _published_with(world, 3, quarter=1)
    url = reverse("rankings:quarter", kwargs={"year": 2025, "quarter": 1})
    small = _count(client, url, django_assert_max_num_queries)
    _published_with(world, 30, quarter=2)
    url_large = reverse("rankings:quarter", kwargs={"year": 2025, "quarter": 2})
    with django_assert_num_queries(small):
        client.get(url_large)
    with django_assert_num_queries(small):
        client.get(reverse("rankings:api", kwargs={"year": 2025, "quarter": 2}))
