"""The check form, its queue endpoint and the reading pages, through the test client."""

import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import Checklist, Inspection, InspectionPlan, PlanVisit
from inspections.permissions import quarter_of

from .factories_checks import image_bytes, photo, station

pytestmark = pytest.mark.django_db


def _post_data(at, *, kind="flying", failing=(), key=None, **extra):
    data = {
        "kind": kind,
        "station": at.pk,
        "idempotency_key": str(key or uuid.uuid4()),
        "visited_at": timezone.now().isoformat(),
        "checklist_version": "1",
        "latitude": "31.231300",
        "longitude": "121.473700",
        "accuracy_m": "12",
    }
    for item in Checklist.objects.current().items.all():
        data[f"item_{item.code}"] = "not_met" if item.code in failing else "met"
    data.update(extra)
    return data


def test_the_form_without_javascript_saves_and_shows_the_computed_score(client, world):
    at = station(world.union_a)
    client.force_login(world.inspector)
    response = client.post(
        reverse("inspections:check_new"), _post_data(at, failing=("wifi",), score="100")
    )
    check = Inspection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:check_detail", args=[check.pk])
    page = client.get(response["Location"]).content.decode()
    assert "99.00" in page  # computed; the "score" the post tried to give is ignored


def test_the_queue_endpoint_records_once_and_answers_the_repeat_with_the_same_check(client, world):
    at = station(world.union_a)
    client.force_login(world.inspector)
    data = _post_data(at, key=uuid.uuid4())
    first = client.post(reverse("inspections:check_send"), {**data, "photos": photo()})
    again = client.post(reverse("inspections:check_send"), {**data, "photos": photo()})
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["score"] == "100.00"
    assert Inspection.objects.count() == 1
    assert Inspection.objects.get().photos.count() == 1


def test_a_refused_check_comes_back_with_its_errors_in_chinese(client, world):
    at = station(world.union_a)
    client.force_login(world.inspector)
    data = _post_data(at)
    del data["item_wifi"]
    response = client.post(reverse("inspections:check_send"), data)
    assert response.status_code == 400
    assert response.json()["errors"]["item_wifi"] == ["请选择“达标”或“不达标”。"]
    assert not Inspection.objects.exists()


def test_a_photo_that_lies_about_its_type_is_refused_by_the_endpoint(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    at = station(world.union_a)
    client.force_login(world.inspector)
    liar = SimpleUploadedFile("p.jpg", image_bytes("PNG"), "image/jpeg")
    response = client.post(reverse("inspections:check_send"), {**_post_data(at), "photos": liar})
    assert response.status_code == 400
    assert "photos" in response.json()["errors"]
    assert not Inspection.objects.exists()


def test_an_inspector_of_another_district_is_refused_with_a_reason(client, world):
    at = station(world.union_a)
    client.force_login(world.inspector_other)
    response = client.post(reverse("inspections:check_send"), _post_data(at))
    assert response.status_code == 400
    assert "station" in response.json()["errors"]


def test_union_staff_see_only_self_check_and_peer_review_on_the_form(client, world):
    station(world.union_a)
    client.force_login(world.user_a)
    page = client.get(reverse("inspections:check_new")).content.decode()
    assert 'value="self_check"' in page and 'value="peer_review"' in page
    assert 'value="flying"' not in page


def _plan_for(world, at):
    year, quarter = quarter_of(timezone.localdate())
    plan = InspectionPlan.objects.create(year=year, quarter=quarter, seed="t")
    return PlanVisit.objects.create(
        plan=plan, station=at, union=at.union, district=at.district, inspector=world.inspector
    )


def test_today_lists_the_planned_visits_not_yet_made(client, world):
    at = station(world.union_a)
    visit = _plan_for(world, at)
    client.force_login(world.inspector)
    assert at.name in client.get(reverse("inspections:today")).content.decode()
    client.post(reverse("inspections:check_send"), _post_data(at))
    assert Inspection.objects.get().plan_visit == visit
    assert at.name not in client.get(reverse("inspections:today")).content.decode()


def test_the_days_data_names_the_planned_stations_and_a_token(client, world):
    at = station(world.union_a)
    _plan_for(world, at)
    client.force_login(world.inspector)
    day = client.get(reverse("inspections:check_day")).json()
    assert day["planned"] == [{"station": at.pk, "name": at.name}]
    assert day["checklist_version"] == 1 and day["csrf_token"]
    assert any(s["id"] == at.pk and s["planned"] for s in day["stations"])


def test_union_staff_never_see_that_a_check_was_planned(client, world):
    at = station(world.union_a)
    _plan_for(world, at)
    client.force_login(world.inspector)
    pk = client.post(reverse("inspections:check_send"), _post_data(at)).json()["id"]
    client.force_login(world.user_a)
    page = client.get(reverse("inspections:check_detail", args=[pk])).content.decode()
    assert "计划" not in page
    client.force_login(world.aid)
    assert "计划" in client.get(reverse("inspections:check_detail", args=[pk])).content.decode()


def test_the_service_worker_covers_the_inspection_pages(client):
    response = client.get(reverse("inspections:service_worker"))
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/staff/inspections/"
    config = json.loads(
        response.content.decode().split("\n", 1)[0][len("self.RELAY_OFFLINE = ") : -1]
    )
    assert reverse("inspections:check_new") in config["pages"]
    assert "/static/js/inspection_form.js" in config["assets"]


def test_the_list_filters_by_kind(client, world):
    at = station(world.union_a)
    client.force_login(world.user_a)
    client.post(reverse("inspections:check_send"), _post_data(at, kind="self_check"))
    client.force_login(world.inspector)
    client.post(reverse("inspections:check_send"), _post_data(at))
    response = client.get(reverse("inspections:check_list"), {"kind": "self_check"})
    assert response.context["page"].paginator.count == 1


def test_a_check_under_appeal_says_so_on_the_list_and_the_page(client, world):
    from inspections.models import Appeal

    at = station(world.union_a)
    client.force_login(world.inspector)
    pk = client.post(reverse("inspections:check_send"), _post_data(at)).json()["id"]
    Appeal.objects.create(
        inspection_id=pk,
        union=world.union_a,
        district=at.district,
        reason="门开着",
        by=world.user_a,
    )
    client.force_login(world.user_a)
    assert "申诉中" in client.get(reverse("inspections:check_list")).content.decode()
    detail = client.get(reverse("inspections:check_detail", args=[pk])).content.decode()
    assert 'data-testid="under-appeal"' in detail
