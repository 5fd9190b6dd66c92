from __future__ import annotations

import io

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.utils import translation

from stations.models import FilingForm

from .builders import first_station_row, station_row, xlsx


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "备案表.xlsx"
    path.write_bytes(xlsx([station_row(1), station_row(2)]).getvalue())
    return path


@pytest.fixture
def bad_file(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(
        xlsx([station_row(1, head_mobile="123"), station_row(2, area="大")]).getvalue()
    )
    return path


def test_it_prints_the_new_filing_and_its_station_count(world, good_file):
    out = io.StringIO()
    call_command(
        "import_filing", str(good_file), "--union", "huangpu", "--user", "clerk_a", stdout=out
    )
    filing = FilingForm.objects.get(source=FilingForm.Source.EXCEL)
    assert filing.created_by == world.user_a
    assert f"#{filing.pk}" in out.getvalue()
    assert filing.stations.count() == 2


def test_it_prints_every_problem_and_fails(world, bad_file):
    err = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_filing", str(bad_file), "--union", "huangpu", stderr=err)
    first = first_station_row()
    assert err.getvalue().splitlines() == [
        f"Row {first} [负责人手机] “123” is not an 11-digit mobile number.",
        f"Row {first + 1} [站点区域面积] “大” is not an area in square metres, for example 3 or 3平方米.",
    ]
    assert not FilingForm.objects.filter(source=FilingForm.Source.EXCEL).exists()


def test_it_exits_non_zero_from_the_command_line(world, bad_file, capsys):
    utility = ManagementUtility(["manage.py", "import_filing", str(bad_file), "--union", "huangpu"])
    with pytest.raises(SystemExit) as exited:
        utility.execute()
    assert exited.value.code != 0
    assert "负责人手机" in capsys.readouterr().err


def test_an_unknown_union_code_is_an_error(world, good_file):
    with pytest.raises(CommandError):
        call_command("import_filing", str(good_file), "--union", "nowhere")


def test_an_unknown_user_is_an_error(world, good_file):
    with pytest.raises(CommandError):
        call_command("import_filing", str(good_file), "--union", "huangpu", "--user", "ghost")


def test_a_missing_file_is_an_error(world, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_filing", str(tmp_path / "none.xlsx"), "--union", "huangpu")
