import pytest

from inspections.models import InspectionPlan
from inspections.orders.tasks import plan_draw_this_quarter_task

from .factories_orders import operating_station

pytestmark = pytest.mark.django_db


def test_the_quarterly_task_draws_the_plan_once_and_then_does_nothing(world):
    operating_station(world.union_a)
    first = plan_draw_this_quarter_task()
    assert first is not None
    assert plan_draw_this_quarter_task() is None
    plan = InspectionPlan.objects.get()
    assert plan.drawn_by is None
    assert plan.visits.get().inspector == world.inspector_own
