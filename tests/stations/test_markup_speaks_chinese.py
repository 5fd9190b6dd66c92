"""No English left in the markup: landmarks are labelled in Chinese and history names
fields by their Chinese names."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from stations.models import StationStatus
from stations.services.lifecycle import station_return
from stations.services.review import ALL_SIX, acceptance_record
from tests.factories import StationFactory


def test_the_station_form_breadcrumb_is_labelled_in_chinese(client, world):
    client.force_login(world.user_a)
    page = client.get(reverse("stations:station_edit", args=[world.station_a.pk])).content
    assert b'aria-label="breadcrumb"' not in page
    assert 'aria-label="页面路径"' in page.decode()


def test_history_names_changed_fields_in_chinese(client, world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    acceptance_record(station=station, by=world.aid, checked_on=dt.date(2018, 10, 1), **ALL_SIX)
    station_return(station=station, by=world.aid, reason="补充门牌号")
    client.force_login(world.user_a)
    url = reverse("stations:station_edit", args=[station.pk])
    from tests.stations.test_filing_online import STATION_POST

    client.post(url, {**STATION_POST, "name": station.name, "address": "南京东路1号2楼"})
    client.force_login(world.aid)
    page = client.get(
        reverse("stations:staff_detail", args=[station.pk]), {"history": 1}
    ).content.decode()
    history = page[page.index('data-testid="history"') :]
    assert "address:" not in history and "passed:" not in history
    assert "地址: " in history
    assert "六有全部达标: — → 是" in history


def test_history_says_a_record_was_created_not_created_time(client, world):
    from stations.services.filing import station_add

    station = station_add(
        filing=world.filing_a,
        by=world.user_a,
        station=StationFactory.build(filing=world.filing_a, union=world.union_a),
    )
    client.force_login(world.user_a)
    page = client.get(
        reverse("stations:staff_detail", args=[station.pk]), {"history": 1}
    ).content.decode()
    history = page[page.index('data-testid="history"') :]
    assert "已创建" in history and "创建时间" not in history
