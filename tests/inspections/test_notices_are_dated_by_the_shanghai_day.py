"""Notices and their e-mails print the city's dates: an order opened at 23:30 UTC on
4 December 2026 (07:30 on 5 December in Shanghai) is due RECTIFICATION_DAYS after 5 December,
and the overdue notice and its mail say that day."""

from __future__ import annotations

import datetime as dt

from django.core import mail

from inspections.orders.services.rectification import rectification_flag_overdue, rectification_open
from unions.models import Notice

from .factories_orders import operating_station


def test_an_order_opened_at_2330_utc_is_due_from_the_shanghai_day_and_its_notice_says_so(
    world, late_evening_utc, settings, tasks_in_process, django_capture_on_commit_callbacks
):
    settings.RECTIFICATION_DAYS = 15
    world.user_a.email = "clerk@example.org"
    world.user_a.save(update_fields=["email"])
    station = operating_station(world.union_a)
    order = rectification_open(station=station, by=world.aid, items=["铭牌未悬挂"])
    # 5 December + 15 days; the UTC day would have made it 19 December.
    assert order.deadline == dt.date(2026, 12, 20)
    with django_capture_on_commit_callbacks(execute=True):
        assert rectification_flag_overdue(order, today=dt.date(2026, 12, 21))
    notice = Notice.objects.get(topic="rectification_overdue")
    assert "2026-12-20" in notice.body
    assert [m.to for m in mail.outbox] == [["clerk@example.org"]]
    assert "2026-12-20" in mail.outbox[0].body and "2026-12-19" not in mail.outbox[0].body
