"""The scoring rules in plain words, from the parameters an assessment was computed with
(the rankings page and the PDFs say them; inspections/assessment/services/assessment.py
applies them).

A version computed under the earlier rules (its parameters carry ``independent_weight``)
is described by the rules it was computed with: a page tells how its own numbers came about.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def rules_in_words(p: dict) -> list[str]:
    if "independent_weight" in p:
        return _earlier_rules(p)
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
        "Inspection score: the mean score (0–100) of the quarter's checks by the service "
        "quality supervision team — flying inspections and undercover visits, re-inspections "
        "included. Acceptance checks belong to a station's approval, not to a quarter. Checks "
        "voided on appeal do not count."
    )
    own = _(
        "The unions' own self-checks and peer reviews are their own evaluation: they are "
        "shown to the union and the aid center beside the score and never count in it."
    )
    unchecked = _(
        "A station the supervision team did not check in the quarter has no score and no "
        "rank: it is listed as not checked this quarter."
    )
    red_line = _(
        "A red-line finding that stands (closed during posted hours, a worker refused, the "
        "plaque missing; not voided on appeal) makes the station's quarter fail: its score "
        "is capped at %(cap)s whatever satisfaction and timeliness add, it ranks below every "
        "station without one, and its row names the red line."
    ) % {"cap": p.get("red_line_cap")}
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
        "Scores are computed exactly and rounded once, to two decimals, as shown; equal "
        "scores share a rank. A union's score is the mean of its stations' scores, shown "
        "with the share of its stations the supervision team checked in the quarter."
    )
    publication = _(
        "A quarter is published once it has ended and each of its checks is settled: its "
        "%(days)s-day appeal window has closed, or its appeal is decided."
    ) % {"days": p.get("appeal_days", 14)}
    return [inspection, own, unchecked, red_line, weights, satisfaction, timeliness, ranks,
            publication]  # fmt: skip


def _earlier_rules(p: dict) -> list[str]:
    """The rules before issue 21, for versions computed under them."""
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
