from decimal import Decimal

from .helpers import appeal, check, operating_station


def test_a_check_under_an_open_appeal_counts_and_flags_the_station(world, run):
    appealed = operating_station(world.union_a)
    plain = operating_station(world.union_a)
    appeal(check(appealed, 40, by=world.inspector), by=world.user_a)
    check(plain, 40, by=world.inspector)
    _a, rows, _u = run()
    assert rows[appealed.pk].under_appeal is True
    assert rows[appealed.pk].inspection_score == Decimal("40.00")
    assert rows[plain.pk].under_appeal is False
