"""Django in the embedded run mode for the bench scripts that measure work in one process
(the filing import, the hostile import, the PDFs): a SQLite file of their own, no Redis,
whatever the shell's environment says.

Each such script migrated a new SQLite file, five seconds each time, four times in a run.
``bench/run.py`` migrates one file first and names it in ``BENCH_MIGRATED_SQLITE``;
``migrate()`` copies it into a new database file instead of migrating again, and still runs
``migrate``, which then has nothing to do unless the template is behind.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIGRATED_ENV = "BENCH_MIGRATED_SQLITE"


def setup_django(db_path: Path, media_root: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["REDIS_URL"] = ""
    os.environ["MEDIA_ROOT"] = str(media_root)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()


def migrate() -> None:
    """The database Django is set up on, migrated (from the template when there is one)."""
    from django.core.management import call_command
    from django.db import connection

    template = os.environ.get(MIGRATED_ENV, "")
    target = Path(connection.settings_dict["NAME"])
    fresh = not target.exists() or target.stat().st_size == 0
    if template and Path(template).is_file() and connection.connection is None and fresh:
        shutil.copyfile(template, target)
    call_command("migrate", verbosity=0)


def make_template(path: Path) -> Path:
    """Migrate a SQLite file at ``path`` in a child process; returns it."""
    import subprocess

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "REDIS_URL": ""}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return path
