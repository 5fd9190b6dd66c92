"""The open-data files are built once per version onto disk (stations.open_data.build) and
served from there: compressed to a client that takes gzip, by nginx when configured, and the
previous version's while the next one's build waits for a worker."""

from __future__ import annotations

import gzip
import json

from stations import open_data
from stations.tasks import open_data_build_task
from tests.factories import station_changed


def _names(body: bytes) -> set[str]:
    return {f["properties"]["name"] for f in json.loads(body)["features"]}


def test_each_version_is_built_once_into_three_files_and_their_gzip_copies(
    client, public_station, settings
):
    public_station(name="一号站")
    client.get("/api/v1/stations.geojson")

    version = open_data.public_version()
    built = sorted(p.name for p in settings.OPEN_DATA_ROOT.iterdir())
    assert built == sorted(
        f"stations-{version}.{kind}{gz}" for kind in open_data.KINDS for gz in ("", ".gz")
    )
    # The JSON's count is its rows', read in one snapshot.
    body = json.loads(client.get("/api/v1/stations.json").getvalue())
    assert body["count"] == len(body["stations"]) == 1
    # Every kind came from that one build: no other file appeared.
    client.get("/api/v1/stations.csv")
    assert len(list(settings.OPEN_DATA_ROOT.iterdir())) == 6


def test_a_client_that_takes_gzip_gets_the_compressed_copy(client, public_station):
    public_station(name="压缩站")
    plain = client.get("/api/v1/stations.geojson")
    packed = client.get("/api/v1/stations.geojson", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    body = plain.getvalue()  # a file response's body can be read once
    assert gzip.decompress(packed.getvalue()) == body
    assert _names(body) == {"压缩站"}


def test_a_client_holding_this_version_is_told_it_has_not_changed(client, public_station):
    public_station()
    first = client.get("/api/v1/stations.csv")

    again = client.get("/api/v1/stations.csv", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_behind_nginx_the_file_is_handed_to_nginx(client, public_station, settings):
    settings.OPEN_DATA_ACCEL = "/open-data-files/"
    public_station()

    response = client.get("/api/v1/stations.geojson")

    name = f"stations-{open_data.public_version()}.geojson"
    assert response["X-Accel-Redirect"] == f"/open-data-files/{name}"
    assert response.content == b""
    assert response["Content-Type"].startswith("application/geo+json")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_previous_version_serves_while_the_next_waits_for_its_worker(
    client, public_station, monkeypatch
):
    from config.celery_app import app

    station = public_station(name="旧名")
    assert _names(client.get("/api/v1/stations.geojson").getvalue()) == {"旧名"}
    # No worker takes the job now: it waits in the broker (in-memory here, Redis in
    # production), as it does while a worker is busy.
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    station_changed(station, name="新名")

    stale = client.get("/api/v1/stations.geojson")
    assert stale.status_code == 200
    assert _names(stale.getvalue()) == {"旧名"}

    # The worker's job: the next request has the new name.
    open_data_build_task(open_data.public_version())
    assert _names(client.get("/api/v1/stations.geojson").getvalue()) == {"新名"}


def test_old_versions_are_pruned_and_the_job_is_a_no_op_when_built(public_station, settings):
    station = public_station()
    versions = []
    for n in range(open_data.KEEP_VERSIONS + 2):
        station.name = f"第{n}版"
        station.save()
        versions.append(open_data_build_task())
    before = {p: p.stat().st_mtime_ns for p in settings.OPEN_DATA_ROOT.iterdir()}

    assert open_data_build_task() == versions[-1]  # built already: nothing written

    assert {p: p.stat().st_mtime_ns for p in settings.OPEN_DATA_ROOT.iterdir()} == before
    kept = {p.name.split(".")[0].removeprefix("stations-") for p in before}
    assert kept == set(versions[-open_data.KEEP_VERSIONS :])
    assert not list(settings.OPEN_DATA_ROOT.glob(".*partial*"))
