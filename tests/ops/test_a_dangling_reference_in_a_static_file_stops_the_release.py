"""collectstatic with hashed names (production) rewrites every reference inside the CSS and
JavaScript it collects, source maps included, and stops at one that names a missing file:
then no manifest is written and every page answers 500. The repository's own static files
must all resolve, and `deploy/release` must stop, before migrating, at one that does not."""

from __future__ import annotations

from pathlib import Path

from . import deployment as d


def _release(copy: Path, tmp_path: Path):
    env_file = d.environment_file(
        copy,
        database_url=f"sqlite:///{tmp_path / 'never-used.sqlite3'}",
        redis_url="redis://127.0.0.1:1/0",
    )
    return d.run(["deploy/release", str(env_file)], copy)


def _collect(copy: Path, tmp_path: Path):
    env_file = d.environment_file(
        copy, database_url="sqlite:///unused.sqlite3", redis_url="redis://127.0.0.1:1/0"
    )
    env = d.server_environment(**d.read_env(env_file))
    return d.run(
        [".venv/bin/python", "manage.py", "collectstatic", "--noinput", "-v", "0"], copy, env=env
    )


def test_every_static_file_of_the_repository_collects_with_hashed_names(tmp_path):
    copy = d.clean_copy(tmp_path / "relay")

    result = _collect(copy, tmp_path)

    assert result.returncode == 0, result.stderr[-3000:]
    assert (copy / "staticfiles" / "staticfiles.json").is_file()


def test_a_vendored_file_naming_a_missing_source_map_stops_the_release(tmp_path):
    copy = d.clean_copy(tmp_path / "relay")
    vendored = copy / "static" / "vendor" / "chartjs" / "chart.umd.min.js"
    vendored.write_text(vendored.read_text() + "\n//# sourceMappingURL=gone.js.map\n")

    result = _release(copy, tmp_path)

    said = f"exit {result.returncode}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    assert result.returncode != 0, said
    assert "gone.js.map" in result.stderr, said
    assert not (copy / "staticfiles" / "staticfiles.json").exists()
    # It stopped before the database: the release is all or nothing up to there.
    assert not (tmp_path / "never-used.sqlite3").exists()
