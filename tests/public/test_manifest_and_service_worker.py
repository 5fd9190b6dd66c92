"""The web app manifest and the service worker are served from the root with the right
types; the worker never caches staff pages or POSTs, and is always checked for updates."""

from __future__ import annotations

import json

from PIL import Image

from public.views.offline import SHELL_FILES


def test_the_manifest_names_the_programme_and_its_icons(client, settings):
    response = client.get("/manifest.webmanifest")

    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "户外职工爱心接力站"
    assert manifest["theme_color"] == "#c8102e"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert sizes == {"192x192", "512x512"}
    for n in (192, 512):
        with Image.open(settings.BASE_DIR / "static" / "icons" / f"icon-{n}.png") as image:
            assert image.size == (n, n)


def test_the_service_worker_is_served_from_the_root_uncached(client):
    response = client.get("/sw.js")

    assert response["Content-Type"].startswith("application/javascript")
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    assert '"/static/css/portal.css"' in script  # the shell, not HTML-escaped
    assert "&quot;" not in script
    assert 'request.method !== "GET"' in script
    assert "/staff/" not in script and "/accounts/" not in script


def test_every_shell_file_exists(settings):
    for name in SHELL_FILES:
        assert (settings.BASE_DIR / "static" / name).is_file(), name


def test_public_pages_link_the_manifest_and_register_the_worker(client, public_station):
    station = public_station()
    for url in ("/", "/stations/", f"/stations/{station.plaque_number}/"):
        body = client.get(url).content.decode()
        assert 'rel="manifest" href="/manifest.webmanifest"' in body, url
        assert 'data-offline-page="yes"' in body, url
        assert "js/offline.js" in body, url
