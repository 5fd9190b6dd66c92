"""Pages with personal data are never stored by a browser or proxy; public pages keep theirs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stations.models import StationStatus
from tests.factories import StationFactory


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def _not_stored(response) -> bool:
    return {"no-store", "private"} <= _directives(response)


@pytest.fixture
def active_station(world):
    return StationFactory(
        filing=world.filing_a,
        status=StationStatus.ACTIVE,
        plaque_number="SH00042",
        plaque_seq=42,
        head_mobile="13812345678",
    )


@pytest.mark.django_db
def test_a_staff_page_with_a_head_mobile_is_not_stored(client, world, active_station):
    client.force_login(world.aid)

    response = client.get(reverse("stations:staff_detail", args=[active_station.pk]))

    assert response.status_code == 200
    assert "13812345678" in response.content.decode()
    assert _not_stored(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/staff/",
        "/accounts/password/",
        "/admin/",
        "/admin/auth/user/",
    ],
)
def test_every_page_for_a_signed_in_user_is_not_stored(client, world, url):
    client.force_login(world.admin)

    response = client.get(url)

    assert response.status_code == 200, url
    assert _not_stored(response), (url, response.get("Cache-Control"))


@pytest.mark.django_db
def test_a_staff_url_asked_anonymously_is_not_stored_either(client, world):
    response = client.get(reverse("stations:registry"))

    assert response.status_code == 302
    assert _not_stored(response)


@pytest.mark.django_db
def test_a_public_page_seen_by_a_signed_in_clerk_is_not_stored(client, world, active_station):
    client.force_login(world.user_a)

    assert _not_stored(client.get("/stations/SH00042/"))


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/stations/SH00042/"])
def test_a_public_page_for_a_passer_by_keeps_its_caching(client, active_station, url):
    response = client.get(url)

    assert response.status_code == 200
    assert "no-store" not in _directives(response)
    assert "private" not in _directives(response)
