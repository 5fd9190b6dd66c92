from inspections.models import InspectionKind, StationQuarterScore, UnionQuarterScore

from .helpers import check, feedback, operating_station

FIELDS = ("station_id", "inspection_score", "satisfaction", "timeliness", "score", "rank")


def test_a_second_run_is_a_new_version_with_the_same_scores(world, run, settings):
    settings.ASSESSMENT_MIN_FEEDBACK = 2
    for i in range(6):
        station = operating_station(world.union_a if i % 2 else world.union_b)
        check(station, 61 + i * 7.33, by=world.inspector)
        check(station, 99 - i, kind=InspectionKind.SELF_CHECK, by=world.user_a)
        feedback(station, 5, 4, 3 + i % 3)
    first, _s, _u = run()
    second, _s, _u = run()
    assert (first.version, second.version) == (1, 2)

    def rows(a):
        return list(
            StationQuarterScore.objects.filter(assessment=a)
            .order_by("station_id")
            .values_list(*FIELDS)
        )

    def unions(a):
        return list(
            UnionQuarterScore.objects.filter(assessment=a)
            .order_by("union_id")
            .values_list("union_id", "mean_score", "checked_share", "rank")
        )

    assert rows(first) == rows(second)
    assert unions(first) == unions(second)
    assert len(rows(first)) == 6
