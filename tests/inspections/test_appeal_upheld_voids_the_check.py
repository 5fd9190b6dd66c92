import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from history.models import RecordChange
from inspections.models import AppealStatus, InspectionStatus

from .factories_orders import inspection, operating_station

pytestmark = pytest.mark.django_db


def test_an_upheld_appeal_voids_the_check_and_records_both(world):
    check = inspection(operating_station(world.union_a), world.inspector_own)
    union = Client()
    union.force_login(world.user_a)
    response = union.post(
        f"/staff/inspections/checks/{check.pk}/appeal/", {"reason": "检查时站点正在营业"}
    )
    assert response.status_code == 302
    appeal = check.appeals.get()
    assert appeal.status == AppealStatus.OPEN
    aid = Client()
    aid.force_login(world.aid)
    aid.post(
        f"/staff/inspections/appeals/{appeal.pk}/decide/",
        {"outcome": "upheld", "decision": "监控显示站点营业中"},
    )
    appeal.refresh_from_db()
    check.refresh_from_db()
    assert appeal.status == AppealStatus.UPHELD
    assert check.status == InspectionStatus.VOIDED
    assert check.void_reason == "监控显示站点营业中"
    assert RecordChange.objects.filter(record="inspection", record_id=check.pk, action="voided")
    assert RecordChange.objects.filter(record="appeal", record_id=appeal.pk, action="decided")


def test_a_check_has_one_open_appeal_and_a_reason_is_required(world):
    from inspections.orders.services.appeals import appeal_open

    check = inspection(operating_station(world.union_a), world.inspector_own)
    with pytest.raises(ValidationError):
        appeal_open(inspection=check, by=world.user_a, reason="  ")
    appeal_open(inspection=check, by=world.user_a, reason="有误")
    with pytest.raises(ValidationError):
        appeal_open(inspection=check, by=world.user_a, reason="再次申诉")
