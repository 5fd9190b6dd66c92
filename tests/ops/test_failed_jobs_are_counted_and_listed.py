"""A background job's outcome is counted by job, and a failure is listed for the
administrator with its error, read-only; in the services pass, by a real worker."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from config.models import FailedJob
from tests.documents.helpers import wait_until
from tests.ops.metrics_text import value

BUILD = "stations.open_data_build"
EXPIRE = "stations.registry_exports_expire"


def _jobs(client, task, outcome) -> float:
    text = client.get("/metrics").content.decode()
    return value(text, "relay_celery_jobs_total", task=task, outcome=outcome)


@pytest.fixture
def unwritable(tmp_path):
    """A folder that cannot be made: its parent is a file."""
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    return blocker / "open-data"


@pytest.mark.django_db
def test_a_failed_job_is_counted_and_listed_with_its_error(client, world, settings, unwritable):
    from stations.open_data import open_data_build_task

    settings.OPEN_DATA_ROOT = unwritable
    assert _jobs(client, BUILD, "failed") == 0

    # What a worker does with a job that raises (apply() is the worker's own code path).
    result = open_data_build_task.apply(("v-test",), throw=False)

    assert result.failed()
    assert _jobs(client, BUILD, "failed") == 1
    job = FailedJob.objects.get()
    assert job.task_name == BUILD
    assert job.arguments == "'v-test'"
    assert job.error.startswith("NotADirectoryError")
    assert "Traceback" in job.traceback
    admin = Client()
    admin.force_login(world.admin)
    page = admin.get("/admin/config/failedjob/")
    assert page.status_code == 200
    assert BUILD in page.content.decode() and "NotADirectoryError" in page.content.decode()
    detail = admin.get(f"/admin/config/failedjob/{job.pk}/change/").content.decode()
    assert "Traceback" in detail


@pytest.mark.django_db
def test_the_failed_jobs_list_is_read_only_and_the_administrators_alone(client, world):
    job = FailedJob.objects.create(task_name=BUILD, error="OSError: disk full")
    admin = Client()
    admin.force_login(world.admin)

    assert admin.get("/admin/config/failedjob/add/").status_code == 403
    assert admin.post(f"/admin/config/failedjob/{job.pk}/delete/").status_code == 403
    page = admin.get(f"/admin/config/failedjob/{job.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    aid = Client()
    aid.force_login(world.aid)
    assert aid.get("/admin/config/failedjob/").status_code == 403


@pytest.mark.django_db
def test_succeeded_jobs_are_counted_by_name(client, tasks_in_process):
    from stations.tasks import registry_exports_expire_task

    registry_exports_expire_task.delay()
    registry_exports_expire_task.delay()

    assert _jobs(client, EXPIRE, "succeeded") == 2
    assert _jobs(client, EXPIRE, "failed") == 0


@pytest.mark.django_db
def test_a_retried_job_is_counted(client):
    from celery.signals import task_retry

    from stations.tasks import registry_exports_expire_task

    task_retry.send(sender=registry_exports_expire_task, request=None, reason="broker down")

    assert _jobs(client, EXPIRE, "retried") == 1


@pytest.mark.django_db
def test_failed_jobs_are_pruned_after_the_days_kept(settings):
    from config.tasks import failed_jobs_prune

    settings.FAILED_JOB_KEEP_DAYS = 30
    _failed(days_ago=31, error="old")
    _failed(days_ago=29, error="recent")

    assert failed_jobs_prune() == 1
    assert list(FailedJob.objects.values_list("error", flat=True)) == ["recent"]


def _failed(*, days_ago: int, error: str) -> None:
    """A row as the signal writes it, failed ``days_ago`` (failed_at is set on insert, and
    the append-only trigger refuses an UPDATE on PostgreSQL, so it is inserted as such)."""
    from django.db import connection

    at = timezone.now() - dt.timedelta(days=days_ago)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO config_failedjob (failed_at, task_name, task_id, arguments, error,"
            " traceback) VALUES (%s, %s, '', '', %s, '')",
            [at, BUILD, error],
        )


@pytest.mark.services
@pytest.mark.django_db
def test_an_edit_of_a_failed_job_is_refused_by_the_database():
    from django.db import InternalError, transaction

    job = FailedJob.objects.create(task_name=BUILD, error="OSError: disk full")

    with pytest.raises(InternalError), transaction.atomic():
        FailedJob.objects.filter(pk=job.pk).update(error="nothing happened")


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_workers_outcomes_are_counted_and_its_failure_listed(
    client,
    start_worker,
    unwritable,
):
    from stations.open_data import open_data_build_task
    from stations.tasks import registry_exports_expire_task

    worker = start_worker(OPEN_DATA_ROOT=str(unwritable))

    registry_exports_expire_task.delay()
    open_data_build_task.delay("v-worker")

    wait_until(lambda: _jobs(client, EXPIRE, "succeeded") == 1, 60, "the success", worker)
    wait_until(lambda: FailedJob.objects.filter(task_name=BUILD).exists(), 60, "the row", worker)
    assert _jobs(client, BUILD, "failed") == 1
    job = FailedJob.objects.get(task_name=BUILD)
    assert job.arguments == "'v-worker'"
    assert "NotADirectoryError" in job.error
    assert job.task_id
