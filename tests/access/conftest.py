"""The access harness asks thousands of (pattern, role) questions of the same world: two
unions, their staff, inspectors, the aid center, an administrator and union A's station.
Building it for every case was a third of the harness's time (issue 22), so each module
builds it once (``held_for_the_module``) and every test gets a deep copy of the objects, so
a test that changes one in memory cannot hand the change to the next; what it writes to the
database is rolled back with its savepoint."""

from __future__ import annotations

import copy

import pytest

from ..conftest import World, build_world, held_for_the_module


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    with held_for_the_module(django_db_blocker, build_world) as built:
        yield built


@pytest.fixture
def world(_module_world: World, db) -> World:
    return copy.deepcopy(_module_world)
