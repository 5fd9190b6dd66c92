"""Issue 21, item 2: a red-line finding that stands makes the quarter 不合格: the score is
capped at ASSESSMENT_RED_LINE_CAP (59) whatever satisfaction and timeliness add, the station
ranks below every station without one — at an equal score too — and the public row names the
red line in the checklist's words. A red line voided on appeal does not count."""

from decimal import Decimal

from django.urls import reverse

from inspections.assessment.services.publication import assessment_publish
from inspections.models import InspectionStatus

from .helpers import check, feedback, operating_station, red_line_check

QUARTER = {"year": 2025, "quarter": 1}


def test_a_red_line_is_capped_at_59_and_ranked_below_an_equal_score_without_one(
    world, run, client, settings
):
    settings.ASSESSMENT_MIN_FEEDBACK = 1
    red = operating_station(world.union_a)
    equal = operating_station(world.union_a)
    lower = operating_station(world.union_b)
    # 94 with the plaque missing, five-star feedback, no order due:
    # (70×94 + 20×100 + 10×100) / 100 = 95.8, capped at 59.
    red_line_check(red, 94, by=world.inspector, items=("plaque_posted",))
    feedback(red, 5)
    # 70, one one-star rating (satisfaction 0): (70×70 + 20×0 + 10×100) / 100 = 59.
    check(equal, 70, by=world.inspector)
    feedback(equal, 1)
    # 40, no feedback: (70×40 + 10×100) / 80 = 47.5.
    check(lower, 40, by=world.inspector)
    assessment, rows, unions = run()

    assert rows[red.pk].red_line is True
    assert rows[red.pk].score == Decimal("59")
    assert rows[red.pk].inspection_score == Decimal("94")
    assert rows[red.pk].red_lines == "铭牌在室外醒目位置悬挂"
    assert rows[equal.pk].score == Decimal("59")
    assert rows[lower.pk].score == Decimal("47.5")
    # Below every station without a red line, the 47.5 included.
    assert [rows[s.pk].rank for s in (equal, lower, red)] == [1, 2, 3]
    assert unions[world.union_a.pk].red_line_stations == 1

    assessment_publish(assessment=assessment, by=world.aid, reports=False)
    page = client.get(reverse("rankings:quarter", kwargs=QUARTER)).content.decode()
    red_row = page.split(f'data-plaque="{red.plaque_number}"')[1].split("</tr>")[0]
    assert "不合格" in red_row and "铭牌在室外醒目位置悬挂" in red_row and "59.00" in red_row
    data = client.get(reverse("rankings:api", kwargs=QUARTER)).json()
    listed = {s["plaque_number"]: s for s in data["stations"]}
    assert listed[red.plaque_number]["red_line"] is True
    assert listed[red.plaque_number]["red_lines"] == ["铭牌在室外醒目位置悬挂"]
    assert (listed[red.plaque_number]["score"], listed[red.plaque_number]["rank"]) == (59.0, 3)
    assert listed[equal.plaque_number]["red_lines"] == []


def test_a_score_already_below_the_cap_stays_as_it_is(world, run):
    station = operating_station(world.union_a)
    # (70×30 + 10×100) / 80 = 38.75, under 59: the cap takes nothing off.
    red_line_check(station, 30, by=world.inspector, items=("open_hours", "no_refusal"))
    _a, rows, _u = run()
    assert rows[station.pk].score == Decimal("38.75")
    assert rows[station.pk].red_lines == "在公示的服务时间内开放、没有拒绝户外职工进站"


def test_a_red_line_voided_on_appeal_does_not_count(world, run):
    station = operating_station(world.union_a)
    red_line_check(station, 40, by=world.inspector, status=InspectionStatus.VOIDED)
    check(station, 80, by=world.inspector)
    _a, rows, _u = run()
    # Only the standing check: (70×80 + 10×100) / 80 = 82.5, no red line.
    assert (rows[station.pk].red_line, rows[station.pk].score) == (False, Decimal("82.5"))
    assert rows[station.pk].red_lines == ""
