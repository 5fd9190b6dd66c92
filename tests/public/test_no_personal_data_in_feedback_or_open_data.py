"""Workers' feedback never reaches a public page or the open data: no comment, no hash."""

from __future__ import annotations

from stations.models import Feedback

from .feedback_helpers import phone, rate


def test_no_comment_or_hash_appears_publicly(client, public_station, settings):
    settings.FEEDBACK_RATING_MIN_COUNT = 1
    station = public_station()
    rate(phone("198.51.100.23"), station, rating=2, comment="站长王大明电话13912345678")
    feedback = Feedback.objects.get()

    for url in (
        "/",
        "/stations/",
        f"/stations/{station.plaque_number}/",
        f"/stations/{station.plaque_number}/feedback/",
        "/api/v1/",
        "/api/v1/stations.json",
        "/api/v1/stations.geojson",
        "/api/v1/stations.csv",
        "/manifest.webmanifest",
        "/sw.js",
    ):
        body = client.get(url).getvalue().decode("utf-8-sig")
        for secret in (
            "王大明",
            "13912345678",
            "198.51.100.23",
            feedback.device_hash,
            feedback.address_hash,
        ):
            assert secret not in body, (url, secret)
