"""A worker refused entry (or finding the station closed in its posted hours) opens a ticket
for the station's union, the union is told in the next hourly digest, and the worker is
shown the 12351 hotline."""

from __future__ import annotations

from history import changes
from stations.models import FeedbackTicket
from stations.services.feedback import feedback_digest
from unions.models import Notice

from .feedback_helpers import phone, rate


def test_a_refusal_opens_a_ticket_the_digest_tells_the_union_and_shows_the_hotline(
    public_station, world, django_capture_on_commit_callbacks
):
    station = public_station()

    with django_capture_on_commit_callbacks() as callbacks:
        response = rate(phone(), station, rating=1, problems=["refused"], comment="门口保安拦着")

    ticket = FeedbackTicket.objects.get()
    assert ticket.union == world.union_a and ticket.station == station
    assert ticket.status == "open" and ticket.feedback.serious and ticket.reports == 1
    # No mail per report: what waits for the commit is the caches' second drop alone.
    assert not Notice.objects.exists() and _jobs(callbacks) == []
    body = response.content.decode()
    assert 'data-testid="serious-hotline"' in body
    assert 'href="tel:12351"' in body

    with django_capture_on_commit_callbacks() as callbacks:
        assert feedback_digest() == 1

    notice = Notice.objects.get(union=world.union_a, topic="feedback_digest")
    assert notice.link == "/staff/feedback/tickets/"
    assert f"/staff/feedback/tickets/{ticket.pk}/" in notice.body
    # The mail itself is notify_union's (tests/unions): here, that one was sent for it.
    assert len(_jobs(callbacks)) == 1


def _jobs(callbacks) -> list:
    """The callbacks that wait for the commit, but the caches' drop (history.changes)."""
    return [c for c in callbacks if getattr(c, "func", None) is not changes.deliver]


def test_a_minor_problem_opens_no_ticket_and_shows_no_hotline_box(public_station):
    station = public_station()

    response = rate(phone(), station, rating=3, problems=["no_water"])

    assert not FeedbackTicket.objects.exists()
    assert not Notice.objects.exists()
    assert 'data-testid="serious-hotline"' not in response.content.decode()
