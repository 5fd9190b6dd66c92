"""No public page and no open-data file shows a station head's name or full mobile, nor the
filing's contact person (DESIGN: public pages never show a head's full mobile nor any worker's
identity). Walks every public page over the whole demo data set, every lifecycle stage."""

from __future__ import annotations

import re

import pytest

from stations.models import FilingForm, Station
from tests import demo_rows


def _public_urls() -> list[str]:
    urls = ["/", "/stations/", "/stations/?near=31.2304,121.4737", "/stations/?open_now=1"]
    urls += [f"/stations/?page={n}" for n in range(2, 8)]
    urls += [
        f"/stations/{p}/"
        for p in Station.objects.with_plaque().values_list("plaque_number", flat=True)
    ]
    urls += [
        "/api/v1/",
        "/api/v1/stations.json",
        "/api/v1/stations.geojson",
        "/api/v1/stations.csv",
    ]
    return urls


@pytest.mark.django_db
def test_no_public_page_or_file_names_a_head_or_shows_a_full_mobile(client):
    demo_rows.seeded()
    heads = set(Station.objects.values_list("head_name", "head_mobile"))
    contacts = set(FilingForm.objects.values_list("head_name", "head_phone", "head_email"))
    secrets = {v for row in heads | contacts for v in row if v}
    assert len(heads) > 100  # the walk covers the whole demo, not a handful

    seen_masked = False
    for url in _public_urls():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = response.getvalue().decode("utf-8-sig")
        for secret in secrets:
            assert secret not in body, f"{url} shows {secret}"
        # No eleven-digit mobile at all, whoever's it is.
        assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", body), url
        seen_masked |= bool(re.search(r"1[3-9]\d\*{4}\d{4}", body))
    # The station pages do show the masked form, so the scan looked at real pages.
    assert seen_masked


@pytest.mark.django_db
def test_open_data_carries_no_head_field_at_all(client, world, public_station):
    public_station(head_name="欧阳明辉", head_mobile="13912340001")

    for path in ("json", "geojson", "csv"):
        body = client.get(f"/api/v1/stations.{path}").getvalue().decode("utf-8-sig")
        assert "head_name" not in body and "head_mobile" not in body
        assert "欧阳明辉" not in body and "13912340001" not in body
        assert "1391234" not in body and "****" not in body  # not even masked
