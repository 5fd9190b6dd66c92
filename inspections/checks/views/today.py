"""The inspector's day: the quarter's planned visits not yet made, the day's share of them
(selectors.py: DAY_PLAN), nearest first.

The server lists them by plaque number; static/js/inspection_today.js re-sorts them by
distance from the phone when the browser gives its position, so the page is useful with
location refused or unavailable too.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from unions.access import access
from unions.roles import INSPECTOR

from ...permissions import quarter_of
from ..selectors import DAY_PLAN, open_planned_visits


@access(*INSPECTOR)
def today(request):
    on = timezone.localdate()
    year, quarter = quarter_of(on)
    visits = open_planned_visits(request.user, on)
    shown = list(visits[:DAY_PLAN])
    return render(
        request,
        "inspections/today.html",
        {
            # The day's plan, never the quarter's whole (selectors.py: DAY_PLAN).
            "visits": shown,
            "more": visits.count() - len(shown) if len(shown) == DAY_PLAN else 0,
            "year": year,
            "quarter": quarter,
        },
    )
