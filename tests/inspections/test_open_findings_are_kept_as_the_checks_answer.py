"""The open findings are kept on the checks (``Inspection.finding_open``) and always say what
the question asked of the checks says: a standing red line of a union's own evaluation with
no later standing check of its station that passed every red line (inspections/checks/
findings.py). Kept because asking it of every red line of the city on each visit to a home
took 510 ms at national size; these tests hold the kept answer to the question through every
way the answer moves: a finding recorded, cleared by a later check, a check sent late from
an outbox after the one that clears it, and the clearing check voided on appeal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from inspections.checks.findings import findings_refresh, open_findings
from inspections.checks.services.inspection import inspection_record
from inspections.models import Inspection, InspectionStatus
from inspections.orders.services.appeals import appeal_decide
from tests.assessment.helpers import appeal

from .factories_checks import all_met, record_kwargs, station

pytestmark = pytest.mark.django_db

OWN = {"self_check", "peer_review"}


def _asked() -> set[int]:
    """The question itself, asked in Python of every check."""
    checks = list(Inspection.objects.all())
    return {
        c.pk
        for c in checks
        if c.kind in OWN
        and c.red_line
        and c.status == InspectionStatus.RECORDED
        and not any(
            later.station_id == c.station_id
            and later.visited_at > c.visited_at
            and not later.red_line
            and later.status == InspectionStatus.RECORDED
            for later in checks
        )
    }


def _kept() -> set[int]:
    return set(open_findings(Inspection.objects.all()).values_list("pk", flat=True))


def _record(at, by, when, *, kind="self_check", red_line=False):
    failing = ("open_hours",) if red_line else ()
    check, _ = inspection_record(
        **record_kwargs(at, by, kind=kind, visited_at=when, findings=all_met(failing=failing))
    )
    return check


def test_the_kept_findings_follow_every_move_of_the_answer(world):
    at, elsewhere = station(world.union_a), station(world.union_a)
    now = timezone.now()
    first = _record(at, world.user_a, now - dt.timedelta(days=3), red_line=True)
    other = _record(elsewhere, world.user_a, now - dt.timedelta(days=3), red_line=True)
    assert first.finding_open
    assert _kept() == _asked() == {first.pk, other.pk}

    # An inspector's passing visit clears the station's finding, not the other station's.
    passing = _record(at, world.inspector, now - dt.timedelta(days=1), kind="flying")
    assert _kept() == _asked() == {other.pk}

    # A self-check made before that visit but sent from the outbox after it: already cleared.
    late = _record(at, world.user_a, now - dt.timedelta(days=2), red_line=True)
    assert not late.finding_open
    assert _kept() == _asked() == {other.pk}

    # A red-line flying check is no finding of the union's own, and clears nothing.
    _record(at, world.inspector, now - dt.timedelta(hours=20), kind="flying", red_line=True)
    assert _kept() == _asked() == {other.pk}

    # The passing visit voided on appeal: the findings it had cleared are open again.
    appeal_decide(
        appeal=appeal(passing, by=world.user_a), by=world.aid, upheld=True, decision="当日停电"
    )
    assert _kept() == _asked() == {first.pk, other.pk, late.pk}


def test_a_refresh_of_every_station_agrees_with_the_services(world):
    at = station(world.union_a)
    now = timezone.now()
    _record(at, world.user_a, now - dt.timedelta(days=2), red_line=True)
    _record(at, world.user_a, now - dt.timedelta(days=1))
    _record(at, world.user_a, now - dt.timedelta(hours=1), red_line=True)
    kept = _kept()
    # As a load that went around the services (bench/national.py's COPY) leaves them.
    Inspection.objects.update(finding_open=False)
    findings_refresh(None)
    assert _kept() == kept == _asked()
    assert len(kept) == 1
