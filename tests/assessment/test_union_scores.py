from decimal import Decimal

from inspections.models import InspectionKind
from inspections.numbers import shown

from .helpers import check, operating_station


def test_a_union_scores_its_stations_mean_and_the_share_checked(world, run):
    a1, a2, a3 = (operating_station(world.union_a) for _ in range(3))
    b1 = operating_station(world.union_b)
    check(a1, 90, by=world.inspector)
    check(a2, 70, by=world.inspector)
    check(b1, 95, by=world.inspector)
    # A self-check is not an independent check: a3 stays unchecked for the union's share.
    check(a3, 100, kind=InspectionKind.SELF_CHECK, by=world.user_a)
    _a, _s, unions = run()
    a = unions[world.union_a.pk]
    # Scores (70×90 + 10×100) / 80 = 91.25 and (70×70 + 10×100) / 80 = 73.75: mean 82.5;
    # a3 was not checked by the supervision team (only by its union).
    assert (a.stations, a.stations_checked) == (3, 2)
    # Held exactly (to ten places), shown rounded once.
    assert a.checked_share == Decimal("66.6666666667")
    assert shown(a.checked_share) == Decimal("66.67")
    assert a.mean_score == Decimal("82.50")
    assert (a.rank, unions[world.union_b.pk].rank) == (2, 1)
