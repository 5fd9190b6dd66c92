from __future__ import annotations

import pytest

from stations.models import FilingForm, Station
from stations.services.filing_import import filing_import
from unions.models import Union


@pytest.fixture
def run_import(world):
    """Import a file for union A (or another union) as union A's clerk."""

    def run(file, *, union: Union | None = None, by=None):
        return filing_import(file=file, union=union or world.union_a, by=by or world.user_a)

    return run


@pytest.fixture
def nothing_saved(world):
    """Asserts, after the test body ran, that no filing or station was added."""
    filings, stations = FilingForm.objects.count(), Station.objects.count()

    def check():
        assert FilingForm.objects.count() == filings
        assert Station.objects.count() == stations

    return check


@pytest.fixture
def industry_union(db) -> Union:
    return Union.objects.get(code="finance")


@pytest.fixture
def greening_union(db) -> Union:
    return Union.objects.get(code="greening")
