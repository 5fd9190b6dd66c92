"""tests/demo_rows.py gives tests seed_demo's result without running the command each time:
what it puts back must be what the command makes, table by table and file by file."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction

from tests import demo_rows


def _made() -> tuple[dict[str, int], list[str]]:
    rows = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    # Each file by its folder and kind: some names are random (an appeal's photo), run to run.
    files = []
    for root in (Path(settings.MEDIA_ROOT), Path(settings.OPEN_DATA_ROOT)):
        if root.exists():
            files += [f"{p.parent.relative_to(root)}/*{p.suffix}" for p in root.rglob("*.*")]
    return rows, sorted(files)


@pytest.mark.django_db
def test_the_kept_demo_has_the_commands_rows_and_files(tmp_path, monkeypatch):
    # A process of its own, as it were: the first call runs the command and keeps its result.
    # (On PostgreSQL two runs of the command may differ: its random draws follow the ids.)
    monkeypatch.setattr(demo_rows, "_kept", None)
    monkeypatch.setattr(demo_rows, "_unkeepable", False)
    with transaction.atomic():
        demo_rows.seeded(tmp_path / "kept")
        by_the_command = _made()
        transaction.set_rollback(True)
    assert demo_rows._kept is not None
    for root in (Path(settings.MEDIA_ROOT), Path(settings.OPEN_DATA_ROOT)):
        for path in sorted(root.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()

    with transaction.atomic():
        demo_rows.seeded(tmp_path / "unused")
        put_back = _made()
        transaction.set_rollback(True)

    assert not (tmp_path / "unused").exists()  # put back, not made again
    assert put_back[0] == by_the_command[0]
    assert put_back[1] == by_the_command[1] and put_back[1]
    assert sum(put_back[0].values()) > 10_000  # the whole demo, not a handful
