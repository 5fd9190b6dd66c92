"""On PostgreSQL, twenty workers reporting the same station at the same moment make one
ticket counting twenty reports, and a burst sent all at once is held past the ceiling
exactly: the station's row lock orders them."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from stations.models import Feedback, FeedbackStatus, FeedbackTicket
from stations.services.feedback import feedback_leave

pytestmark = [
    pytest.mark.services,
    # serialized_rollback: the flush after a transactional test would also wipe the unions
    # that migrations load, for every test after this one.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_twenty_concurrent_complaints_are_one_ticket_of_twenty(public_station, settings):
    assert connection.vendor == "postgresql"
    settings.FEEDBACK_HOLD_PER_STATION_PER_HOUR = 5
    station = public_station()
    errors: list[BaseException] = []
    start = threading.Barrier(20)

    def complain(n: int) -> None:
        from django.db import connection as thread_connection

        try:
            start.wait(timeout=30)
            feedback_leave(
                station=station,
                rating=1,
                problems=["refused"],
                comment="",
                device_hash=f"{n:064x}",
                address_hash=f"{n:064x}",
            )
        except BaseException as exc:  # reported below; a thread must not die silently
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=complain, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    ticket = FeedbackTicket.objects.get()
    assert ticket.reports == 20 and ticket.complaints.count() == 20
    statuses = list(Feedback.objects.values_list("status", flat=True))
    assert statuses.count(FeedbackStatus.VISIBLE) == 5
    assert statuses.count(FeedbackStatus.HELD) == 15
