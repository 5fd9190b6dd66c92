"""All pledges and plaques of a filing as one zip, made from (and reusing) the single PDFs."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from documents.models import GeneratedDocument
from stations.documents.codes import Kind
from stations.models import StationStatus

from .helpers import numbered_station, pdf_text

State = GeneratedDocument.State


@pytest.fixture
def numbered(world):
    return [
        numbered_station(world.filing_a, world.host_a, n, status=status)
        for n, status in (
            (1, StationStatus.APPROVED),
            (2, StationStatus.ACTIVE),
            (3, StationStatus.RECTIFYING),
        )
    ]


def _zip(client, filing) -> zipfile.ZipFile:
    response = client.get(reverse("stations:filing_batch_zip", args=[filing.pk]))
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_zip_holds_a_pledge_and_a_plaque_per_numbered_station(
    client, world, numbered, django_capture_on_commit_callbacks
):
    numbered_station(world.filing_a, world.host_a, 4, status=StationStatus.REVOKED)
    client.force_login(world.user_a)
    url = reverse("stations:filing_batch_zip", args=[world.filing_a.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, HTTP_ACCEPT="application/json").status_code == 202
    archive = _zip(client, world.filing_a)
    assert sorted(archive.namelist()) == [
        "plaques/SH00001.pdf",
        "plaques/SH00002.pdf",
        "plaques/SH00003.pdf",
        "pledges/SH00001.pdf",
        "pledges/SH00002.pdf",
        "pledges/SH00003.pdf",
    ]
    assert "站点编号：SH00002" in pdf_text(archive.read("pledges/SH00002.pdf"))
    assert "编号：SH00003" in pdf_text(archive.read("plaques/SH00003.pdf"))


def test_the_zip_reuses_pledges_already_made(make, world, numbered):
    pledge = make(Kind.PLEDGE, numbered[0])
    batch = make(Kind.BATCH_ZIP, world.filing_a)
    assert batch.state == State.READY
    pledge.refresh_from_db()
    assert pledge.attempts == 1  # not drawn again
    members = GeneratedDocument.objects.exclude(kind=Kind.BATCH_ZIP)
    assert members.count() == 6
    assert set(members.values_list("state", flat=True)) == {State.READY}


def test_asking_for_the_zip_twice_makes_it_once(make, world, numbered):
    first = make(Kind.BATCH_ZIP, world.filing_a)
    second = make(Kind.BATCH_ZIP, world.filing_a)
    assert first.pk == second.pk and second.attempts == 1


def test_the_zip_is_byte_identical_for_the_same_members(make, world, numbered):
    first = make(Kind.BATCH_ZIP, world.filing_a)
    data = first.file.read()
    GeneratedDocument.objects.filter(pk=first.pk).update(state=State.QUEUED)
    from documents.worker import document_render

    again = document_render(document_id=first.pk)
    assert again.file.read() == data


def test_a_filing_without_numbered_stations_has_no_zip(client, world):
    client.force_login(world.aid)
    url = reverse("stations:filing_batch_zip", args=[world.filing_a.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 400


def test_the_zip_is_404_until_it_is_made(client, world, numbered):
    client.force_login(world.aid)
    assert (
        client.get(reverse("stations:filing_batch_zip", args=[world.filing_a.pk])).status_code
        == 404
    )


def test_another_union_cannot_get_the_zip(make, client, world, numbered):
    make(Kind.BATCH_ZIP, world.filing_a)
    client.force_login(world.user_b)
    url = reverse("stations:filing_batch_zip", args=[world.filing_a.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_a_failed_member_fails_the_zip_and_a_retry_makes_both(make, world, numbered, monkeypatch):
    from documents import worker

    real = worker.render_pdf
    monkeypatch.setattr(worker, "render_pdf", lambda kind, payload: 1 / 0)
    batch = make(Kind.BATCH_ZIP, world.filing_a)
    assert batch.state == State.FAILED
    assert "members failed" in batch.error
    monkeypatch.setattr(worker, "render_pdf", real)
    again = make(Kind.BATCH_ZIP, world.filing_a)
    assert again.pk == batch.pk and again.state == State.READY
    assert not GeneratedDocument.objects.filter(state=State.FAILED).exists()


def test_a_zip_waiting_for_members_made_elsewhere_goes_back_to_the_queue(
    world, numbered, monkeypatch
):
    from celery.exceptions import Retry
    from django.utils import timezone

    from documents import services, worker
    from documents.tasks import render_document

    monkeypatch.setattr(worker, "BATCH_WAIT_SECONDS", 0)
    batch = services.document_request(kind=Kind.BATCH_ZIP, record=world.filing_a, by=world.aid)
    held = GeneratedDocument.objects.get(kind=Kind.PLAQUE, title="SH00002")
    GeneratedDocument.objects.filter(pk=held.pk).update(
        state=State.RENDERING, task_id="another-worker", started_at=timezone.now()
    )
    with pytest.raises(worker.DocumentPending):
        worker.document_render(document_id=batch.pk, task_id="zip-task")
    batch.refresh_from_db()
    assert (batch.state, batch.attempts) == (State.QUEUED, 0)
    # Everything nobody else held was made meanwhile.
    others = GeneratedDocument.objects.exclude(pk__in=[batch.pk, held.pk])
    assert set(others.values_list("state", flat=True)) == {State.READY}
    # The task gives its worker back and asks to come back later.
    with pytest.raises(Retry):
        render_document.apply(args=[batch.pk], throw=True)


def test_a_long_batch_renews_its_claim_so_it_is_not_taken_for_dead(world, numbered, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    from documents import services, worker

    monkeypatch.setattr(worker, "HEARTBEAT_SECONDS", -1)  # renew after every member
    batch = services.document_request(kind=Kind.BATCH_ZIP, record=world.filing_a, by=world.aid)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    beats = []
    real = worker._heartbeat

    def heartbeat(document_id, task_id):
        GeneratedDocument.objects.filter(pk=document_id).update(started_at=long_ago)
        real(document_id, task_id)
        beats.append(GeneratedDocument.objects.get(pk=document_id).started_at)

    monkeypatch.setattr(worker, "_heartbeat", heartbeat)
    worker.document_render(document_id=batch.pk, task_id="zip-task")
    assert len(beats) == 6
    assert all(beat > long_ago + dt.timedelta(minutes=59) for beat in beats)
