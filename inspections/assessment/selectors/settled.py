"""When a check's result, and a quarter's, is settled (issue 21: publication only of a
finished quarter; public check results after their appeal window).

A check by the supervision team (INDEPENDENT_KINDS) is *settled* once its appeal window
(``APPEAL_DAYS`` after the day of the visit, as services.appeals.appeal_deadline
says) has closed without an appeal
open, or once its appeal is decided — then it stands as decided: voided, amended or as it
was. Until then its station's public page says only that the result is under review, and
its quarter cannot be published.

A quarter is *final* once it has ended and every check of the supervision team in it is
settled: no appeal on them is open, and the window of each one not decided on appeal has
closed (the last check's window closes last). Its draft may be published only if it was
computed after that moment (``final_at``: the last window closing, decision or late-recorded
check), so that the published scores are the settled ones. Self-checks and peer reviews do
not count: they are never in a score nor public.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from ...checks.models import INDEPENDENT_KINDS, Inspection
from ...orders.models import Appeal, AppealStatus
from ...quarters import quarter_bounds


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone())


def window_closes_on(visit_day: dt.date) -> dt.date:
    """The first day a check of ``visit_day`` can no longer be appealed (the union may
    appeal until ``APPEAL_DAYS`` after the visit, that day included)."""
    return visit_day + dt.timedelta(days=settings.APPEAL_DAYS + 1)


def windows_closed_before(today: dt.date) -> dt.datetime:
    """Checks visited before this instant have had their appeal window close by ``today``."""
    return _start_of(today - dt.timedelta(days=settings.APPEAL_DAYS))


def _open_appeal():
    return Appeal.objects.filter(inspection=OuterRef("pk"), status=AppealStatus.OPEN)


def _decided_appeal():
    return Appeal.objects.filter(inspection=OuterRef("pk")).exclude(status=AppealStatus.OPEN)


def settled(today: dt.date | None = None) -> Q:
    """The checks whose result may be shown and counted as final on ``today``."""
    today = today or timezone.localdate()
    return ~Exists(_open_appeal()) & (
        Exists(_decided_appeal()) | Q(visited_at__lt=windows_closed_before(today))
    )


@dataclass(frozen=True)
class QuarterState:
    year: int
    quarter: int
    today: dt.date
    # The quarter's last day, and whether it is over.
    last_day: dt.date
    ended: bool
    # Whether the supervision team checked anything in the quarter (no: nothing to publish).
    has_checks: bool
    # Appeals on the quarter's checks still waiting for the aid center's decision.
    open_appeals: int
    # The first day every window of the quarter's checks not decided on appeal is closed
    # (None: no such check).
    windows_close_on: dt.date | None
    # When the results became final (None: not final yet).
    final_at: dt.datetime | None

    @property
    def final(self) -> bool:
        return self.final_at is not None

    @property
    def earliest(self) -> dt.date:
        """The first day it may be published as far as is known today: after the quarter
        ends and its known checks' windows close (later for checks still to come)."""
        after_end = self.last_day + dt.timedelta(days=1)
        if self.windows_close_on is None:
            return max(after_end, self.today)
        return max(after_end, self.windows_close_on)

    @property
    def latest_window(self) -> dt.date:
        """The first day the window of a check made on the quarter's last day is closed."""
        return window_closes_on(self.last_day)


def quarter_state(year: int, quarter: int, now: dt.datetime | None = None) -> QuarterState:
    """A handful of aggregates over the quarter's checks, whatever their number."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    start, end = quarter_bounds(year, quarter)
    checks = Inspection.objects.filter(
        kind__in=INDEPENDENT_KINDS, visited_at__gte=start, visited_at__lt=end
    ).order_by()
    open_appeals = Appeal.objects.filter(
        status=AppealStatus.OPEN, inspection__in=checks.values("pk")
    ).count()
    facts = checks.aggregate(
        last_open=Max("visited_at", filter=~Exists(_decided_appeal())),
        last_recorded=Max("recorded_at"),
    )
    last_decided = (
        Appeal.objects.filter(inspection__in=checks.values("pk"))
        .exclude(status=AppealStatus.OPEN)
        .aggregate(at=Max("decided_at"))["at"]
    )
    closes_on = (
        window_closes_on(timezone.localdate(facts["last_open"])) if facts["last_open"] else None
    )
    ended = now >= end
    final = ended and open_appeals == 0 and (closes_on is None or today >= closes_on)
    final_at = None
    if final:
        moments = [end, facts["last_recorded"], last_decided]
        if closes_on is not None:
            moments.append(_start_of(closes_on))
        final_at = max(m for m in moments if m is not None)
    return QuarterState(
        year=year,
        quarter=quarter,
        today=today,
        last_day=timezone.localdate(end - dt.timedelta(microseconds=1)),
        ended=ended,
        has_checks=facts["last_recorded"] is not None,
        open_appeals=open_appeals,
        windows_close_on=closes_on,
        final_at=final_at,
    )
