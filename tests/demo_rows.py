"""seed_demo's rows, made once per test run and put back wherever a test asks for them
(issue 22, item 5: "build the demo data once per session").

seed_demo takes about ten seconds: it walks a hundred stations through the real services,
from filing to operating, and scores four quarters of checks. A test that needs the demo to
read, not to watch it being made, calls ``seeded()`` instead of the command. The first call
in a test run runs the command and keeps what it changed: the rows it added or changed in
every table, and the files it wrote under MEDIA_ROOT and OPEN_DATA_ROOT; pytest-xdist's other
processes wait for that copy instead of running the command themselves. Every later call
writes the same rows and copies the same files into the current roots, in the current
transaction, so it is rolled back with the test or the module like the command's own writes.

It falls back to the command whenever it could not give the command's result: a database
that is not as it was before the first seed (counted per table), or a seed that deleted a
row. The tests of seed_demo itself (tests/foundation/test_seed_demo.py) still run the
command.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pickle
import shutil
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction


@dataclass
class Table:
    name: str
    columns: list[str]
    pk: str
    before: int  # rows before the seed
    added: list[tuple] = field(default_factory=list)
    changed: list[tuple] = field(default_factory=list)


@dataclass
class Snapshot:
    tables: list[Table]
    files: Path
    # What the command left, counted when it ran: rows per table, files per root.
    rows_made: dict[str, int] = field(default_factory=dict)
    files_made: list[str] = field(default_factory=list)


_kept: Snapshot | None = None
_unkeepable = False


def _tables() -> list[tuple[str, list[str], str]]:
    seen, found = set(), []
    existing = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.db_table in seen:
            continue
        if meta.db_table not in existing:
            continue
        seen.add(meta.db_table)
        columns = [f.column for f in meta.concrete_fields]
        found.append((meta.db_table, columns, meta.pk.column))
    return found


def _rows(table: str, columns: list[str]) -> list[tuple]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Names from the models' own meta, quoted by the backend: no outside input.
        cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)}")  # noqa: S608
        # A time of day (a training session's hours) as text: SQLite reads it back as a
        # datetime.time but has no adapter to write one; both databases take the text.
        return [
            tuple(v.isoformat() if isinstance(v, dt.time) else v for v in row)
            for row in cursor.fetchall()
        ]


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return cursor.fetchone()[0]


def _roots() -> list[tuple[str, Path]]:
    return [("media", Path(settings.MEDIA_ROOT)), ("open-data", Path(settings.OPEN_DATA_ROOT))]


def _keep(before: dict[str, list[tuple]], shapes, files: Path) -> Snapshot | None:
    tables = []
    for name, columns, pk in shapes:
        index = columns.index(pk)
        old = {row[index]: row for row in before[name]}
        table = Table(name, columns, pk, before=len(old))
        now = _rows(name, columns)
        if len({row[index] for row in now} & old.keys()) < len(old):
            return None  # the seed deleted a row: only the command can give its result
        for row in now:
            if row[index] not in old:
                table.added.append(row)
            elif row != old[row[index]]:
                table.changed.append(row)
        if table.added or table.changed:
            tables.append(table)
    for name, root in _roots():
        if root.exists():
            shutil.copytree(root, files / name)
    return Snapshot(tables, files, rows_made=counts(), files_made=files_in_roots())


def counts() -> dict[str, int]:
    """Rows per table of the current database, every table of the models."""
    return {name: _count(name) for name, _columns, _pk in _tables()}


def files_in_roots() -> list[str]:
    """Every file under MEDIA_ROOT and OPEN_DATA_ROOT, as root/relative path."""
    return sorted(
        f"{name}/{path.relative_to(root)}"
        for name, root in _roots()
        if root.exists()
        for path in root.rglob("*")
        if path.is_file()
    )


def _put_back(kept: Snapshot) -> None:
    quote = connection.ops.quote_name
    # One transaction (a savepoint inside a test's): the foreign keys are checked at its end,
    # whatever order the tables come in, also for a transactional test's committed demo.
    with transaction.atomic(), connection.cursor() as cursor:
        for table in kept.tables:
            columns = ", ".join(map(quote, table.columns))
            marks = ", ".join(["%s"] * len(table.columns))
            if table.added and connection.vendor == "postgresql":
                # A thousand rows a statement, not one: 4.4 s down to a fraction.
                from psycopg2.extras import execute_values

                insert = f"INSERT INTO {quote(table.name)} ({columns}) VALUES %s"  # noqa: S608
                execute_values(cursor.cursor, insert, table.added, page_size=1000)
            elif table.added:
                insert = f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(insert, table.added)
            pk_index = table.columns.index(table.pk)
            others = [c for c in table.columns if c != table.pk]
            sets = ", ".join(f"{quote(c)} = %s" for c in others)
            for row in table.changed:
                values = [v for i, v in enumerate(row) if i != pk_index] + [row[pk_index]]
                update = f"UPDATE {quote(table.name)} SET {sets} WHERE {quote(table.pk)} = %s"  # noqa: S608
                cursor.execute(update, values)
    for name, root in _roots():
        source = kept.files / name
        if source.exists():
            shutil.copytree(source, root, dirs_exist_ok=True)


def _as_before(kept: Snapshot) -> bool:
    return all(_count(table.name) == table.before for table in kept.tables)


# Where the processes of one run (pytest-xdist's) share the copy: the first to make it
# leaves it here, the others take it instead of running the command (tests/conftest.py sets
# it to the run's temporary folder). Every process's test database is made by the same
# migrations, so the ids the copy's rows point at are the same in each.
shared: Path | None = None


def _shared_file() -> Path | None:
    return shared / f"demo-kept-{connection.vendor}.pickle" if shared else None


def _share(kept: Snapshot) -> None:
    target = _shared_file()
    if target is None or target.exists():
        return
    files = target.with_suffix(f".files-{os.getpid()}")
    shutil.copytree(kept.files, files)
    partial = target.with_suffix(f".{os.getpid()}")
    partial.write_bytes(pickle.dumps(replace(kept, files=files)))
    os.replace(partial, target)  # whole or not at all, for the other processes


def _taken() -> Snapshot | None:
    """Another process's copy, or None when this process is to make it. The first process to
    ask claims the making; the others wait for its copy (ten seconds of a core each, not the
    command again), and run the command themselves if it does not come."""
    source = _shared_file()
    if source is None:
        return None
    try:
        os.close(os.open(source.with_suffix(".claimed"), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        return None  # claimed: this process makes the copy and shares it
    except FileExistsError:
        pass
    for _ in range(600):  # two minutes at most
        if source.exists():
            return pickle.loads(source.read_bytes())  # noqa: S301 (this run's own file)
        if source.with_suffix(".none").exists():
            return None
        time.sleep(0.2)
    return None


def _sequences_past(kept: Snapshot) -> None:
    """PostgreSQL: the rows came with the ids of the process that made them; this database's
    sequences must not give those ids again."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in kept.tables:
            if not table.added:
                continue
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table.name, table.pk])
            sequence = cursor.fetchone()[0]
            if sequence:
                top = f"SELECT MAX({quote(table.pk)}) FROM {quote(table.name)}"  # noqa: S608
                last = f"SELECT last_value FROM {sequence}"  # noqa: S608
                cursor.execute(f"SELECT setval(%s, GREATEST(({top}), ({last})))", [sequence])


def seeded(keep_in: Path | None = None) -> None:
    """The demo in the current database and roots: seed_demo's result, made by the command
    once per run (its files kept under ``keep_in``, or under a folder of its own)."""
    global _kept, _unkeepable
    shapes = _tables()
    if _kept is None and not _unkeepable:
        _kept = _taken()
    if _kept is not None and _as_before(_kept):
        _put_back(_kept)
        _sequences_past(_kept)
        return
    before = {name: _rows(name, columns) for name, columns, _pk in shapes}
    call_command("seed_demo", stdout=io.StringIO())
    if _kept is None and not _unkeepable:
        import tempfile

        files = Path(keep_in or tempfile.mkdtemp(prefix="relay-demo-"))
        _kept = _keep(before, shapes, files)
        _unkeepable = _kept is None
        if _kept is not None:
            _share(_kept)
        elif (target := _shared_file()) is not None:
            target.with_suffix(".none").touch()  # nothing to wait for
