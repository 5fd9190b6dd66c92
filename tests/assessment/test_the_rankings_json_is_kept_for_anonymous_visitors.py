"""The rankings' JSON is kept for anonymous visitors as their page is (issue 26: a thousand
stations drawn into JSON cost 80 ms at national size): a warm request only looks up the
published version, and answers the same JSON with the same headers; each filter and page,
and each address it is asked at (the body's links are absolute), is a copy of its own; a
signed-in visitor is answered afresh."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.assessment.services.assessment import assessment_run
from inspections.assessment.services.publication import assessment_publish

from .helpers import check, operating_station

QUARTER = {"year": 2025, "quarter": 1}


def _published(world, n: int = 3) -> str:
    for i in range(n):
        union, district = (world.union_a, "黄浦区") if i % 2 else (world.union_b, "徐汇区")
        station = operating_station(union, district=district)
        check(station, 60 + i, by=world.inspector)
    assessment_publish(
        assessment=assessment_run(**QUARTER, by=world.aid), by=world.aid, reports=False
    )
    return reverse("rankings:api", kwargs=QUARTER)


def test_a_warm_request_only_looks_up_the_version_and_answers_the_same(world, client):
    url = _published(world)
    first = client.get(url)
    with CaptureQueriesContext(connection) as warm:
        again = client.get(url)
    assert len(warm) == 1 and "inspections_quarterlyassessment" in warm[0]["sql"]
    assert again.content == first.content and again.json()["count"] == 3
    for response in (first, again):
        assert response["Content-Type"] == "application/json"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "csrftoken" not in response.cookies


def test_each_filter_and_each_address_is_its_own_copy(world, client):
    url = _published(world)
    whole = client.get(url).json()
    one = client.get(url, {"district": "徐汇区"}).json()
    assert (whole["count"], one["count"]) == (3, 2)
    assert client.get(url, {"page": "2"}).json()["page"] == 1  # past the end: the last
    elsewhere = client.get(url, HTTP_HOST="localhost").json()
    assert whole["stations"][0]["url"].startswith("http://testserver/")
    assert elsewhere["stations"][0]["url"].startswith("http://localhost/")


def test_a_signed_in_visitor_is_answered_afresh(world, client):
    url = _published(world)
    client.get(url)
    client.force_login(world.aid)
    with CaptureQueriesContext(connection) as signed_in:
        client.get(url)
    assert any("inspections_stationquarterscore" in q["sql"] for q in signed_in)
