"""One phone leaves one feedback per station per day; it may still rate another station."""

from __future__ import annotations

from stations.models import Feedback

from .feedback_helpers import phone, rate


def test_a_second_rating_of_the_same_station_the_same_day_is_refused(public_station):
    station = public_station()
    worker = phone()

    assert rate(worker, station).status_code == 200
    second = rate(worker, station, rating=1)

    assert second.status_code == 429
    assert 'data-limit="device"' in second.content.decode()
    assert Feedback.objects.filter(station=station).count() == 1


def test_the_same_phone_may_rate_another_station(public_station):
    first, other = public_station(), public_station()
    worker = phone()

    rate(worker, first)
    assert rate(worker, other).status_code == 200
    assert Feedback.objects.count() == 2


def test_the_form_says_so_before_the_worker_fills_it_in_again(public_station):
    station = public_station()
    worker = phone()
    rate(worker, station)

    page = worker.get(f"/stations/{station.plaque_number}/feedback/").content.decode()

    assert 'data-limit="device"' in page
    assert 'data-testid="feedback-form"' not in page
