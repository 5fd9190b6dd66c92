"""The aid center hides feedback with a note: it leaves the station's rating, and the
hiding and showing again are rows of the station's history."""

from __future__ import annotations

from history.models import RecordChange
from stations.models import Feedback
from stations.services.feedback import station_rating

from .feedback_helpers import phone, rate


def test_hidden_feedback_leaves_the_rating_and_the_history_says_so(
    client, public_station, world, settings
):
    settings.FEEDBACK_RATING_MIN_COUNT = 2
    station = public_station()
    for rating in (5, 5, 1):
        rate(phone(), station, rating=rating)
    assert station_rating(station).mean == 3.7
    abusive = Feedback.objects.get(rating=1)

    client.force_login(world.aid)
    url = f"/staff/feedback/{abusive.pk}/moderate/"
    assert client.post(url, {"note": "辱骂内容"}).status_code == 302

    abusive.refresh_from_db()
    assert abusive.status == "hidden" and abusive.moderation_note == "辱骂内容"
    assert station_rating(station).mean == 5.0 and station_rating(station).count == 2

    client.post(url, {"note": "误操作"})
    assert station_rating(station).count == 3
    rows = RecordChange.objects.filter(record="feedback", record_id=abusive.pk).order_by("id")
    assert [(r.action, r.reason, r.by) for r in rows] == [
        ("hidden", "辱骂内容", world.aid),
        ("shown", "误操作", world.aid),
    ]


def test_hiding_needs_a_note(client, public_station, world):
    rate(phone(), public_station())
    feedback = Feedback.objects.get()
    client.force_login(world.aid)

    client.post(f"/staff/feedback/{feedback.pk}/moderate/", {"note": ""})

    feedback.refresh_from_db()
    assert feedback.status == "visible"


def test_only_the_aid_center_moderates(client, public_station, world):
    rate(phone(), public_station())
    feedback = Feedback.objects.get()

    for user in (world.user_a, world.inspector):
        client.force_login(user)
        assert (
            client.post(f"/staff/feedback/{feedback.pk}/moderate/", {"note": "x"}).status_code
            == 403
        )
