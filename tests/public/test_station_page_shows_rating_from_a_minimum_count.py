"""The station's page shows its mean rating and how many, only from the minimum count, and
links to the feedback form."""

from __future__ import annotations

from .feedback_helpers import phone, rate


def test_the_rating_shows_only_once_there_are_enough(client, public_station, settings):
    settings.FEEDBACK_RATING_MIN_COUNT = 3
    station = public_station()
    url = f"/stations/{station.plaque_number}/"
    rate(phone(), station, rating=4)
    rate(phone(), station, rating=5)

    page = client.get(url).content.decode()
    assert 'data-count="0"' in page and "data-mean" not in page
    assert f'href="/stations/{station.plaque_number}/feedback/"' in page

    rate(phone(), station, rating=5)
    page = client.get(url).content.decode()
    assert 'data-mean="4.7" data-count="3"' in page
