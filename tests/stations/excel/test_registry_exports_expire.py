"""Registry exports carry heads' names and mobiles: they are deleted after a few days."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import GeneratedDocument
from stations.documents.codes import Kind
from stations.documents.registry_export import registry_exports_expire
from stations.tasks import registry_exports_expire_task


def _made(kind: str, days_ago: int, key: str) -> GeneratedDocument:
    document = GeneratedDocument.objects.create(
        kind=kind, record_key=key, version="v", state=GeneratedDocument.State.READY
    )
    document.file.save(f"{key.replace(':', '-')}.xlsx", ContentFile(b"PK"))
    GeneratedDocument.objects.filter(pk=document.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return document


def test_exports_older_than_the_keeping_time_go_with_their_files(db, settings):
    settings.REGISTRY_EXPORT_KEEP_DAYS = 7
    old = _made(Kind.REGISTRY_EXPORT, 8, "registry:u1-old")
    recent = _made(Kind.REGISTRY_EXPORT, 6, "registry:u1-recent")
    storage = old.file.storage
    assert registry_exports_expire() == 1
    assert not GeneratedDocument.objects.filter(pk=old.pk).exists()
    assert not storage.exists(old.file.name)
    assert GeneratedDocument.objects.filter(pk=recent.pk).exists()
    assert storage.exists(recent.file.name)


def test_other_documents_are_never_touched(db, settings):
    settings.REGISTRY_EXPORT_KEEP_DAYS = 7
    pledge = _made(Kind.PLEDGE, 400, "station:1")
    assert registry_exports_expire_task() == 0
    assert GeneratedDocument.objects.filter(pk=pledge.pk).exists()


def test_the_daily_job_is_scheduled(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "stations.registry_exports_expire" in tasks
