"""The interface speaks Chinese: the zh_Hans catalog covers every string in the source."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

# Not source: the virtualenv, generated files, uploads, and the test suite itself.
NOT_SOURCE = (
    ".venv",
    ".git",
    ".ruff_cache",
    "__pycache__",
    "media",
    "staticfiles",
    "test-results",
    "node_modules",
    "db.sqlite3",
)
CATALOG = Path("locale/zh_Hans/LC_MESSAGES/django.po")
STATISTICS = re.compile(
    r"(?P<translated>\d+) translated messages?"
    r"(?:, (?P<fuzzy>\d+) fuzzy translations?)?"
    r"(?:, (?P<untranslated>\d+) untranslated messages?)?"
)


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def _msgids(po: Path, flag: str) -> list[str]:
    """The msgids msgattrib selects with ``flag`` (--untranslated or --only-fuzzy)."""
    out = _run(["msgattrib", flag, "--no-obsolete", "--no-wrap", str(po)], po.parent).stdout
    ids = re.findall(r'^msgid "(.+)"$', out, re.M)
    return [i for i in ids if i]


def test_the_zh_hans_catalog_translates_every_message(tmp_path: Path):
    # Extract into a copy so that the test never rewrites the catalog in the working tree.
    source = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    (copy / CATALOG.parent).mkdir(parents=True, exist_ok=True)

    made = _run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "zh_Hans",
            "--no-location",
            "--no-obsolete",
            *(f"--ignore={name}" for name in (*NOT_SOURCE, "tests")),
        ],
        copy,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    po = copy / CATALOG
    assert po.exists(), made.stdout + made.stderr

    checked = _run(["msgfmt", "--statistics", "--check", "-o", "/dev/null", str(po)], copy)
    report = checked.stdout + checked.stderr
    assert checked.returncode == 0, report
    stats = STATISTICS.search(report)
    assert stats, report
    fuzzy = int(stats["fuzzy"] or 0)
    untranslated = int(stats["untranslated"] or 0)

    missing = _msgids(po, "--untranslated")[:8] + _msgids(po, "--only-fuzzy")[:4]
    assert (fuzzy, untranslated) == (0, 0), (
        f"zh_Hans catalog incomplete: {stats[0]}; e.g. {missing}"
    )
    assert int(stats["translated"]) > 0


def test_the_default_language_is_simplified_chinese_in_shanghai_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_I18N is True
    assert settings.USE_TZ is True
    assert Path(settings.LOCALE_PATHS[0]) == Path(settings.BASE_DIR) / "locale"
