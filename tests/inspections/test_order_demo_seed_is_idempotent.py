import pytest

from inspections.demo_orders import seed_orders
from inspections.models import (
    Appeal,
    InspectionPlan,
    PeerReviewPairing,
    Rectification,
    RectificationStatus,
)
from stations.demo import seed_stations
from unions.demo import seed_users

pytestmark = pytest.mark.django_db


def test_seeding_orders_twice_makes_each_record_once():
    seed_users()
    seed_stations()
    seed_orders()
    seed_orders()
    statuses = sorted(Rectification.objects.values_list("status", flat=True))
    assert statuses.count(RectificationStatus.CLOSED) == 1
    assert statuses.count(RectificationStatus.ANSWERED) == 1
    assert Rectification.objects.filter(overdue_notified_at__isnull=False).count() == 1
    assert InspectionPlan.objects.count() == 1
    assert PeerReviewPairing.objects.count() == 1
    assert Appeal.objects.count() == 1
