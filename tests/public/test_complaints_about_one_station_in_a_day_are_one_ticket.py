"""A hundred workers turned away from one station in one day are one ticket that counts a
hundred reports, and the union hears of it in one digest, not a hundred mails."""

from __future__ import annotations

from django.core import mail
from django.utils import timezone

from stations.models import FeedbackTicket, TicketStatus
from stations.services.feedback import feedback_digest, ticket_close
from stations.tasks import feedback_digest_task
from tests.factories import FilingFormFactory, HostUnitFactory, StationFactory
from unions.models import Notice

from .feedback_helpers import phone, rate


def _lift_the_limits(settings) -> None:
    # What this file tests is the merging, not the limits (tested beside it): every
    # complaint is let through, as from five busy carrier addresses.
    for name in (
        "FEEDBACK_PER_ADDRESS_PER_HOUR",
        "FEEDBACK_PER_ADDRESS_PER_STATION_PER_DAY",
        "FEEDBACK_PER_NETWORK_PER_HOUR",
        "FEEDBACK_PER_NETWORK_PER_STATION_PER_DAY",
        "FEEDBACK_PER_STATION_PER_DAY",
    ):
        setattr(settings, name, 1000)


def test_a_hundred_refusals_from_five_addresses_are_one_ticket_and_one_digest(
    public_station, world, settings, tasks_in_process, django_capture_on_commit_callbacks
):
    _lift_the_limits(settings)
    world.user_a.email = "clerk_a@example.org"
    world.user_a.save()
    station = public_station()

    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            rate(phone(f"10.{n % 5}.0.1"), station, rating=1, problems=["refused"]).status_code
            for n in range(100)
        ]

    assert answers == [200] * 100
    ticket = FeedbackTicket.objects.get()
    assert ticket.reports == 100 and ticket.complaints.count() == 100
    assert ticket.day == timezone.localdate()
    assert not Notice.objects.exists() and mail.outbox == []  # no mail per report

    with django_capture_on_commit_callbacks(execute=True):
        assert feedback_digest_task() == 1

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["clerk_a@example.org"]
    assert "100" in mail.outbox[0].subject
    assert "拒绝" in mail.outbox[0].body and station.plaque_number in mail.outbox[0].body
    assert Notice.objects.filter(union=world.union_a, topic="feedback_digest").count() == 1
    # Nothing new, nothing sent.
    with django_capture_on_commit_callbacks(execute=True):
        assert feedback_digest() == 0
    assert len(mail.outbox) == 1


def test_the_ticket_page_counts_the_reports_and_lists_them(public_station, world, client):
    station = public_station()
    for n in range(3):
        rate(
            phone(f"10.{n}.0.1"),
            station,
            rating=1,
            problems=["closed_in_hours"],
            comment=f"第{n}次",
        )
    ticket = FeedbackTicket.objects.get()
    client.force_login(world.user_a)

    page = client.get(f"/staff/feedback/tickets/{ticket.pk}/").content.decode()
    assert 'data-reports="3"' in page
    assert all(f"第{n}次" in page for n in range(3))
    assert 'data-testid="ticket-reports"' in client.get("/staff/feedback/tickets/").content.decode()


def test_a_report_after_the_digest_is_told_in_the_next_one(public_station, world):
    station = public_station()
    rate(phone("10.1.0.1"), station, rating=1, problems=["refused"])
    feedback_digest()

    rate(phone("10.2.0.1"), station, rating=1, problems=["refused"])
    assert feedback_digest() == 1

    latest = Notice.objects.filter(topic="feedback_digest").order_by("-id").first()
    assert "新增 1 次反映，共 2 次" in latest.body


def test_a_report_after_the_ticket_is_closed_opens_a_new_one(public_station, world):
    station = public_station()
    rate(phone("10.1.0.1"), station, rating=1, problems=["refused"])
    ticket_close(ticket=FeedbackTicket.objects.get(), by=world.aid, note="已电话核实")

    rate(phone("10.2.0.1"), station, rating=1, problems=["refused"])

    assert list(FeedbackTicket.objects.order_by("id").values_list("status", "reports")) == [
        (TicketStatus.CLOSED, 1),
        (TicketStatus.OPEN, 1),
    ]


def test_each_union_gets_its_own_digest(public_station, world):
    station_a = public_station()
    station_b = StationFactory(
        filing=FilingFormFactory(union=world.union_b),
        host_unit=HostUnitFactory(union=world.union_b),
        status="active",
        plaque_number="SH09001",
        plaque_seq=9001,
    )
    rate(phone("10.1.0.1"), station_a, rating=1, problems=["refused"])
    rate(phone("10.2.0.1"), station_b, rating=1, problems=["closed_in_hours"])
    rate(phone("10.3.0.1"), station_b, rating=2, problems=["refused"])

    assert feedback_digest() == 2

    digests = {n.union_id: n for n in Notice.objects.filter(topic="feedback_digest")}
    assert set(digests) == {world.union_a.pk, world.union_b.pk}
    assert station_a.name in digests[world.union_a.pk].body
    assert station_a.name not in digests[world.union_b.pk].body
    assert "新增 2 次反映" in digests[world.union_b.pk].body


def test_the_digest_is_on_beat_every_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["feedback-digest"]
    assert entry["task"] == "stations.feedback_digest"
    assert entry["schedule"].minute == {5} and len(entry["schedule"].hour) == 24
