import pytest

from inspections.models import PlanVisit
from inspections.orders.services.plans import PlanError, plan_draw
from stations.models import StationStatus
from tests.factories import make_user
from unions.models import Role, Union

from .factories_orders import operating_station

pytestmark = pytest.mark.django_db


@pytest.fixture
def stations(world):
    other = Union.objects.exclude(pk__in=[world.union_a.pk, world.union_b.pk]).first()
    make_user("inspector2", Role.INSPECTOR)
    made = [operating_station(world.union_a) for _ in range(5)]
    made += [operating_station(world.union_b) for _ in range(4)]
    made += [operating_station(other, status=StationStatus.RECTIFYING) for _ in range(3)]
    operating_station(world.union_a, status=StationStatus.REVOKED)
    return made


def _assignments(plan):
    return {v.station_id: v.inspector_id for v in PlanVisit.objects.filter(plan=plan)}


def test_every_operating_station_gets_one_visit_by_an_inspector_of_its_scope(world, stations):
    plan = plan_draw(year=2026, quarter=1, seed="s1")
    visits = PlanVisit.objects.filter(plan=plan).select_related("inspector__profile", "station")
    assert sorted(v.station_id for v in visits) == sorted(s.pk for s in stations)
    for visit in visits:
        district = visit.inspector.profile.district
        assert district in ("", visit.station.district)
        if visit.station.district == world.union_a.district:
            assert visit.inspector == world.inspector_own


def test_the_same_seed_draws_the_same_plan_and_the_load_is_balanced(world, stations):
    first = _assignments(plan_draw(year=2026, quarter=1, seed="same"))
    second = _assignments(plan_draw(year=2026, quarter=2, seed="same"))
    assert first == second
    city_wide = [pk for s, pk in first.items() if pk != world.inspector_own.pk]
    counts = sorted(city_wide.count(pk) for pk in set(city_wide))
    assert counts[-1] - counts[0] <= 1


def test_a_quarter_is_drawn_once(world, stations):
    plan_draw(year=2026, quarter=3, seed="x")
    with pytest.raises(PlanError):
        plan_draw(year=2026, quarter=3)
