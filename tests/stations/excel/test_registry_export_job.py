"""The registry export as a background job: asked for by POST, watched, made once, scoped."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from documents.models import GeneratedDocument
from stations.documents.codes import Kind
from stations.excel import registry
from stations.models import Station, StationStatus
from tests.factories import StationFactory

State = GeneratedDocument.State
ASK = reverse("stations:registry_export_request")


def _ask(client, user, filters=None, *, capture, execute=True):
    client.force_login(user)
    with capture(execute=execute) as callbacks:
        response = client.post(ASK, filters or {})
    assert response.status_code == 302
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    return GeneratedDocument.objects.get(pk=pk), callbacks


@pytest.fixture
def ask(client, tasks_in_process, django_capture_on_commit_callbacks):
    def run(user, filters=None, execute=True):
        return _ask(
            client, user, filters, capture=django_capture_on_commit_callbacks, execute=execute
        )

    return run


def test_asking_sends_the_user_to_the_exports_page(client, ask, world):
    document, _ = ask(world.aid)
    response = client.get(reverse("stations:registry_export_detail", kwargs={"pk": document.pk}))
    assert response.status_code == 200
    assert reverse("documents:download", kwargs={"pk": document.pk}) in response.text


def test_progress_reaches_the_number_of_stations(ask, world):
    StationFactory.create_batch(4, filing=world.filing_a)
    document, _ = ask(world.aid)
    document.refresh_from_db()
    assert document.state == State.READY
    assert document.progress_done == document.progress_total == Station.objects.count() == 5


def test_progress_is_told_every_so_many_rows_and_at_the_end(world, monkeypatch):
    monkeypatch.setattr(registry, "PROGRESS_EVERY", 2)
    StationFactory.create_batch(4, filing=world.filing_a)
    calls = []
    written = registry.registry_write(
        Station.objects.order_by("id"), io.BytesIO(), progress=lambda d, t: calls.append((d, t))
    )
    assert written == 5
    assert calls == [(0, 5), (2, 5), (4, 5), (5, 5)]


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
    assert "access" in document.error.lower() or "权限" in document.error


def test_the_job_writes_nothing_for_a_disabled_account(ask, world):
    document, callbacks = ask(world.inspector, execute=False)
    world.inspector.is_active = False
    world.inspector.save()
    for callback in callbacks:
        callback()
    document.refresh_from_db()
    assert document.state == State.FAILED
    assert not document.file


def test_asking_twice_in_the_same_minute_is_one_job(ask, world, monkeypatch):
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    first, _ = ask(world.aid, {"status": "draft"})
    again, _ = ask(world.aid, {"status": "draft"})
    assert again.pk == first.pk
    assert GeneratedDocument.objects.filter(kind=Kind.REGISTRY_EXPORT).count() == 1


def test_other_filters_are_another_export(ask, world):
    first, _ = ask(world.aid, {"status": "draft"})
    other, _ = ask(world.aid, {"status": "active"})
    assert other.pk != first.pk
    assert other.payload["filters"] == {"status": "active"}


def test_a_colleague_asking_the_same_gets_an_export_of_their_own(ask, world):
    from tests.factories import make_user
    from unions.models import Role

    colleague = make_user("clerk_a2", Role.UNION_STAFF, union=world.union_a)
    mine, _ = ask(world.user_a)
    theirs, _ = ask(colleague)
    assert mine.pk != theirs.pk
    assert theirs.requested_by == colleague


def test_unknown_parameters_are_not_kept(ask, world):
    document, _ = ask(world.aid, {"status": "active", "page": "3", "evil": "x", "q": "  "})
    assert document.payload["filters"] == {"status": "active"}


def test_asking_is_post_only(client, world):
    client.force_login(world.aid)
    assert client.get(ASK).status_code == 405


def test_the_old_address_goes_back_to_the_registry_and_starts_nothing(client, world):
    client.force_login(world.aid)
    response = client.get(reverse("stations:registry_export") + "?status=active&page=2")
    assert response.status_code == 302
    assert response["Location"] == reverse("stations:registry") + "?status=active"
    assert not GeneratedDocument.objects.exists()


def test_the_registry_button_posts_the_lists_filters(client, world):
    client.force_login(world.aid)
    response = client.get(reverse("stations:registry") + "?status=active&district=黄浦区&page=2")
    body = response.text
    assert f'action="{ASK}"' in body
    assert '<input type="hidden" name="status" value="active">' in body
    assert '<input type="hidden" name="district" value="黄浦区">' in body
    assert 'name="page"' not in body.split(f'action="{ASK}"', 1)[1].split("</form>", 1)[0]


def test_the_download_is_a_private_attachment_named_as_an_xlsx(client, ask, world):
    document, _ = ask(world.aid)
    response = client.get(reverse("documents:download", kwargs={"pk": document.pk}))
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".xlsx" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _page(client, document):
    return client.get(reverse("stations:registry_export_detail", kwargs={"pk": document.pk}))


def _status(client, document):
    return client.get(reverse("stations:registry_export_status", kwargs={"pk": document.pk}))


def test_a_queued_export_says_so_and_keeps_polling(client, ask, world):
    document, _ = ask(world.aid, execute=False)
    page = _page(client, document)
    assert 'data-export-state="queued"' in page.text
    assert "data-pending" in page.text
    assert "js/documents.js" in page.text
    status = _status(client, document).json()
    assert status["pending"] is True
    assert status["state"] == "queued"


def test_a_running_export_shows_rows_written_out_of_total(client, ask, world):
    document, _ = ask(world.aid, execute=False)
    GeneratedDocument.objects.filter(pk=document.pk).update(
        state=State.RENDERING, progress_done=12000, progress_total=200000
    )
    status = _status(client, document).json()
    assert status["pending"] is True
    assert (status["done"], status["total"]) == (12000, 200000)
    assert 'value="12000" max="200000"' in status["html"]
    # In words too (grouped as the language groups digits: 12,000 in English, 12000 in Chinese).
    assert re.search(r"12,?000\D+200,?000", status["html"])


def test_a_ready_export_offers_its_file_and_stops_polling(client, ask, world):
    document, _ = ask(world.aid)
    status = _status(client, document).json()
    assert status["pending"] is False
    assert reverse("documents:download", kwargs={"pk": document.pk}) in status["html"]
    assert "data-pending" not in status["html"]


def test_a_failed_export_says_why_and_can_be_asked_for_again(client, ask, world):
    StationFactory(filing=world.filing_a, status=StationStatus.ACTIVE)
    document, _ = ask(world.aid, {"status": "active"}, execute=False)
    GeneratedDocument.objects.filter(pk=document.pk).update(state=State.FAILED, error="disk full")
    page = _page(client, document)
    assert "disk full" in page.text
    assert 'data-testid="export-again"' in page.text
    assert '<input type="hidden" name="status" value="active">' in page.text
    assert _status(client, document).json()["pending"] is False


def test_the_page_lists_the_users_earlier_exports_only(client, ask, world):
    earlier, _ = ask(world.aid, {"status": "draft"})
    ask(world.user_a)
    latest, _ = ask(world.aid, {"status": "active"})
    page = _page(client, latest)
    recent = page.text.split('data-testid="export-recent"', 1)[1]
    assert reverse("stations:registry_export_detail", kwargs={"pk": earlier.pk}) in recent
    assert recent.count("<li>") == 1


def test_the_page_says_when_the_export_is_deleted(client, ask, world, settings):
    settings.REGISTRY_EXPORT_KEEP_DAYS = 9
    document, _ = ask(world.aid)
    assert re.search(r"deleted 9 days|9 天删除", _page(client, document).text)
