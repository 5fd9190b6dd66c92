import pytest
from django.core.exceptions import ValidationError

from inspections.checks.services.checklist import checklist_new_version
from inspections.models import Checklist

pytestmark = pytest.mark.django_db


def _items(weights, codes=None):
    codes = codes or [f"item{i}" for i in range(len(weights))]
    return [
        {"code": c, "group": "services", "label": f"项目{c}", "weight": w, "red_line": False}
        for c, w in zip(codes, weights, strict=True)
    ]


def test_a_new_version_is_made_with_the_next_number(world):
    made = checklist_new_version(by=world.aid, items=_items([60, 40]), note="合并")
    assert made.version == 2
    assert Checklist.objects.current() == made
    assert Checklist.objects.get(version=1).items.count() == 27


def test_weights_that_do_not_add_up_to_100_are_refused(world):
    with pytest.raises(ValidationError) as err:
        checklist_new_version(by=world.aid, items=_items([60, 39.5]), note="")
    assert "100" in str(err.value)
    assert Checklist.objects.count() == 1


def test_a_code_used_twice_is_refused(world):
    with pytest.raises(ValidationError):
        checklist_new_version(by=world.aid, items=_items([50, 50], ["a", "a"]), note="")


def test_a_checklist_without_items_is_refused(world):
    with pytest.raises(ValidationError):
        checklist_new_version(by=world.aid, items=[], note="")
