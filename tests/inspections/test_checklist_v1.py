from decimal import Decimal

import pytest

from inspections.checks.models.checklist import TOTAL_WEIGHT
from inspections.models import Checklist

pytestmark = pytest.mark.django_db


def test_the_first_checklist_weighs_exactly_100():
    v1 = Checklist.objects.get(version=1)
    assert sum(i.weight for i in v1.items.all()) == TOTAL_WEIGHT == Decimal(100)


def test_the_first_checklist_has_the_three_red_lines():
    v1 = Checklist.objects.get(version=1)
    assert set(v1.items.filter(red_line=True).values_list("code", flat=True)) == {
        "open_hours",
        "plaque_posted",
        "no_refusal",
    }


def test_the_first_checklist_covers_every_group():
    v1 = Checklist.objects.get(version=1)
    assert set(v1.items.values_list("group", flat=True)) == {
        "six_standards",
        "basic_facilities",
        "extra_facilities",
        "services",
        "hours",
        "posted",
        "attitude",
    }
    assert v1.items.filter(group="basic_facilities").count() == 6
    assert v1.items.filter(group="services").count() == 5
