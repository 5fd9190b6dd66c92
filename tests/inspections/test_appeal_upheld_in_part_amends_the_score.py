"""An appeal upheld in part keeps the check with an amended score, recorded with the old and
new score; the page's form refuses "amend" without a score."""

from decimal import Decimal

import pytest
from django.urls import reverse

from history.models import RecordChange
from inspections.models import AppealStatus, InspectionStatus
from inspections.orders.services.appeals import appeal_decide, appeal_open

from .factories_orders import inspection, operating_station

pytestmark = pytest.mark.django_db


def test_an_appeal_upheld_in_part_amends_the_score_and_records_it(world):
    check = inspection(operating_station(world.union_a), world.inspector, score="60")
    appeal = appeal_open(inspection=check, by=world.user_a, reason="冰箱在后间，检查员未看到")
    appeal_decide(
        appeal=appeal,
        by=world.aid,
        upheld=True,
        decision="冰箱项应为达标",
        amended_score=Decimal("65"),
    )
    appeal.refresh_from_db()
    check.refresh_from_db()
    assert appeal.status == AppealStatus.AMENDED
    assert check.status == InspectionStatus.RECORDED
    assert check.score == Decimal("65.00")
    change = RecordChange.objects.get(record="inspection", record_id=check.pk, action="edited")
    assert change.changes == {"score": ["60.00", "65.00"]}


def test_amending_without_a_score_is_refused_on_the_page(world, client):
    check = inspection(operating_station(world.union_a), world.inspector, score="60")
    appeal = appeal_open(inspection=check, by=world.user_a, reason="有误")
    client.force_login(world.aid)
    response = client.post(
        reverse("inspections:appeal_decide", args=[appeal.pk]),
        {"outcome": "amended", "decision": "部分有误"},
        follow=True,
    )
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.OPEN
    assert "请填写更正后的得分" in response.content.decode()
