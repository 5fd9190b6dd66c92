"""History and acceptances name people as colleagues know them (刘芳), not by login."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from stations.models import StationStatus
from stations.services.lifecycle import station_return
from stations.services.review import ALL_SIX, acceptance_record
from stations.templatetags.stations_tags import person
from tests.factories import StationFactory, make_user
from unions.models import Role


def test_the_station_history_shows_the_officers_full_name(client, world):
    officer = make_user("liufang", Role.AID_CENTER)
    officer.first_name = "刘芳"
    officer.save()
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    acceptance_record(station=station, by=officer, checked_on="2018-10-01", **ALL_SIX)
    station_return(station=station, by=officer, reason="地址不全")
    client.force_login(world.aid)
    page = client.get(
        reverse("stations:staff_detail", args=[station.pk]), {"history": 1}
    ).content.decode()
    history = page[page.index('data-testid="history"') :]
    assert "刘芳" in history
    assert "liufang" not in page


def test_a_chinese_name_split_in_two_reads_family_name_first(world):
    world.aid.first_name, world.aid.last_name = "芳", "刘"
    assert person(world.aid) == "刘芳"


def test_a_user_without_a_name_falls_back_to_the_login_name(world):
    world.aid.first_name = world.aid.last_name = ""
    assert person(world.aid) == world.aid.username


def test_a_change_without_a_person_is_the_systems(world):
    with translation.override("zh-hans"):
        assert person(None) == "系统"
