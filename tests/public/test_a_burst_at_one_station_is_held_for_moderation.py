"""A station that suddenly gets many ratings (each from its own network, so no per-source
limit stops them) keeps them but holds those past its ceiling for the aid center: they do
not count in the station page's mean until released, and past the day's ceiling the
station takes no more that day."""

from __future__ import annotations

from history.models import RecordChange
from stations.models import Feedback, FeedbackStatus

from .feedback_helpers import phone, rate


def _mean(client, station) -> str:
    page = client.get(f"/stations/{station.plaque_number}/").content.decode()
    return page.split('data-mean="')[1].split('"')[0]


def test_a_burst_is_held_and_does_not_move_the_mean(public_station, client, settings):
    settings.FEEDBACK_HOLD_PER_STATION_PER_HOUR = 5
    station = public_station()
    for n in range(5):
        assert rate(phone(f"10.{n}.0.1"), station, rating=5).status_code == 200

    answers = [rate(phone(f"10.{n}.0.1"), station, rating=1) for n in range(10, 30)]

    assert {r.status_code for r in answers} == {200}
    assert 'data-testid="feedback-held"' in answers[0].content.decode()
    assert "审核后再计入站点评分" in answers[0].content.decode()
    statuses = list(Feedback.objects.filter(station=station).values_list("status", flat=True))
    assert statuses.count(FeedbackStatus.VISIBLE) == 5
    assert statuses.count(FeedbackStatus.HELD) == 20
    # The page's mean is of the five that passed: 5.0, not (5×5 + 20×1) / 25 = 1.8.
    assert _mean(client, station) == "5.0"


def test_the_day_ceiling_holds_without_an_hourly_burst(public_station, settings):
    settings.FEEDBACK_HOLD_PER_STATION_PER_HOUR = 100
    settings.FEEDBACK_HOLD_PER_STATION_PER_DAY = 3
    station = public_station()

    for n in range(5):
        rate(phone(f"10.{n}.0.1"), station)

    assert (
        list(
            Feedback.objects.filter(station=station).order_by("id").values_list("status", flat=True)
        )
        == ["visible"] * 3 + ["held"] * 2
    )


def test_past_the_day_ceiling_a_station_takes_no_more_and_says_why(public_station, settings):
    settings.FEEDBACK_PER_STATION_PER_DAY = 8
    station = public_station()
    for n in range(8):
        assert rate(phone(f"10.{n}.0.1"), station).status_code == 200

    refused = rate(phone("10.99.0.1"), station, comment="等了很久")

    assert refused.status_code == 429
    body = refused.content.decode()
    assert 'data-limit="station"' in body and "明天之前不再接收新的评价" in body
    assert "等了很久</textarea>" in body
    assert Feedback.objects.filter(station=station).count() == 8


def test_the_aid_center_sees_held_ratings_and_releases_or_hides_them(
    public_station, client, world, settings
):
    settings.FEEDBACK_HOLD_PER_STATION_PER_HOUR = 5
    settings.FEEDBACK_RATING_MIN_COUNT = 1
    station = public_station()
    for n in range(5):
        rate(phone(f"10.{n}.0.1"), station, rating=5)
    for n in range(10, 12):
        rate(phone(f"10.{n}.0.1"), station, rating=1)
    first, second = Feedback.objects.filter(status=FeedbackStatus.HELD).order_by("id")
    client.force_login(world.aid)

    page = client.get("/staff/feedback/").content.decode()
    assert 'data-held="2"' in page
    held_list = client.get("/staff/feedback/?status=held").content.decode()
    assert held_list.count('data-status="held"') == 2 and 'data-testid="release"' in held_list

    client.post(f"/staff/feedback/{first.pk}/moderate/", {"action": "release", "note": "核实无误"})
    client.post(f"/staff/feedback/{second.pk}/moderate/", {"action": "hide", "note": "刷分"})

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (FeedbackStatus.VISIBLE, FeedbackStatus.HIDDEN)
    # Released, the one-star rating counts: (5 × 5 + 1) / 6 = 4.33.
    assert _mean(client, station) == "4.3"
    assert RecordChange.objects.filter(record_id=first.pk, action="shown").exists()
    assert RecordChange.objects.filter(record_id=second.pk, action="hidden").exists()
