"""The directory, station page and open-data page hold under a strict CSP: no inline script
(a JSON or JSON-LD data block is data, not script) and no style="" attribute."""

from __future__ import annotations

import re

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)


def test_no_inline_script_or_style_attribute(client, public_station):
    station = public_station()
    for url in (
        "/stations/",
        "/stations/?near=31.23,121.47",
        f"/stations/{station.plaque_number}/",
        "/api/v1/",
    ):
        body = client.get(url).content.decode()
        for attrs, content in SCRIPT.findall(body):
            if content.strip():
                data_block = 'type="application/json"' in attrs or (
                    'type="application/ld+json"' in attrs
                )
                assert data_block, (url, attrs)
            else:
                assert "src=" in attrs, (url, attrs)
        assert " style=" not in body, url
        assert "onclick=" not in body.lower(), url
