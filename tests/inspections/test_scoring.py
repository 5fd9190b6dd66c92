"""Scores worked out by hand on a small checklist."""

from decimal import Decimal

import pytest

from inspections.checks.services.checklist import checklist_new_version
from inspections.checks.services.scoring import inspection_score

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(world):
    return checklist_new_version(
        by=world.aid,
        note="",
        items=[
            {"code": "a", "group": "services", "label": "甲", "weight": "33.33", "red_line": False},
            {"code": "b", "group": "services", "label": "乙", "weight": "33.33", "red_line": False},
            {"code": "c", "group": "hours", "label": "丙", "weight": "33.34", "red_line": True},
        ],
    )


def test_all_met_scores_100(small):
    result = inspection_score(small, {"a": True, "b": True, "c": True})
    assert result.score == Decimal("100.00") and not result.red_line


def test_the_score_is_the_sum_of_the_weights_met(small):
    assert inspection_score(small, {"a": True, "b": False, "c": True}).score == Decimal("66.67")


def test_a_red_line_item_not_met_flags_the_check(small):
    result = inspection_score(small, {"a": True, "b": True, "c": False})
    assert result.score == Decimal("66.66")
    assert result.red_line and result.red_line_failed == ("c",)


def test_an_item_without_a_finding_counts_as_not_met(small):
    result = inspection_score(small, {"a": True})
    assert result.score == Decimal("33.33") and result.red_line


def test_the_first_checklist_without_the_plaque_scores_94_and_fails_a_red_line(world):
    from inspections.models import Checklist

    v1 = Checklist.objects.get(version=1)
    findings = {i.code: i.code != "plaque_posted" for i in v1.items.all()}
    result = inspection_score(v1, findings)
    assert result.score == Decimal("94.00")
    assert result.red_line_failed == ("plaque_posted",)
