import uuid
from unittest import mock

import pytest
from django.db import IntegrityError

from history.models import RecordChange
from inspections.checks.services import inspection as service
from inspections.checks.services.inspection import inspection_record
from inspections.models import Inspection

from .factories_checks import record_kwargs, station

pytestmark = pytest.mark.django_db


def test_the_same_key_twice_makes_one_check(world):
    at = station(world.union_a)
    key = uuid.uuid4()
    first, created = inspection_record(**record_kwargs(at, world.inspector, idempotency_key=key))
    again, created_again = inspection_record(
        **record_kwargs(at, world.inspector, idempotency_key=key)
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert Inspection.objects.count() == 1
    assert RecordChange.objects.filter(record="inspection").count() == 1


def test_a_send_that_loses_the_race_returns_the_winners_check(world):
    at = station(world.union_a)
    key = uuid.uuid4()
    winner, _ = inspection_record(**record_kwargs(at, world.inspector, idempotency_key=key))
    real_filter = Inspection.objects.filter
    calls = {"n": 0}

    def first_lookup_misses(*args, **kwargs):
        # The first look finds nothing (the other send has not committed yet); the insert
        # then hits the unique key, and the second look finds the winner.
        calls["n"] += 1
        if calls["n"] == 1:
            return Inspection.objects.none()
        return real_filter(*args, **kwargs)

    with mock.patch.object(Inspection.objects, "filter", side_effect=first_lookup_misses):
        found, created = inspection_record(
            **record_kwargs(at, world.inspector, idempotency_key=key)
        )
    assert not created and found.pk == winner.pk
    assert Inspection.objects.count() == 1


def test_an_integrity_error_without_a_winner_is_not_swallowed(world):
    at = station(world.union_a)
    failing = mock.patch.object(service, "_create", side_effect=IntegrityError("other"))
    with failing, pytest.raises(IntegrityError):
        inspection_record(**record_kwargs(at, world.inspector))
