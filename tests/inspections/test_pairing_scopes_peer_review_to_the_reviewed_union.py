import pytest
from django.core.exceptions import ValidationError

from inspections.orders.services.pairings import pairing_create
from inspections.permissions import peer_review_stations
from stations.models import StationStatus

from .factories_orders import operating_station

pytestmark = pytest.mark.django_db


def test_the_reviewing_union_gets_exactly_the_reviewed_union_operating_stations(world):
    pairing_create(
        year=2026, quarter=2, reviewer=world.union_b, reviewed=world.union_a, by=world.aid
    )
    active = operating_station(world.union_a)
    rectifying = operating_station(world.union_a, status=StationStatus.RECTIFYING)
    operating_station(world.union_a, status=StationStatus.REVOKED)
    operating_station(world.union_b)
    assert set(peer_review_stations(world.user_b, 2026, 2)) == {active, rectifying}
    assert not peer_review_stations(world.user_b, 2026, 3).exists()
    assert not peer_review_stations(world.user_a, 2026, 2).exists()
    assert not peer_review_stations(world.inspector, 2026, 2).exists()


def test_a_union_is_not_paired_with_itself_nor_twice(world):
    with pytest.raises(ValidationError):
        pairing_create(
            year=2026, quarter=2, reviewer=world.union_a, reviewed=world.union_a, by=world.aid
        )
    pairing_create(
        year=2026, quarter=2, reviewer=world.union_b, reviewed=world.union_a, by=world.aid
    )
    with pytest.raises(ValidationError):
        pairing_create(
            year=2026, quarter=2, reviewer=world.union_b, reviewed=world.union_a, by=world.aid
        )
