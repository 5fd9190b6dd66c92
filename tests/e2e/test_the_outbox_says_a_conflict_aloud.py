"""A check waiting on the phone whose key the server already holds for another check: the
outbox says so in Chinese, naming both, and keeps the copy. A check another inspector saved
on the same phone is shown as theirs and not sent by this one."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inspections.checks.services.inspection import inspection_record
from inspections.models import Checklist, Inspection
from tests.inspections.factories_checks import record_kwargs, station

pytestmark = pytest.mark.e2e

SAVE = "async (record) => await window.RelayOutbox.save(record)"


def _record(at, key) -> dict:
    fields = {
        "kind": "flying",
        "station": str(at.pk),
        "idempotency_key": str(key),
        "visited_at": timezone.now().isoformat(),
        "checklist_version": str(Checklist.objects.current().version),
    }
    for item in Checklist.objects.current().items.all():
        fields[f"item_{item.code}"] = "met"
    return {"key": str(key), "fields": fields, "photos": [], "label": at.name,
            "savedAt": timezone.now().isoformat()}  # fmt: skip


def test_a_conflicting_check_is_shown_and_kept(page, login, world):
    first, other = station(world.union_a), station(world.union_a)
    first.name, other.name = "南京东路站", "外滩站"
    first.save()
    other.save()
    key = uuid.uuid4()
    inspection_record(**record_kwargs(first, world.inspector, idempotency_key=key))
    login(page, world.inspector)
    page.goto("/staff/inspections/today/")
    page.evaluate(SAVE, _record(other, key))

    page.locator("[data-outbox-send]").click()

    conflict = page.get_by_test_id("outbox-conflict")
    expect(conflict).to_contain_text("冲突，未保存")
    expect(conflict).to_contain_text("南京东路站")
    expect(conflict).to_contain_text("外滩站")
    expect(page.get_by_test_id("outbox-count")).to_have_text("1")
    page.reload()  # kept on the phone, not sent again by itself
    expect(page.get_by_test_id("outbox-conflict")).to_contain_text("外滩站")
    assert Inspection.objects.count() == 1


def test_another_inspectors_check_is_theirs_to_send(page, login, world):
    at = station(world.union_a)
    login(page, world.inspector)
    page.goto("/staff/inspections/today/")
    record = {**_record(at, uuid.uuid4()), "user": "inspector_own"}
    # As the other inspector's login left it (save() would mark it as this account's).
    page.evaluate(
        """async (record) => await new Promise((resolve) => {
            const open = indexedDB.open("relay-inspections");
            open.onsuccess = () => {
                const db = open.result;
                const t = db.transaction("outbox", "readwrite");
                t.objectStore("outbox").put(record);
                t.oncomplete = () => { db.close(); resolve(true); };
            };
        })""",
        record,
    )
    page.reload()

    page.locator("[data-outbox-send]").click()

    expect(page.get_by_test_id("outbox-item")).to_contain_text("由其他账号保存")
    page.wait_for_timeout(500)
    assert Inspection.objects.count() == 0
