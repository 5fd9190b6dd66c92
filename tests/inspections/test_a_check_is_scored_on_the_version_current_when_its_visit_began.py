"""A check is scored on the checklist version current when its visit began: a check kept on
a phone since before a new version keeps its version; one begun after may not name an older
one (issue 21: an item made a red line in version 2 was not one when a check named
version 1)."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from inspections.checks.services.checklist import checklist_new_version
from inspections.checks.services.inspection import inspection_record
from inspections.models import Checklist, Inspection

from .factories_checks import all_met, record_kwargs, station

pytestmark = pytest.mark.django_db


def _version_2_made_wifi_a_red_line(world, published_at):
    v1 = Checklist.objects.get(version=1)
    items = [
        {
            "code": i.code,
            "group": i.group,
            "label": i.label,
            "weight": i.weight,
            "red_line": i.red_line or i.code == "wifi",
        }
        for i in v1.items.all()
    ]
    v2 = checklist_new_version(by=world.aid, items=items, note="免费wifi列为红线")
    Checklist.objects.filter(pk=v2.pk).update(created_at=published_at)
    return v1, Checklist.objects.get(pk=v2.pk)


def test_a_visit_begun_after_version_2_may_not_name_version_1(world):
    published = timezone.now() - dt.timedelta(hours=2)
    v1, _v2 = _version_2_made_wifi_a_red_line(world, published)
    at = station(world.union_a)
    with pytest.raises(ValidationError) as refused:
        inspection_record(
            **record_kwargs(
                at,
                world.inspector,
                visited_at=published + dt.timedelta(hours=1),
                findings=all_met(v1, failing=("wifi",)),
                checklist=v1,
            )
        )
    message = " ".join(refused.value.messages)
    assert "第2版检查表已启用" in message and "第1版" in message
    assert not Inspection.objects.exists()


def test_a_check_kept_offline_since_before_version_2_keeps_version_1(world):
    published = timezone.now() - dt.timedelta(hours=2)
    v1, _v2 = _version_2_made_wifi_a_red_line(world, published)
    at = station(world.union_a)
    check, created = inspection_record(
        **record_kwargs(
            at,
            world.inspector,
            visited_at=published - dt.timedelta(hours=1),
            findings=all_met(v1, failing=("wifi",)),
            checklist=v1,
        )
    )
    # Scored as version 1 scored it: wifi weighs 1 and is no red line there.
    assert created and check.checklist == v1
    assert check.score == 99 and not check.red_line


def test_a_visit_after_version_2_on_version_2_finds_the_new_red_line(world):
    published = timezone.now() - dt.timedelta(hours=2)
    _v1, v2 = _version_2_made_wifi_a_red_line(world, published)
    at = station(world.union_a)
    check, _ = inspection_record(
        **record_kwargs(at, world.inspector, findings=all_met(v2, failing=("wifi",)))
    )
    assert check.checklist == v2 and check.red_line


def test_the_phone_is_told_why_in_chinese(world):
    published = timezone.now() - dt.timedelta(hours=2)
    v1, _v2 = _version_2_made_wifi_a_red_line(world, published)
    at = station(world.union_a)
    client = Client()
    client.force_login(world.inspector)
    data = {
        "kind": "flying",
        "station": at.pk,
        "idempotency_key": str(uuid.uuid4()),
        "visited_at": (published + dt.timedelta(minutes=30)).isoformat(),
        "checklist_version": "1",
    }
    data.update({f"item_{item.code}": "met" for item in v1.items.all()})
    response = client.post("/staff/inspections/checks/send/", data)
    assert response.status_code == 400
    assert "第2版检查表已启用" in str(response.json()["errors"])
