"""``sees_row`` decides from a row already read whether a user sees it (a station's page shows
its pledge and links its filing without reading either again): for every role it answers as
the scope's query does, for rows of the user's union and of another, and for a kind a role
never sees (unions/scopes.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stations.models import FilingForm, Pledge, StationStatus
from tests.factories import FilingFormFactory, OperatingStationFactory
from unions.scopes import sees_row


def _pledge(filing, seq):
    station = OperatingStationFactory(filing=filing, status=StationStatus.APPROVED, plaque_seq=seq)
    return Pledge.objects.create(
        station=station,
        union=filing.union,
        pledging_unit="某银行",
        service_hours="9:00-17:00",
        head_name="李红",
        due_by=dt.date(2026, 12, 31),
    )


@pytest.fixture
def rows(world):
    other_filing = FilingFormFactory(union=world.union_b)
    return [
        world.filing_a,
        other_filing,
        _pledge(world.filing_a, 901),
        _pledge(other_filing, 902),
        world.host_a,
    ]


@pytest.mark.parametrize(
    "who",
    ["anonymous", "union_a", "union_b", "inspector", "inspector_own", "inspector_other",
     "aid_center", "admin"],
)  # fmt: skip
def test_each_answer_is_the_scopes(world, rows, who):
    user = world.users()[who]
    for row in rows:
        expected = type(row).objects.visible_to(user).filter(pk=row.pk).exists()
        assert sees_row(user, row) is expected, (who, row)


def test_a_union_own_row_and_the_aid_centers_are_decided_without_a_query(world, rows):
    filing, _other, pledge, *_ = rows
    with CaptureQueriesContext(connection) as ctx:
        assert sees_row(world.user_a, filing)
        assert sees_row(world.user_a, pledge)
        assert not sees_row(world.user_b, filing)
        assert sees_row(world.aid, pledge)
        assert not sees_row(world.inspector, filing)  # inspectors never see a filing

    assert ctx.captured_queries == []
    assert isinstance(filing, FilingForm)
