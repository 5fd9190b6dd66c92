"""An address (many phones, or one clearing its cookies) leaves at most N feedbacks an hour;
a person so limited does not block anyone at another address."""

from __future__ import annotations

from stations.models import Feedback

from .feedback_helpers import phone, rate


def test_the_address_limit_refuses_the_next_one_whatever_the_cookie(public_station, settings):
    settings.FEEDBACK_PER_ADDRESS_PER_HOUR = 3
    station = public_station()

    answers = [rate(phone("10.9.9.9"), station).status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    assert Feedback.objects.count() == 3


def test_a_limited_person_does_not_block_another(public_station, settings):
    settings.FEEDBACK_PER_ADDRESS_PER_HOUR = 1
    station = public_station()
    rate(phone("10.9.9.9"), station)
    assert rate(phone("10.9.9.9"), station).status_code == 429

    assert rate(phone("10.7.7.7"), station).status_code == 200
    assert Feedback.objects.count() == 2


def test_a_refused_address_leaves_the_device_free_to_try_later(public_station, settings):
    settings.FEEDBACK_PER_ADDRESS_PER_HOUR = 1
    station, other = public_station(), public_station()
    rate(phone("10.9.9.9"), other)
    worker = phone("10.9.9.9")
    assert rate(worker, station).status_code == 429

    worker.defaults["REMOTE_ADDR"] = "10.8.8.8"  # the same phone, on another network

    assert rate(worker, station).status_code == 200
