"""The names records go by in the admin and the history (their __str__) use the city's day:
a check made at 23:30 UTC on 4 December 2026 was made on 5 December in Shanghai."""

from __future__ import annotations

from inspections.models import Appeal
from unions.models import SecurityEvent

from .factories_orders import inspection, operating_station


def test_a_check_and_its_appeal_are_named_by_the_shanghai_day(world, late_evening_utc):
    # Made "0 days ago" with the clock at 23:30 UTC on 4 December.
    check = inspection(operating_station(world.union_a), world.inspector, days=0)
    assert "2026-12-05" in str(check)
    appeal = Appeal(inspection=check, union=world.union_a, reason="x", by=world.user_a)
    assert "2026-12-05" in str(appeal)


def test_a_security_event_is_named_by_the_shanghai_time(db, late_evening_utc):
    event = SecurityEvent(at=late_evening_utc, kind="login_failed", username="someone")
    assert str(event).startswith("2026-12-05 07:30")
