"""A date input that already has a value shows it: browsers read only 2026-12-31."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from stations.models import Pledge, StationStatus
from tests.factories import StationFactory


def _date_values(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="date" name="(\w+)" value="([^"]*)"', html))


def test_a_returned_stations_planned_date_is_rendered_in_iso(client, world):
    station = StationFactory(
        filing=world.filing_a,
        status=StationStatus.RETURNED,
        planned_completion=dt.date(2026, 12, 31),
    )
    client.force_login(world.user_a)
    html = client.get(reverse("stations:station_edit", args=[station.pk])).content.decode()
    assert _date_values(html)["planned_completion"] == "2026-12-31"


def test_the_pledge_form_shows_its_deadline_and_saves_untouched(client, world):
    station = StationFactory(
        filing=world.filing_a,
        status=StationStatus.APPROVED,
        plaque_number="SH07001",
        plaque_seq=7001,
    )
    Pledge.objects.create(
        station=station,
        union=world.union_a,
        pledging_unit="某银行",
        service_hours="9:00-17:00",
        head_name="李红",
        due_by=dt.date(2026, 12, 31),
    )
    client.force_login(world.aid)
    url = reverse("stations:pledge_edit", args=[station.pk])
    html = client.get(url).content.decode()
    assert _date_values(html)["due_by"] == "2026-12-31"


def test_iso_and_slashed_dates_are_both_read(client, world):
    from django import forms

    class F(forms.Form):
        day = forms.DateField()

    assert F({"day": "2026-12-31"}).is_valid()
    assert F({"day": "2026/12/31"}).is_valid()
