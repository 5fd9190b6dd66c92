"""Demo records for `seed_demo` (idempotent): one published year of honours.

The year is last year. When its quarterly results are published in the demo (four quarters
of StationQuarterScore rows, inspections/demo_assessment.py), the winners are the top of
``candidates()``, exactly as the aid center would see them. Otherwise — the demo stations
were activated when the demo was loaded, so none operated all of last year — the winners
come from a stand-in ranking that is the same on every run (a hash of the plaque number),
taken from the operating stations, at the lower bound of the 5%–8% rule; their citations say
nothing about scores they do not have.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from stations.models import Station

from .models import AwardYear
from .rules import award_bounds
from .selectors import Candidate, candidates
from .services import _locked_year, award_confirm, award_year_publish, titles_replace

DEMO_AID_CENTER = "aidcenter"


def _stand_in_ranking(stations: list[Station]) -> list[Candidate]:
    ordered = sorted(stations, key=lambda s: hashlib.sha256(s.plaque_number.encode()).hexdigest())
    return [
        Candidate(station=s, quarters=[None] * 4, mean=None, rank=rank)
        for rank, s in enumerate(ordered, start=1)
    ]


@transaction.atomic
def seed_awards() -> None:
    year = timezone.localdate().year - 1
    if AwardYear.objects.filter(year=year).exists():
        return
    aid = get_user_model().objects.filter(username=DEMO_AID_CENTER).first()
    if aid is None:
        return
    ranked = [c for c in candidates(year) if c.eligible]
    if ranked:
        operating = len(candidates(year))
    else:
        public = list(Station.objects.public().select_related("union", "host_unit"))
        ranked = _stand_in_ranking(public)
        operating = len(public)
    count = award_bounds(operating).lower
    if not count:
        return
    award_year = _locked_year(year)
    titles_replace(award_year=award_year, winners=ranked[:count], operating=operating, by=aid)
    for award in award_year.awards.filter(confirmed=False):
        award_confirm(award=award, confirmed=True, by=aid)
    award_year_publish(year=year, by=aid, certificates=False)
