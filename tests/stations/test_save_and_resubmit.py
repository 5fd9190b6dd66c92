"""保存并重新提交: a returned station is fixed and sent back in one step, with history for both."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from history.models import RecordChange
from stations.models import StationStatus, StationTransition
from stations.services.filing import station_edit_and_resubmit
from stations.services.lifecycle import station_return
from tests.stations.test_filing_online import STATION_POST


@pytest.fixture
def returned(world):
    station = world.station_a
    station.status = StationStatus.SUBMITTED
    station.save()
    return station_return(station=station, by=world.aid, reason="请补充门牌号")


@pytest.fixture
def clerk(client, world):
    client.force_login(world.user_a)
    return client


def _post(returned, **extra):
    return {**STATION_POST, "name": returned.name, "address": "南京东路1号2楼", **extra}


def test_it_saves_the_fix_and_resubmits_in_one_post(clerk, returned):
    url = reverse("stations:station_edit", args=[returned.pk])
    response = clerk.post(url, _post(returned, resubmit=""), follow=True)
    returned.refresh_from_db()
    assert returned.address == "南京东路1号2楼"
    assert returned.status == StationStatus.SUBMITTED
    text = " ".join(str(m) for m in response.context["messages"])
    assert returned.name in text and "重新提交" in text


def test_it_writes_history_for_the_edit_and_the_move(clerk, returned, world):
    clerk.post(reverse("stations:station_edit", args=[returned.pk]), _post(returned, resubmit=""))
    edit = RecordChange.objects.get(station=returned, action=RecordChange.Action.EDITED)
    assert edit.changes["address"][1] == "南京东路1号2楼"
    assert edit.by == world.user_a
    move = StationTransition.objects.filter(station=returned).latest("id")
    assert (move.from_status, move.to_status, move.by) == (
        StationStatus.RETURNED,
        StationStatus.SUBMITTED,
        world.user_a,
    )


def test_a_plain_save_keeps_it_returned(clerk, returned):
    clerk.post(reverse("stations:station_edit", args=[returned.pk]), _post(returned, save=""))
    returned.refresh_from_db()
    assert returned.status == StationStatus.RETURNED


def test_the_form_offers_save_and_resubmit_only_when_returned(clerk, returned, world):
    page = clerk.get(reverse("stations:station_edit", args=[returned.pk])).content.decode()
    assert 'name="resubmit"' in page
    draft_page = clerk.get(
        reverse("stations:filing_station_add", args=[world.filing_a.pk])
    ).content.decode()
    assert 'name="resubmit"' not in draft_page


def test_a_draft_cannot_be_resubmitted_through_it(world):
    with pytest.raises(ValidationError):
        station_edit_and_resubmit(station=world.station_a, by=world.user_a)
    world.station_a.refresh_from_db()
    assert world.station_a.status == StationStatus.DRAFT
