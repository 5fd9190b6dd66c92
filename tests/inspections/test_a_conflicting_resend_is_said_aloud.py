"""The same idempotency key with another content answers 409 naming both versions and saves
nothing; the same content again is a repeat (200 with the first check)."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.checks.services.check_fingerprint import CheckConflict
from inspections.checks.services.inspection import inspection_record
from inspections.models import Checklist, Inspection

from .factories_checks import all_met, photo, record_kwargs, station

pytestmark = pytest.mark.django_db
SEND = "inspections:check_send"


def _data(at, key, *, failing=(), note="", **extra) -> dict:
    data = {
        "kind": "flying",
        "station": at.pk,
        "idempotency_key": str(key),
        "visited_at": timezone.now().isoformat(),
        "checklist_version": "1",
        "latitude": "31.231300",
        "longitude": "121.473700",
        "accuracy_m": "12",
        "note": note,
    }
    for item in Checklist.objects.current().items.all():
        data[f"item_{item.code}"] = "not_met" if item.code in failing else "met"
    data.update(extra)
    return data


def test_another_station_under_the_same_key_is_a_409_naming_both(client, world):
    first_station = station(world.union_a)
    first_station.name = "南京东路站"
    first_station.save()
    other = station(world.union_a)
    other.name = "外滩站"
    other.save()
    client.force_login(world.inspector)
    key = uuid.uuid4()

    first = client.post(reverse(SEND), _data(first_station, key))
    clash = client.post(reverse(SEND), _data(other, key, failing=("wifi",)))

    assert first.status_code == 201
    assert clash.status_code == 409
    body = clash.json()
    assert body["conflict"] is True
    assert body["stored"]["station"] == "南京东路站"
    assert body["stored"]["score"] == "100.00"
    assert body["stored"]["url"] == reverse("inspections:check_detail", args=[first.json()["id"]])
    assert body["sent"]["station"] == "外滩站"
    assert body["sent"]["not_met"] == 1
    # Said in Chinese, both versions named.
    assert "南京东路站" in body["message"] and "外滩站" in body["message"]
    assert "已" in body["message"]
    assert Inspection.objects.count() == 1
    assert Inspection.objects.get().station_id == first_station.pk


@pytest.mark.parametrize(
    "change",
    [
        {"failing": ("wifi",)},
        {"note": "门口无标识"},
        {"latitude": "31.300000"},
    ],
    ids=["other answers", "another note", "another position"],
)
def test_other_content_under_the_same_key_is_a_409(client, world, change):
    at = station(world.union_a)
    client.force_login(world.inspector)
    key = uuid.uuid4()
    assert client.post(reverse(SEND), _data(at, key)).status_code == 201

    answer = client.post(reverse(SEND), _data(at, key, **change))

    assert answer.status_code == 409
    assert Inspection.objects.count() == 1


def test_the_same_content_again_is_a_repeat_even_sent_later(client, world):
    at = station(world.union_a)
    client.force_login(world.inspector)
    key = uuid.uuid4()
    data = _data(at, key, note="饮水机无水")
    first = client.post(reverse(SEND), {**data, "photos": photo()})
    # The same check, its time given again a little later (a form without one takes now).
    again = client.post(
        reverse(SEND), {**data, "visited_at": timezone.now().isoformat(), "photos": photo()}
    )

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]


def test_other_photos_under_the_same_key_are_a_409(client, world):
    at = station(world.union_a)
    client.force_login(world.inspector)
    key = uuid.uuid4()
    data = _data(at, key)
    assert client.post(reverse(SEND), {**data, "photos": photo()}).status_code == 201

    answer = client.post(reverse(SEND), {**data, "photos": photo(fmt="PNG", name="p.png",
                                                                  content_type="image/png")})  # fmt: skip

    assert answer.status_code == 409


def test_the_form_without_javascript_shows_the_conflict(client, world):
    at, other = station(world.union_a), station(world.union_a)
    client.force_login(world.inspector)
    key = uuid.uuid4()
    assert client.post(reverse("inspections:check_new"), _data(at, key)).status_code == 302

    page = client.post(reverse("inspections:check_new"), _data(other, key))

    assert page.status_code == 409
    assert other.name in page.content.decode()
    assert Inspection.objects.count() == 1


def test_the_service_raises_a_conflict_with_both_versions(world):
    at, other = station(world.union_a), station(world.union_a)
    key = uuid.uuid4()
    first, _ = inspection_record(**record_kwargs(at, world.inspector, idempotency_key=key))

    with pytest.raises(CheckConflict) as caught:
        inspection_record(
            **record_kwargs(
                other, world.inspector, idempotency_key=key, findings=all_met(failing=("wifi",))
            )
        )

    assert caught.value.existing.pk == first.pk
    assert caught.value.sent["station"] == other.name


def test_a_check_recorded_before_fingerprints_were_kept_answers_a_repeat(world):
    at, other = station(world.union_a), station(world.union_a)
    key = uuid.uuid4()
    first, _ = inspection_record(**record_kwargs(at, world.inspector, idempotency_key=key))
    Inspection.objects.filter(pk=first.pk).update(body_hash="")

    again, created = inspection_record(**record_kwargs(other, world.inspector, idempotency_key=key))

    assert not created and again.pk == first.pk


def test_a_check_saved_by_another_account_is_refused(client, world):
    at = station(world.union_a)
    client.force_login(world.inspector)

    answer = client.post(reverse(SEND), _data(at, uuid.uuid4(), owner="inspector_own"))

    assert answer.status_code == 400
    assert Inspection.objects.count() == 0
    mine = client.post(reverse(SEND), _data(at, uuid.uuid4(), owner=world.inspector.username))
    assert mine.status_code == 201
