"""Records the service cases act on, all of union A, made directly (not through the services
under test) so that each case calls exactly one door."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from inspections.models import Appeal, Checklist, Inspection, InspectionKind, Rectification
from stations.models import (
    Acceptance,
    Audience,
    Feedback,
    FeedbackStatus,
    FeedbackTicket,
    Pledge,
    Station,
    StationStatus,
)
from stations.services.review import ALL_SIX
from tests.factories import FilingFormFactory, OperatingStationFactory, StationFactory

_plaques = itertools.count(600)

# The roles by name (keys of World.users()), for the cases' ``allowed`` sets.
UNION_A = frozenset({"union_a"})
AID = frozenset({"aid_center"})
AID_OR_ADMIN = frozenset({"aid_center", "admin"})
UNION_A_OR_AID = frozenset({"union_a", "aid_center"})
# Inspectors whose scope covers union A's stations (the city's, and 黄浦区's), and the aid
# center: the supervision team at union A's stations. The other district's inspector is not.
TEAM_AT_A = frozenset({"inspector", "inspector_own", "aid_center"})
INSPECTORS_AT_A = frozenset({"inspector", "inspector_own"})


def station(world, status=StationStatus.ACTIVE, **fields) -> Station:
    """A station of union A with a plaque, in its union's district."""
    seq = next(_plaques)
    made = OperatingStationFactory(
        filing=FilingFormFactory(union=world.union_a),
        host_unit=world.host_a,
        status=status,
        plaque_seq=seq,
        **fields,
    )
    if status in (StationStatus.ACTIVE, StationStatus.RECTIFYING, StationStatus.APPROVED):
        Pledge.objects.create(
            station=made,
            union_id=made.union_id,
            pledging_unit=world.host_a.name,
            service_hours=made.opening_hours_text,
            head_name=made.head_name,
            due_by=timezone.localdate() + dt.timedelta(days=30),
        )
    return made


def draft(world, status=StationStatus.DRAFT) -> Station:
    return StationFactory(filing=world.filing_a, host_unit=world.host_a, status=status)


def accepted(world) -> Station:
    """A submitted station whose acceptance met all six standards."""
    made = draft(world, StationStatus.SUBMITTED)
    Acceptance.objects.create(
        station=made,
        union_id=made.union_id,
        by=world.aid,
        checked_on=timezone.localdate(),
        **ALL_SIX,
    )
    return made


def sanitation(world) -> Station:
    return station(world, audience=Audience.SANITATION)


def check(world, at=None, *, kind=InspectionKind.FLYING, by=None, red_line=False, minutes=-60):
    at = at or station(world)
    return Inspection.objects.create(
        station=at,
        union_id=at.union_id,
        district=at.district,
        kind=kind,
        checklist=Checklist.objects.current(),
        by=by or world.inspector,
        visited_at=timezone.now() + dt.timedelta(minutes=minutes),
        score=Decimal("80.00") if not red_line else Decimal("50.00"),
        red_line=red_line,
    )


def order(world, *, overdue=False) -> Rectification:
    """An open order on a rectifying station of union A, opened an hour ago."""
    at = station(world, StationStatus.RECTIFYING)
    made = Rectification.objects.create(
        station=at,
        union_id=at.union_id,
        district=at.district,
        opened_by=world.inspector,
        deadline=timezone.localdate() + dt.timedelta(days=-1 if overdue else 15),
    )
    Rectification.objects.filter(pk=made.pk).update(
        opened_at=timezone.now() - dt.timedelta(hours=1)
    )
    made.refresh_from_db()
    made.items.create(text="铭牌缺失")
    return made


def appeal(world) -> Appeal:
    contested = check(world)
    return Appeal.objects.create(
        inspection=contested,
        union_id=contested.union_id,
        district=contested.district,
        reason="当日正常开放",
        by=world.user_a,
    )


def feedback(world, *, serious=False, hidden=False, held=False) -> Feedback:
    at = station(world)
    made = Feedback.objects.create(
        station=at,
        union_id=at.union_id,
        rating=2,
        problems=["refused"] if serious else [],
        serious=serious,
        status=FeedbackStatus.HIDDEN
        if hidden
        else (FeedbackStatus.HELD if held else FeedbackStatus.VISIBLE),
    )
    return made


def ticket(world) -> FeedbackTicket:
    complaint = feedback(world, serious=True)
    return FeedbackTicket.objects.create(
        feedback=complaint, station=complaint.station, union_id=complaint.union_id
    )
