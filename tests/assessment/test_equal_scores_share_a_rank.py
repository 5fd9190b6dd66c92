from .helpers import check, operating_station


def test_ranks_are_by_score_and_equal_scores_share_a_rank(world, run):
    stations = [operating_station(world.union_a) for _ in range(4)]
    for station, score in zip(stations, (70, 90, 90, 60), strict=True):
        check(station, score, by=world.inspector)
    _a, rows, _u = run()
    assert [rows[s.pk].rank for s in stations] == [3, 1, 1, 4]
