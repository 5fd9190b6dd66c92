"""With Redis down the limits cannot be counted: that must not turn into no limits, nor into
a 500. Feedback is kept but held for moderation (nothing the worker wrote is lost, nothing
is counted unchecked); a tap is not counted and the worker is told to try again."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages

from stations.models import Feedback, FeedbackStatus, StationVisitDay

from .feedback_helpers import phone, rate


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
            },
        },
    }


def test_feedback_is_held_not_counted_nor_refused(public_station, redis_down):
    station = public_station()

    answers = [rate(phone("10.9.9.9"), station, rating=1, comment="好") for _ in range(3)]

    assert [r.status_code for r in answers] == [200, 200, 200]
    assert 'data-testid="feedback-held"' in answers[0].content.decode()
    assert set(Feedback.objects.values_list("status", flat=True)) == {FeedbackStatus.HELD}


def test_the_station_ceiling_still_holds(public_station, redis_down, settings):
    settings.FEEDBACK_PER_STATION_PER_DAY = 2
    station = public_station()

    answers = [rate(phone(f"10.{n}.0.1"), station).status_code for n in range(4)]

    assert answers == [200, 200, 429, 429]


def test_a_tap_is_not_counted_and_the_worker_is_told(public_station, redis_down):
    station = public_station()

    response = phone().post(f"/stations/{station.plaque_number}/visit/")

    assert response.status_code == 302
    assert not StationVisitDay.objects.exists()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "暂时无法计数，请过几分钟再点一次。"
    ]
