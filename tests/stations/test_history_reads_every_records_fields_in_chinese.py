"""A station's history names each changed field and each value with choices in Chinese,
whichever app keeps the record: the apps register their kinds of record with history
(history/labels.py), so a donation match reads 状态: 已匹配 → 已送达 and a training entry
its topic and head by their names, not goods/matched/head_name (issue 23's records showed
their codes)."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from history.models import RecordChange
from history.writer import record_change
from stations.models.donation import MatchStatus
from stations.templatetags.stations_tags import history_changes


@pytest.mark.parametrize(
    "record, changes",
    [
        ("donation_match", {"status": [MatchStatus.MATCHED, MatchStatus.DELIVERED],
                            "delivered_on": ["", "2026-07-01"]}),
        ("donation_match", {"donor_name": ["", "光明乳业"], "goods": ["", "矿泉水20箱"],
                            "need": ["", "3"]}),
        ("donation", {"districts": ["", "徐汇区"], "thank_publicly": ["", "是"]}),
        ("training", {"head_name": ["", "李红"], "topic": ["", "急救"],
                      "held_on": ["", "2026-07-01"], "capacity": ["", "30"]}),
        ("alert", {"alert": ["", "橙色高温预警"], "ends_on": ["2026-07-03", "2026-07-02"]}),
        ("appeal", {"evidence": ["", "2"], "status": ["open", "upheld"]}),
        ("inspection", {"status": ["recorded", "voided"], "score": ["92", "100"]}),
    ],
)  # fmt: skip
def test_no_field_or_choice_shows_its_code(world, record, changes):
    record_change(
        record=record,
        record_id=1,
        union_id=world.union_a.pk,
        action=RecordChange.Action.EDITED,
        by=world.aid,
        stations=[world.station_a],
        changes=changes,
    )
    entry = RecordChange.objects.filter(record=record).latest("pk")

    with translation.override("zh-hans"):
        shown = re.sub(r"<[^>]*>", " ", str(history_changes(entry)))  # the text, not the tags

    assert not re.search(r"[a-z_]{3,}", shown), shown
    if "status" in changes:
        assert "→" in shown and not re.search(r"matched|delivered|upheld|voided", shown)
