"""Demo records for `seed_demo` (idempotent): one published year of honours, last year's.

The honours obey the rule the selection page states, from the same data: the year's four
quarters are published first (inspections/demo_assessment.py, which takes the demo stations
to have operated since the first of those quarters began: ``activated_at`` set back to
1 January, so they operated the whole year), then the shortlist is worked out
(``shortlist_build``, the job the selection page asks for) and the winners are its top,
marked as the aid center's "mark the best N" does, at the lower bound of the 5%–8%
rule over the year's base (``award_base``), saved, confirmed and published through the
services the aid center's buttons call.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from inspections.demo_assessment import seed_assessments

from .models import AwardYear
from .rules import award_bounds
from .services import award_confirm, award_selection_save, award_year_publish
from .shortlist import marked_ids, shortlist_build, shortlist_take_top

DEMO_AID_CENTER = "aidcenter"


@transaction.atomic
def seed_awards() -> None:
    year = timezone.localdate().year - 1
    if AwardYear.objects.filter(year=year).exists():
        return
    aid = get_user_model().objects.filter(username=DEMO_AID_CENTER).first()
    if aid is None:
        return
    seed_assessments([(year, quarter) for quarter in (1, 2, 3, 4)])
    shortlisted = shortlist_build(year)
    count = award_bounds(shortlisted.shortlist_base).lower
    if not count or shortlisted.shortlist_eligible < count:
        # The year cannot be honoured by its own rule: no titles rather than wrong ones.
        return
    shortlist_take_top(year=year, n=count, by=aid)
    award_year = award_selection_save(year=year, station_ids=marked_ids(shortlisted), by=aid)
    for award in award_year.awards.filter(confirmed=False):
        award_confirm(award=award, confirmed=True, by=aid)
    award_year_publish(year=year, by=aid, certificates=False)
