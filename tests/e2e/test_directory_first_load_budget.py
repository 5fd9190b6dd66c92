"""The directory's first load on a phone stays under 200 KB before map tiles, with the demo's
100+ stations listed and on the map.

What a phone downloads from production: whitenoise serves every static file compressed
(collectstatic writes .gz and .br copies; gzip is counted here, brotli is smaller still),
so static responses count at their gzip size; the HTML counts uncompressed, as if no proxy
compressed it. The test server sends everything uncompressed, so the sizes are computed from
the bodies Playwright saw. This is a size budget, not a timing."""

from __future__ import annotations

import gzip
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from stations.demo_public import seed_public_stations
from stations.models import Station
from unions.demo import seed_users

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}
BUDGET = 200 * 1024
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


def _wire_size(response) -> int:
    body = response.body()
    kind = response.headers.get("content-type", "")
    if urlparse(response.url).path.startswith("/static/") and kind.startswith(COMPRESSIBLE):
        return len(gzip.compress(body, compresslevel=6))
    return len(body)


@pytest.mark.parametrize("viewport", [PHONE_390])
def test_the_directory_loads_under_200_kb_before_tiles(page, world, live_server):
    for clerk in (world.user_a, world.user_b):  # the world's clerks file for their unions
        clerk.first_name = "示例 经办人"
        clerk.save(update_fields=["first_name"])
    seed_users()
    seed_public_stations(aid=world.aid)
    assert Station.objects.public().count() >= 100
    responses = []
    page.on("response", lambda response: responses.append(response))

    page.goto("/stations/", wait_until="networkidle")
    expect(page.locator(".leaflet-marker-icon, .marker-cluster").first).to_be_visible()  # drawn

    sizes = {r.url: _wire_size(r) for r in responses if r.status != 304}
    foreign = [url for url in sizes if not url.startswith(live_server.url)]
    assert foreign == []  # no tile, no font, nothing from another host
    total = sum(sizes.values())
    listing = "\n".join(
        f"{size:>8} {url}" for url, size in sorted(sizes.items(), key=lambda i: -i[1])
    )
    assert total < BUDGET, f"first load {total} bytes > {BUDGET}:\n{listing}"
    print(f"first load {total} bytes of {BUDGET}:\n{listing}")
