"""The scoring rules in plain words, from the parameters an assessment was computed with
(the rankings page and the PDFs say them; inspections/services/assessment.py applies them)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def rules_in_words(p: dict) -> list[str]:
    weights = _(
        "Each station's quarterly score combines its inspection score (weight %(wi)s), worker "
        "satisfaction (weight %(ws)s) and rectification timeliness (weight %(wt)s). When a "
        "station has too little feedback, satisfaction is left out and the other two weights "
        "count in proportion."
    ) % {
        "wi": p.get("inspection_weight"),
        "ws": p.get("satisfaction_weight"),
        "wt": p.get("timeliness_weight"),
    }
    inspection = _(
        "Inspection score: the weighted mean of the quarter's checks (0–100). A flying "
        "inspection, an undercover visit, a peer review or an acceptance check counts "
        "%(wi)s times; a union's self-check counts %(ws)s times. Voided checks do not count; "
        "a check under appeal counts and is marked."
    ) % {"wi": p.get("independent_weight"), "ws": p.get("self_weight")}
    satisfaction = _(
        "Worker satisfaction: the mean rating (1 to 5 stars, shown as 0–100) of the "
        "feedback workers left in the quarter, counted only when a station received at "
        "least %(n)s."
    ) % {"n": p.get("min_feedback")}
    timeliness = _(
        "Rectification timeliness: the share of the rectification orders due in the quarter "
        "that were put right by their deadline (100 when none was due)."
    )
    ranks = _(
        "Stations without a check in the quarter have no score. Equal scores share a rank. "
        "A union's score is the mean of its stations' scores, shown with the share of its "
        "stations checked in the quarter."
    )
    return [weights, inspection, satisfaction, timeliness, ranks]
