from decimal import Decimal

from .helpers import check, operating_station


def test_a_union_scores_its_stations_mean_and_the_share_checked(world, run):
    a1, a2, a3 = (operating_station(world.union_a) for _ in range(3))
    b1 = operating_station(world.union_b)
    check(a1, 90, by=world.inspector)
    check(a2, 70, by=world.inspector)
    check(b1, 95, by=world.inspector)
    _a, _s, unions = run()
    a = unions[world.union_a.pk]
    # Scores (70×90 + 10×100) / 80 = 91.25 and (70×70 + 10×100) / 80 = 73.75: mean 82.5;
    # a3 was not checked.
    assert (a.stations, a.stations_checked) == (3, 2)
    assert a.checked_share == Decimal("66.67")
    assert a.mean_score == Decimal("82.50")
    assert (a.rank, unions[world.union_b.pk].rank) == (2, 1)
