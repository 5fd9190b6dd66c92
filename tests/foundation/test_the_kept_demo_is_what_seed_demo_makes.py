"""tests/demo_rows.py gives tests seed_demo's result without running the command each time:
what it puts back must be what the command made, table by table and file by file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from tests import demo_rows


def _empty_roots() -> None:
    for root in (Path(settings.MEDIA_ROOT), Path(settings.OPEN_DATA_ROOT)):
        if root.exists():
            shutil.rmtree(root)


@pytest.mark.django_db
def test_the_kept_demo_has_the_commands_rows_and_files(tmp_path):
    # The process's copy: made by the command here if the process has none yet, with the
    # rows and files the command left, counted when it ran.
    with transaction.atomic():
        demo_rows.seeded(tmp_path / "kept")
        transaction.set_rollback(True)
    _empty_roots()
    kept = demo_rows._kept
    assert kept is not None
    before = demo_rows.counts()

    with transaction.atomic():
        demo_rows.seeded(tmp_path / "unused")
        put_back, files = demo_rows.counts(), demo_rows.files_in_roots()
        transaction.set_rollback(True)

    assert not (tmp_path / "unused").exists()  # put back, not made again
    assert put_back == kept.rows_made
    assert files == kept.files_made and files
    # The whole demo, not a handful: thousands of rows more than before it.
    assert sum(put_back.values()) - sum(before.values()) > 10_000
