"""Issue 21, item 1: a station the supervision team did not check in the quarter is listed
as 本季度未抽查 — no score, no rank — however its union rated itself; the union's share of
stations checked counts independent checks only."""

from decimal import Decimal

from django.urls import reverse

from inspections.assessment.services.publication import assessment_publish
from inspections.models import InspectionKind

from .helpers import check, operating_station

QUARTER = {"year": 2025, "quarter": 1}


def test_a_self_check_only_station_has_no_score_no_rank_and_is_said_not_checked(world, run, client):
    own_only = operating_station(world.union_a)
    checked = operating_station(world.union_a)
    check(own_only, 100, kind=InspectionKind.SELF_CHECK, by=world.user_a)
    check(own_only, 100, kind=InspectionKind.PEER_REVIEW, by=world.user_b)
    check(checked, 60, by=world.inspector)
    assessment, rows, unions = run()

    row = rows[own_only.pk]
    assert (row.independent_checks, row.inspection_score, row.score, row.rank) == (
        0,
        None,
        None,
        None,
    )
    assert (row.self_checks, row.peer_reviews) == (1, 1)
    # The checked station ranks first although its 60 is below the self-rated 100:
    # (70×60 + 10×100) / 80 = 65.
    assert (rows[checked.pk].score, rows[checked.pk].rank) == (Decimal("65"), 1)
    union = unions[world.union_a.pk]
    assert (union.stations, union.stations_checked) == (2, 1)
    assert union.checked_share == Decimal("50")
    assert union.mean_score == Decimal("65")

    assessment_publish(assessment=assessment, by=world.aid, reports=False)
    page = client.get(reverse("rankings:quarter", kwargs=QUARTER)).content.decode()
    unchecked_row = page.split(f'data-plaque="{own_only.plaque_number}"')[1].split("</tr>")[0]
    assert "本季度未抽查" in unchecked_row
    assert "100" not in unchecked_row
    # The page says the rule in plain words.
    assert "各推荐单位的自查自评、互访互评不计入得分" in page
    data = client.get(reverse("rankings:api", kwargs=QUARTER)).json()
    listed = {s["plaque_number"]: s for s in data["stations"]}
    assert listed[own_only.plaque_number]["checked"] is False
    assert listed[own_only.plaque_number]["score"] is None
    assert listed[own_only.plaque_number]["rank"] is None
    assert [s["plaque_number"] for s in data["stations"]][0] == checked.plaque_number
    assert data["unions"][0]["checked_share"] == 50.0
