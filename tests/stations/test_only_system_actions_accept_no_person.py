import pytest
from django.core.exceptions import PermissionDenied

from stations.models import ACTIONS, StationStatus
from stations.services.lifecycle import (
    station_rectify_end,
    station_rectify_start,
    station_revoke,
)
from tests.inspections.factories_orders import operating_station

pytestmark = pytest.mark.django_db


def test_a_move_made_by_no_person_is_refused_unless_the_action_is_a_system_one(world):
    # Rectification was the last system move (a union's red-line self-check opened an order
    # by rule); since only the supervision team opens orders (issue 21), no move of a
    # station is made without a person behind it.
    assert [name for name, action in ACTIONS.items() if action.system] == []
    station = operating_station(world.union_a, status=StationStatus.RECTIFYING)
    with pytest.raises(PermissionDenied):
        station_revoke(station=station, by=None, reason="x")
    with pytest.raises(PermissionDenied):
        station_rectify_end(station=station, by=None)
    active = operating_station(world.union_a)
    with pytest.raises(PermissionDenied):
        station_rectify_start(station=active, by=None, reason="x")
