import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspections.checks.forms import CheckForm
from inspections.checks.services.checklist import checklist_new_version
from inspections.models import Checklist, ChecklistItem

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


def _form_items(client) -> list[str]:
    page = client.get("/staff/inspections/checks/new/").content.decode()
    return re.findall(r'data-item="([^"]+)"', page)


def test_the_form_is_drawn_from_the_kept_checklist_until_a_new_version_is_saved(world, client):
    """The check form's checklist is kept (inspections/checks/caches.py): a second visit does not
    read it again, and the version saved next is on the very next visit."""
    client.force_login(world.inspector)
    first = _form_items(client)
    assert len(first) == 27
    with CaptureQueriesContext(connection) as second:
        assert _form_items(client) == first
    assert not [q for q in second.captured_queries if "inspections_checklist" in q["sql"]]

    checklist_new_version(by=world.aid, items=_items([60, 40], ["fresh1", "fresh2"]), note="")
    assert _form_items(client) == ["fresh1", "fresh2"]
    day = client.get("/staff/inspections/checks/day.json").json()
    assert day["checklist_version"] == 2


def test_a_check_sent_reads_its_checklist_from_the_database(world, client):
    """A posted form reads its checklist from the database, never the kept copy: here the
    copy is stale on purpose (a version written past the service, announcing nothing)."""
    client.force_login(world.inspector)
    _form_items(client)
    written = Checklist.objects.create(version=2, note="")
    ChecklistItem.objects.create(
        checklist=written, position=1, code="direct", group="services", label="项", weight=100
    )
    form = CheckForm(data={}, user=world.inspector)
    assert form.checklist == written
    assert [item.code for item in form.items] == ["direct"]
