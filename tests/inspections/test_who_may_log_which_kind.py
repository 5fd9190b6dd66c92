import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from inspections.checks.services.inspection import inspection_record
from inspections.models import Inspection, PeerReviewPairing
from inspections.permissions import quarter_of
from stations.models import StationStatus

from .factories_checks import record_kwargs, station

pytestmark = pytest.mark.django_db


def test_a_district_inspector_of_another_district_is_refused(world):
    at = station(world.union_a)
    with pytest.raises(PermissionDenied):
        inspection_record(**record_kwargs(at, world.inspector_other))
    assert not Inspection.objects.exists()


def test_a_district_inspector_checks_a_station_of_their_district(world):
    at = station(world.union_a)
    check, created = inspection_record(**record_kwargs(at, world.inspector_own))
    assert created and check.district == at.district


def test_no_inspector_checks_a_draft_station(world):
    with pytest.raises(PermissionDenied):
        inspection_record(**record_kwargs(world.station_a, world.inspector))


def test_union_b_cannot_self_check_union_a_station(world):
    at = station(world.union_a)
    with pytest.raises(PermissionDenied):
        inspection_record(**record_kwargs(at, world.user_b, kind="self_check"))


def test_a_union_self_checks_its_own_operating_station(world):
    at = station(world.union_a)
    check, _ = inspection_record(**record_kwargs(at, world.user_a, kind="self_check"))
    assert check.kind == "self_check"


def test_union_staff_may_not_log_a_flying_inspection(world):
    at = station(world.union_a)
    with pytest.raises(PermissionDenied):
        inspection_record(**record_kwargs(at, world.user_a, kind="flying"))


def test_an_inspector_may_not_log_a_self_check(world):
    at = station(world.union_a)
    with pytest.raises(PermissionDenied):
        inspection_record(**record_kwargs(at, world.inspector, kind="self_check"))


def test_a_peer_review_needs_the_pairing_of_the_visits_quarter(world):
    at = station(world.union_a)
    now = timezone.now()
    with pytest.raises(PermissionDenied):
        inspection_record(**record_kwargs(at, world.user_b, kind="peer_review"))
    year, quarter = quarter_of(timezone.localdate())
    pairing = PeerReviewPairing.objects.create(
        year=year,
        quarter=quarter,
        reviewer=world.union_b,
        union=world.union_a,
        created_by=world.aid,
    )
    check, _ = inspection_record(**record_kwargs(at, world.user_b, kind="peer_review"))
    assert check.peer_pairing == pairing
    # A visit in the quarter before is not under this quarter's pairing.
    earlier = now - dt.timedelta(days=100)
    with pytest.raises(PermissionDenied):
        inspection_record(**record_kwargs(at, world.user_b, kind="peer_review", visited_at=earlier))


def test_a_peer_review_covers_only_the_paired_unions_stations(world):
    from unions.models import Union

    other = Union.objects.exclude(pk__in=[world.union_a.pk, world.union_b.pk]).first()
    year, quarter = quarter_of(timezone.localdate())
    PeerReviewPairing.objects.create(
        year=year, quarter=quarter, reviewer=world.union_b, union=other, created_by=world.aid
    )
    with pytest.raises(PermissionDenied):
        inspection_record(**record_kwargs(station(world.union_a), world.user_b, kind="peer_review"))


def test_a_self_check_needs_an_operating_station(world):
    at = station(world.union_a, status=StationStatus.APPROVED)
    with pytest.raises(ValidationError):
        inspection_record(**record_kwargs(at, world.user_a, kind="self_check"))
