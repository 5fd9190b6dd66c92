"""Issue 21, item 1: a union's self-checks and peer reviews are its own evaluation, shown to
the aid center and to the union beside the score (count, mean) with the gap between its
self-check scores and the team's scores of the same stations — never on a public page."""

import io
import json
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from inspections.assessment.services.publication import assessment_publish
from inspections.models import InspectionKind
from inspections.reports.pdfs import union_report_spec
from inspections.reports.workbook import workbook_bytes

from .helpers import check, operating_station

SELF = InspectionKind.SELF_CHECK


def test_the_gap_per_station_and_per_union(world, run, client):
    rated_high = operating_station(world.union_a)
    close = operating_station(world.union_a)
    own_only = operating_station(world.union_a)
    check(rated_high, 70, by=world.inspector)
    check(rated_high, 98, kind=SELF, by=world.user_a)
    check(rated_high, 60, kind=InspectionKind.PEER_REVIEW, by=world.user_b)
    check(close, 80, by=world.inspector)
    check(close, 90, kind=SELF, by=world.user_a)
    check(close, 100, kind=SELF, by=world.user_a)
    check(own_only, 99, kind=SELF, by=world.user_a)  # no team score: no gap
    assessment, rows, unions = run()

    assert rows[rated_high.pk].self_gap == Decimal("28")  # 98 − 70
    assert rows[close.pk].self_mean == Decimal("95")  # (90 + 100) / 2
    assert rows[close.pk].self_gap == Decimal("15")  # 95 − 80
    assert rows[own_only.pk].self_gap is None
    union = unions[world.union_a.pk]
    assert (union.self_checks, union.self_mean) == (4, Decimal("96.75"))  # 387 / 4
    assert (union.peer_reviews, union.peer_mean) == (1, Decimal("60"))
    assert union.self_gap == Decimal("21.5")  # (28 + 15) / 2

    # The aid center's draft page.
    client.force_login(world.aid)
    staff = client.get(reverse("inspections:assessment_detail", args=[assessment.pk]))
    html = staff.content.decode()
    assert "+28.00" in html and "+15.00" in html and "+21.50" in html and "96.75" in html

    # The union's own report and workbook.
    spec = union_report_spec(assessment, world.union_a)
    text = json.dumps(spec.context, ensure_ascii=False)
    assert "自查自评4次，平均96.75分" in text and "+21.50" in text and "+28.00" in text
    book = load_workbook(
        io.BytesIO(workbook_bytes({"assessment_id": assessment.pk, "union_id": world.union_a.pk}))
    )
    assert book.sheetnames == ["概况", "站点", "检查", "整改"]
    summary = {row[0]: row[1] for row in book["概况"].iter_rows(values_only=True)}
    assert summary["自查与监督队得分差"] == 21.5
    header, *stations = book["站点"].iter_rows(values_only=True)
    gap = header.index("自查与监督队得分差")
    by_plaque = {row[1]: row for row in stations}
    assert by_plaque[rated_high.plaque_number][gap] == 28.0
    assert by_plaque[own_only.plaque_number][gap] is None
    # Its checks sheet lists every check of its stations, saying which count.
    checks = list(book["检查"].iter_rows(values_only=True))[1:]
    assert len(checks) == 7
    assert sorted(row[4] for row in checks) == ["否"] * 5 + ["是"] * 2

    # Never public.
    assessment_publish(assessment=assessment, by=world.aid, reports=False)
    client.logout()
    quarter = {"year": 2025, "quarter": 1}
    public = client.get(reverse("rankings:quarter", kwargs=quarter)).content.decode()
    assert "96.75" not in public and "+28.00" not in public and "自查差距" not in public
    data = client.get(reverse("rankings:api", kwargs=quarter)).json()
    assert not any(key.startswith(("self", "peer")) for key in data["stations"][0])
    assert not any(key.startswith(("self", "peer")) for key in data["unions"][0])
