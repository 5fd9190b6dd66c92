"""The quarterly assessment's services (ASSESSMENT_ACTIONS): the aid center computes and
publishes; the programme itself computes too (by=None: the beat job, the command), which no
role's call stands for. Administrators are refused, as on the staff pages (@access of
inspections/assessment/views.py: the aid center only)."""

from __future__ import annotations

from inspections.assessment.services.assessment import assessment_run
from inspections.assessment.services.publication import assessment_publish
from tests.assessment.helpers import check, operating_station

from . import ServiceCase

AID = frozenset({"aid_center"})


def _finished_quarter(w):
    """2025 Q1 with one check of union A's station, long past its appeal window: a draft
    the aid center may publish (computed by the programme, not by the caller)."""
    check(operating_station(w.union_a), 88, by=w.inspector)
    return assessment_run(year=2025, quarter=1, by=None)


def _run(w, user):
    check(operating_station(w.union_a), 88, by=w.inspector)
    return assessment_run(year=2025, quarter=1, by=user)


def _publish(w, user):
    return assessment_publish(assessment=_finished_quarter(w), by=user, reports=False)


def _correct(w, user):
    first = _finished_quarter(w)
    assessment_publish(assessment=first, by=w.aid, reports=False)
    second = assessment_run(year=2025, quarter=1, by=None)
    return assessment_publish(
        assessment=second, by=user, note="补录一次飞行检查后重新计算。", reports=False
    )


CASES = [
    ServiceCase(assessment_run, AID, _run),
    ServiceCase(assessment_publish, AID, _publish, label="first publication"),
    ServiceCase(assessment_publish, AID, _correct, label="correction"),
]
