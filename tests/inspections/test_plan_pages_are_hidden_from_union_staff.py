import pytest
from django.test import Client

from inspections.models import PlanVisit
from inspections.orders.services.plans import plan_draw

from .factories_orders import operating_station

pytestmark = pytest.mark.django_db


def test_union_staff_are_refused_every_plan_page_and_see_no_visit(world):
    operating_station(world.union_a)
    plan = plan_draw(year=2026, quarter=1, seed="hidden")
    client = Client()
    client.force_login(world.user_a)
    assert client.get("/staff/inspections/plans/").status_code == 403
    assert client.get(f"/staff/inspections/plans/{plan.pk}/").status_code == 403
    assert client.post("/staff/inspections/plans/draw/").status_code == 403
    assert not PlanVisit.objects.visible_to(world.user_a).exists()
    assert PlanVisit.objects.visible_to(world.aid).exists()


def test_the_aid_center_draws_the_quarter_from_its_page(world):
    operating_station(world.union_a)
    client = Client()
    client.force_login(world.aid)
    response = client.post("/staff/inspections/plans/draw/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="plan-per-inspector"' in page
