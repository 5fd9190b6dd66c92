"""The acceptance form says what 有标识 means before the plaque exists."""

from __future__ import annotations

from django.urls import reverse

from stations.models import StationStatus
from tests.factories import StationFactory


def test_the_acceptance_form_explains_the_signage_standard(client, world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    client.force_login(world.aid)
    page = client.get(reverse("stations:acceptance_create", args=[station.pk])).content.decode()
    assert "编号铭牌在审核通过后" in page
    assert "12351" in page
