"""Every HTML page is sent with a Content-Security-Policy that allows no inline script or
style, and a scan keeps its own stricter sandbox policy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from config.csp import content_security_policy, tile_source


def _directives(header: str) -> dict[str, list[str]]:
    parts = [p.strip().split() for p in header.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def _assert_strict(response) -> None:
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    policy = _directives(header)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_public_pages_carry_the_policy(client, public_station):
    station = public_station()
    for url in ("/", "/stations/", f"/stations/{station.plaque_number}/", "/api/v1/"):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_strict(response)


def test_staff_and_admin_pages_and_error_pages_carry_the_policy(client, world):
    client.force_login(world.user_a)
    _assert_strict(client.get(reverse("home")))
    _assert_strict(client.get("/no-such-page/"))
    client.logout()
    client.force_login(world.admin)
    _assert_strict(client.get("/admin/"))


@pytest.mark.django_db
def test_the_policy_allows_images_from_the_map_tile_host_and_data_and_blob_urls():
    policy = content_security_policy(map_tile_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    images = policy["DIRECTIVES"]["img-src"]
    assert images == ["'self'", "data:", "blob:", "https://*.tiles.example.org"]


def test_an_empty_tile_url_adds_no_image_host():
    assert tile_source("") is None
    assert content_security_policy(map_tile_url="")["DIRECTIVES"]["img-src"] == [
        "'self'",
        "data:",
        "blob:",
    ]
