"""The order list's CSV is a background job: asked for by POST with the list's filters,
watched on its own page, written through the requester's scope, the requester's alone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import GeneratedDocument
from inspections.models import RectificationStatus
from inspections.orders.export import ORDER_EXPORT

from .orders_export_helpers import csv_rows, download, order

pytestmark = pytest.mark.django_db

State = GeneratedDocument.State
ASK = reverse("inspections:order_export_request")


@pytest.fixture
def ask(client, tasks_in_process, django_capture_on_commit_callbacks):
    def run(user, filters=None, *, execute=True):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=execute) as callbacks:
            response = client.post(ASK, filters or {})
        assert response.status_code == 302
        pk = int(response["Location"].rstrip("/").split("/")[-1])
        return GeneratedDocument.objects.get(pk=pk), callbacks

    return run


def test_the_list_posts_its_filters_to_the_export(client, world):
    client.force_login(world.aid)
    page = client.get(reverse("inspections:order_list"), {"status": "open", "page": "2"}).text
    form = page[page.index(f'action="{ASK}"') :]
    form = form[: form.index("</form>")]
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<input type="hidden" name="status" value="open">' in form
    assert 'name="page"' not in form


def test_asking_is_a_post(client, world):
    client.force_login(world.aid)
    assert client.get(ASK).status_code == 405
    assert not GeneratedDocument.objects.filter(kind=ORDER_EXPORT).exists()


def test_the_old_address_goes_back_to_the_list_with_its_filters(client, world):
    client.force_login(world.user_a)
    response = client.get("/staff/inspections/orders/export.csv?status=open&evil=1")
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:order_list") + "?status=open"
    assert not GeneratedDocument.objects.filter(kind=ORDER_EXPORT).exists()


def test_asking_sends_the_user_to_the_exports_page_with_the_file(client, ask, world):
    order(world.union_a, world.inspector)
    document, _ = ask(world.aid, {"status": "open"})
    document.refresh_from_db()
    assert document.state == State.READY
    assert document.progress_done == document.progress_total == 1
    page = client.get(reverse("inspections:order_export_detail", kwargs={"pk": document.pk}))
    assert page.status_code == 200
    assert reverse("documents:download", kwargs={"pk": document.pk}) in page.text
    assert "<strong>状态:</strong> 待整改" in page.text  # the filter it was asked with
    status = client.get(reverse("inspections:order_export_status", kwargs={"pk": document.pk}))
    assert status.json()["state"] == State.READY
    assert status.json()["pending"] is False


def test_the_file_keeps_the_columns_the_bom_and_chinese_headers(client, ask, world):
    made = order(world.union_a, world.inspector, items=("铭牌缺失", "饮水机损坏"))
    document, _ = ask(world.aid)
    rows = csv_rows(download(client, document))
    assert rows[0] == [
        "整改单号", "站点", "铭牌编号", "所属工会", "所在区", "下达时间", "整改期限", "状态", "整改事项"
    ]  # fmt: skip
    assert rows[1][0] == str(made.pk)
    assert rows[1][2] == made.station.plaque_number
    assert rows[1][8] == "铭牌缺失；饮水机损坏"
    assert document.download_name.endswith(".csv")


def test_a_formula_typed_into_a_name_stays_text(client, ask, world):
    order(world.union_a, world.inspector, name='=HYPERLINK("http://x")', items=("+1+1",))
    document, _ = ask(world.aid)
    row = csv_rows(download(client, document))[1]
    assert row[1].startswith("'=")
    assert row[8].startswith("'+")


def test_overdue_is_counted_from_the_day_it_was_asked(ask, world, client):
    today = timezone.localdate()
    late = order(world.union_a, world.inspector, deadline=today - dt.timedelta(days=1))
    order(world.union_a, world.inspector, deadline=today + dt.timedelta(days=5))
    document, _ = ask(world.aid, {"overdue": "1"})
    assert document.payload["today"] == today.isoformat()
    assert [r[0] for r in csv_rows(download(client, document))[1:]] == [str(late.pk)]


def test_the_job_writes_nothing_if_the_requester_moved_to_another_union(ask, world):
    document, callbacks = ask(world.user_a, execute=False)
    world.user_a.profile.union = world.union_b
    world.user_a.profile.save()
    for callback in callbacks:
        callback()
    document.refresh_from_db()
    assert document.state == State.FAILED
    assert document.attempts == 1  # refused at once: retrying cannot help
    assert not document.file


def test_unknown_and_empty_parameters_are_not_kept(ask, world):
    document, _ = ask(world.aid, {"status": "nonsense", "district": " ", "page": "3", "since": "x"})
    assert document.payload["filters"] == {}
    other, _ = ask(world.aid, {"status": RectificationStatus.CLOSED, "since": "2026-01-01"})
    assert other.payload["filters"] == {"status": "closed", "since": "2026-01-01"}


def test_a_colleague_gets_an_export_of_their_own_and_cannot_read_mine(client, ask, world):
    from tests.factories import make_user
    from unions.models import Role

    colleague = make_user("clerk_a2", Role.UNION_STAFF, union=world.union_a)
    mine, _ = ask(world.user_a)
    theirs, _ = ask(colleague)
    assert mine.pk != theirs.pk
    client.force_login(colleague)
    page = reverse("inspections:order_export_detail", kwargs={"pk": mine.pk})
    assert client.get(page).status_code == 404
    assert client.get(reverse("documents:download", kwargs={"pk": mine.pk})).status_code == 404


def test_exports_past_their_days_are_deleted(ask, world, settings):
    from inspections.orders.export import order_exports_expire

    settings.REGISTRY_EXPORT_KEEP_DAYS = 7
    document, _ = ask(world.aid)
    document.refresh_from_db()
    path = document.file.path
    assert order_exports_expire(now=timezone.now() + dt.timedelta(days=6)) == 0
    assert order_exports_expire(now=timezone.now() + dt.timedelta(days=8)) == 1
    assert not GeneratedDocument.objects.filter(pk=document.pk).exists()
    import os

    assert not os.path.exists(path)


def test_the_exports_page_names_the_station_it_was_narrowed_to(client, ask, world):
    made = order(world.union_a, world.inspector)
    order(world.union_a, world.inspector)  # another station's, left out
    document, _ = ask(world.user_a, {"station": str(made.station.pk)})
    page = client.get(reverse("inspections:order_export_detail", kwargs={"pk": document.pk}))
    station = made.station
    assert f"<strong>站点:</strong> {station.name} {station.plaque_number}" in page.text
    assert [r[0] for r in csv_rows(download(client, document))[1:]] == [str(made.pk)]


def test_another_unions_station_is_named_by_nothing(client, ask, world):
    theirs = order(world.union_b, world.inspector)
    document, _ = ask(world.user_a, {"station": str(theirs.station.pk)})
    page = client.get(reverse("inspections:order_export_detail", kwargs={"pk": document.pk}))
    assert "<strong>站点:</strong> 一个站点" in page.text
    assert theirs.station.name not in page.text
    assert csv_rows(download(client, document))[1:] == []
