"""What "operating" means: one named definition per question, written once (issue 21).

A station operates from its activation (``activated_at``: the agreement and the pledge on
file, 四、(二)) until it is revoked (取消站点资格、收回铭牌, 四、(四)) or closed (the host unit
withdraws), which a StationTransition to one of ``ENDED`` records with its time; a rectifying
station still operates (it stays listed, DESIGN: Station lifecycle). Days are the city's
(Asia/Shanghai) calendar days.

- ``operating_now()``: the stations operating at this moment, read from their status (active
  or rectifying): what the directory, the map, open data and the quarter's plan list. The
  status is the record of the present and is indexed; the history is the record of the past.
- ``operating_on(day)``: the stations still operating when ``day`` ended: activated by then
  and not revoked or closed by then. A station activated at 16:00 operated on that day; one
  revoked at 10:00 did not. ``operating_on(today)`` is ``operating_now()`` read from history.
- ``operated_during(start, end)``: operated at some moment of [start, end): activated before
  the period ended and not revoked or closed before it began. Who a quarter assesses: a
  station revoked during the quarter did operate in it (its union must not improve its mean
  by revoking its worst station).
- ``operated_all_year(year)``: operated the whole calendar year: activated on or before
  1 January (during 1 January counts: a station rarely opens at midnight) and still operating
  when 31 December ended. The base of the year's honours (四、(五): 按 5%-8%的比例).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone

from unions.scopes import ScopedQuerySet


def day_start(day: dt.date) -> dt.datetime:
    """00:00 of ``day`` in the city's time zone, as an aware instant."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone())


def year_window(year: int) -> tuple[dt.datetime, dt.datetime]:
    """1 January 00:00 of ``year`` and of the next year, city time: the year as instants."""
    return day_start(dt.date(year, 1, 1)), day_start(dt.date(year + 1, 1, 1))


class OperatingQuerySet(ScopedQuerySet):
    """The four questions, as methods of the Station queryset (so that they chain with
    ``visible_to(user)`` and with filters). StationQuerySet (station.py) names the statuses
    beside StationStatus; this module imports nothing of station.py."""

    # Operating now; final (the station no longer operates from the moment it enters one).
    operating_statuses: tuple[str, ...] = ()
    ended_statuses: tuple[str, ...] = ()

    def operating_now(self):
        return self.filter(status__in=self.operating_statuses)

    def _ended_before(self, instant: dt.datetime) -> Exists:
        transitions = self.model._meta.get_field("transitions").related_model
        return Exists(
            transitions.objects.filter(
                station=OuterRef("pk"), to_status__in=self.ended_statuses, at__lt=instant
            )
        )

    def _operating_at(self, instant: dt.datetime):
        """Activated before ``instant`` and not revoked or closed before it."""
        return self.filter(activated_at__lt=instant).exclude(self._ended_before(instant))

    def operating_on(self, day: dt.date):
        return self._operating_at(day_start(day + dt.timedelta(days=1)))

    def operated_during(self, start: dt.datetime, end: dt.datetime):
        return self.filter(activated_at__lt=end).exclude(self._ended_before(start))

    def operated_all_year(self, year: int):
        first_day_over = day_start(dt.date(year, 1, 2))
        return self.operating_on(dt.date(year, 12, 31)).filter(activated_at__lt=first_day_over)
