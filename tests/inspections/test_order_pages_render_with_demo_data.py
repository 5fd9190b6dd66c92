import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from inspections.demo_orders import seed_orders
from inspections.models import Appeal, InspectionPlan, Rectification
from stations.demo import seed_stations
from unions.demo import seed_users

pytestmark = pytest.mark.django_db


def test_every_orders_page_renders_for_the_demo_roles():
    seed_users()
    seed_stations()
    seed_orders()
    users = get_user_model().objects
    order = Rectification.objects.filter(status="open").first()
    plan = InspectionPlan.objects.get()
    appeal = Appeal.objects.get()
    pages = {
        "aidcenter": [
            "/staff/inspections/orders/",
            "/staff/inspections/orders/?overdue=1&status=open",
            "/staff/inspections/orders/new/",
            f"/staff/inspections/orders/{order.pk}/",
            "/staff/inspections/plans/",
            f"/staff/inspections/plans/{plan.pk}/",
            "/staff/inspections/pairings/",
            "/staff/inspections/appeals/",
            f"/staff/inspections/appeals/{appeal.pk}/",
        ],
        "inspector": [
            f"/staff/inspections/orders/{order.pk}/",
            f"/staff/inspections/plans/{plan.pk}/",
        ],
    }
    for username, urls in pages.items():
        client = Client()
        client.force_login(users.get(username=username))
        for url in urls:
            assert client.get(url).status_code == 200, (username, url)
    # The CSV is a job: asking for it (the list's filters posted) leads to its page.
    aid = Client()
    aid.force_login(users.get(username="aidcenter"))
    asked = aid.post("/staff/inspections/orders/exports/", {"status": "open", "overdue": "1"})
    assert asked.status_code == 302
    assert aid.get(asked["Location"]).status_code == 200
    clerk = Client()
    clerk.force_login(appeal.by)
    page = clerk.get(f"/staff/inspections/orders/{order.pk}/").content.decode()
    assert 'data-testid="under-appeal"' in page
    assert "/answer/" in page
