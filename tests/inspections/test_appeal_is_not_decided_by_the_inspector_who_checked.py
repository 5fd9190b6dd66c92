import pytest
from django.core.exceptions import ValidationError

from inspections.orders.services.appeals import appeal_decide, appeal_open
from tests.factories import make_user
from unions.models import Role

from .factories_orders import inspection, operating_station

pytestmark = pytest.mark.django_db


def test_an_aid_center_officer_who_made_the_check_cannot_decide_its_appeal(world):
    officer = make_user("officer", Role.AID_CENTER)
    check = inspection(operating_station(world.union_a), officer)
    appeal = appeal_open(inspection=check, by=world.user_a, reason="有误")
    with pytest.raises(ValidationError):
        appeal_decide(appeal=appeal, by=officer, upheld=True, decision="x")
    appeal_decide(appeal=appeal, by=world.aid, upheld=False, decision="检查无误")
    appeal.refresh_from_db()
    assert appeal.status == "dismissed"
