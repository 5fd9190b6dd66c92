"""/stations/<plaque_no>/: the page a plaque's QR code opens, truthful for every plaque issued."""

from __future__ import annotations

from django.urls import reverse

from stations.models import StationStatus
from tests.factories import StationFactory


def _numbered(world, status, **kwargs):
    return StationFactory(
        filing=world.filing_a,
        status=status,
        plaque_number="SH00042",
        plaque_seq=42,
        **kwargs,
    )


def test_an_active_station_shows_its_service_and_a_masked_mobile(client, world):
    _numbered(world, StationStatus.ACTIVE, head_mobile="13812345678")
    body = client.get("/stations/SH00042/").content.decode()
    assert "138****5678" in body
    assert "13812345678" not in body


def test_a_revoked_plaque_says_so(client, world):
    _numbered(world, StationStatus.REVOKED, plaque_recalled=True)
    response = client.get("/stations/SH00042/")
    assert response.status_code == 200
    assert b'data-testid="plaque-state"' in response.content
    assert b"alert-danger" in response.content


def test_a_closed_station_says_so(client, world):
    _numbered(world, StationStatus.CLOSED)
    assert b"alert-secondary" in client.get("/stations/SH00042/").content


def test_an_unknown_number_is_not_found(client, db):
    assert client.get("/stations/SH99999/").status_code == 404


def test_a_draft_has_no_public_page(client, world):
    assert client.get(f"/stations/{world.station_a.pk}/").status_code == 404


def test_markup_in_a_station_name_is_escaped_everywhere(client, world):
    station = _numbered(world, StationStatus.ACTIVE, name='<script>alert("x")</script>站')
    pages = [
        "/stations/SH00042/",
    ]
    client.force_login(world.aid)
    pages += [
        reverse("stations:registry"),
        reverse("stations:staff_detail", args=[station.pk]),
        reverse("stations:filing_detail", args=[world.filing_a.pk]),
        reverse("home"),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert '<script>alert("x")</script>' not in body, url
    assert "&lt;script&gt;" in client.get("/stations/SH00042/").content.decode()
