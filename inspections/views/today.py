"""The inspector's day: the quarter's planned visits not yet made, nearest first.

The server lists them by plaque number; static/js/inspection_today.js re-sorts them by
distance from the phone when the browser gives its position, so the page is useful with
location refused or unavailable too.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from unions.access import access
from unions.roles import INSPECTOR

from ..check_selectors import open_planned_visits
from ..permissions import quarter_of


@access(*INSPECTOR)
def today(request):
    on = timezone.localdate()
    year, quarter = quarter_of(on)
    return render(
        request,
        "inspections/today.html",
        {"visits": open_planned_visits(request.user, on), "year": year, "quarter": quarter},
    )
