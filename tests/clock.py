"""A fixed clock for the tests of printed dates: 23:30 UTC on 4 December 2026 is 07:30 on
5 December in Shanghai, so a date taken in UTC shows the day before the city's. The fixture ``late_evening_utc``
(tests/conftest.py) sets the clock there."""

from __future__ import annotations

import datetime as dt

LATE_UTC = dt.datetime(2026, 12, 4, 23, 30, tzinfo=dt.UTC)
# The city's day at that instant, and the day UTC would wrongly print.
SHANGHAI_DAY = dt.date(2026, 12, 5)
UTC_DAY = dt.date(2026, 12, 4)
