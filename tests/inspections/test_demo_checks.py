import pytest

from inspections.demo import seed_inspections
from inspections.models import Inspection
from tests.factories import make_user
from unions.models import Role

from .factories_checks import station

pytestmark = pytest.mark.django_db


def test_the_demo_checks_are_recorded_once_however_often_the_seed_runs(world):
    make_user("inspector", Role.INSPECTOR)
    for _ in range(5):
        station(world.union_a)
    added = seed_inspections()
    assert added > 20
    assert seed_inspections() == 0
    assert Inspection.objects.count() == added
    assert Inspection.objects.filter(red_line=True).exists()
    assert Inspection.objects.filter(red_line=False).count() > added / 2
