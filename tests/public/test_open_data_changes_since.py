"""/api/v1/stations.json?modified_after=… (issue 24): an aggregator pulls only what changed —
the public stations whose record changed since, and the numbered stations withdrawn from the
public list since — a page at a time by key, with an ETag that answers 304 while nothing
changed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from stations import open_data
from stations.models import Station, StationStatus
from stations.open_data import FIELD_NAMES


def _get(client, query: str, **headers):
    return client.get("/api/v1/stations.json?" + query, **headers)


def _age(station, minutes: int) -> None:
    Station.objects.filter(pk=station.pk).update(
        updated_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def test_only_what_changed_since_is_sent(client, public_station):
    old = public_station(name="旧站")
    fresh = public_station(name="新站")
    gone = public_station(name="撤牌站", status=StationStatus.REVOKED)
    _age(old, 180)
    since = (timezone.now() - dt.timedelta(minutes=60)).isoformat()

    response = _get(client, "modified_after=" + since.replace("+", "%2B"))

    assert response.status_code == 200
    body = json.loads(response.content)
    assert [s["plaque_number"] for s in body["stations"]] == [fresh.plaque_number]
    assert list(body["stations"][0]) == FIELD_NAMES
    assert body["withdrawn"] == [
        {
            "plaque_number": gone.plaque_number,
            "status": "revoked",
            "updated_at": body["withdrawn"][0]["updated_at"],
        }
    ]
    assert body["next"] is None and body["licence"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_date_alone_is_midnight_in_shanghai(client, public_station):
    station = public_station()
    _age(station, 0)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert json.loads(_get(client, f"modified_after={tomorrow}").content)["stations"] == []
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    assert len(json.loads(_get(client, f"modified_after={yesterday}").content)["stations"]) == 1


def test_pages_follow_by_key_without_gaps_or_repeats(client, public_station, monkeypatch):
    monkeypatch.setattr(open_data, "DELTA_PAGE", 2)
    stations = [public_station(name=f"站{i}") for i in range(5)]
    moment = timezone.now() - dt.timedelta(minutes=5)
    # Three share one moment: the id keeps them apart.
    Station.objects.filter(pk__in=[s.pk for s in stations[:3]]).update(updated_at=moment)
    seen, url = [], "/api/v1/stations.json?modified_after=2020-01-01"
    while url:
        body = json.loads(client.get(url).content)
        seen += [s["plaque_number"] for s in body["stations"]]
        url = body["next"]
    assert sorted(seen) == sorted(s.plaque_number for s in stations)
    assert len(seen) == len(set(seen))


def test_an_unchanged_portal_answers_304(client, public_station):
    public_station()
    first = _get(client, "modified_after=2020-01-01")
    again = _get(client, "modified_after=2020-01-01", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    open_data.forget_version()  # what any announced change does
    assert (
        _get(client, "modified_after=2020-01-01", HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 200
    )


@pytest.mark.parametrize(
    "query",
    [
        "modified_after=yesterday",
        "modified_after=",
        "modified_after=2026-13-40",
        "modified_after=2026-01-01&cursor=x~y",
        "modified_after=<script>",
    ],
)
def test_a_bad_moment_is_refused_in_chinese(client, query):
    response = client.get("/api/v1/stations.json?" + query, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert "ISO 8601" in json.loads(response.content)["error"]
    assert "<script>" not in response.content.decode()


def test_without_modified_after_the_whole_file_is_served(client, public_station):
    public_station()
    response = client.get("/api/v1/stations.json")
    assert response.status_code == 200 and "stations" in json.loads(response.getvalue())
