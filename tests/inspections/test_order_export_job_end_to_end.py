"""The order export end to end, as a clerk meets it: the list's button posts its filters,
the job runs (in process in the embedded pass, on a real ``celery worker`` in the services
pass), the page reports it ready, and the file downloaded holds the clerk's own union's
orders through the filter, and nothing of another union's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from documents.models import GeneratedDocument
from inspections.models import RectificationStatus
from tests.conftest import SERVICES

# A real Celery worker against the test database (services pass): start_worker(**env).
from tests.documents.conftest import start_worker  # noqa: F401
from tests.documents.helpers import wait_until

from .orders_export_helpers import csv_rows, download, order

pytestmark = [
    # Committed rows, so that the worker (another process) sees them; serialized rollback
    # restores the unions of the data migration after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def jobs(request, monkeypatch):
    """Where the job runs: a real worker when the services pass has one, else in process."""
    if SERVICES:
        return request.getfixturevalue("start_worker")()
    from config.celery_app import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    return None


def _ready(document: GeneratedDocument) -> bool:
    document.refresh_from_db()
    return document.state in (GeneratedDocument.State.READY, GeneratedDocument.State.FAILED)


def test_a_clerk_downloads_their_unions_open_orders_and_no_others(jobs, world):
    mine = order(world.union_a, world.inspector, name="南京东路的站", items=("铭牌缺失",))
    closed = order(
        world.union_a, world.inspector, name="外滩的站", status=RectificationStatus.CLOSED
    )
    theirs = order(world.union_b, world.inspector, name="徐汇区的站", items=("徐汇区的事项",))
    clerk = Client()
    clerk.force_login(world.user_a)

    listed = clerk.get(reverse("inspections:order_list"), {"status": "open"})
    assert 'name="status" value="open"' in listed.text
    asked = clerk.post(reverse("inspections:order_export_request"), {"status": "open"})
    assert asked.status_code == 302
    document = GeneratedDocument.objects.get(kind="orders_csv")
    assert asked["Location"] == reverse(
        "inspections:order_export_detail", kwargs={"pk": document.pk}
    )
    wait_until(lambda: _ready(document), 60, "the order export", jobs)

    assert document.state == GeneratedDocument.State.READY, document.error
    status = clerk.get(reverse("inspections:order_export_status", kwargs={"pk": document.pk}))
    assert status.json()["state"] == "ready"
    assert document.progress_done == document.progress_total == 1
    rows = csv_rows(download(clerk, document))
    assert rows[0][0] == "整改单号"
    assert [row[0] for row in rows[1:]] == [str(mine.pk)]
    assert rows[1][3] == world.union_a.name
    written = "\n".join(",".join(row) for row in rows)
    assert rows[1][1] == "南京东路的站"
    numbers = [row[0] for row in rows[1:]]
    # The filter: union A's closed order is not open.
    assert "外滩的站" not in written and str(closed.pk) not in numbers
    # The scope: union B's open order is not union A's clerk's to see.
    assert "徐汇区的站" not in written and "徐汇区的事项" not in written
    assert str(theirs.pk) not in numbers
    # Union B's clerk cannot read union A's clerk's file.
    other = Client()
    other.force_login(world.user_b)
    assert other.get(reverse("documents:download", kwargs={"pk": document.pk})).status_code == 404
