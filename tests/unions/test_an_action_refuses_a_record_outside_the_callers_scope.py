"""unions.actions.check refuses a record outside the caller's scope (unions/scopes.py),
whatever the row's roles say; a record with no scope of its own, or none at all, is decided
by the role alone."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from unions.actions import NEW, Action, check, table
from unions.roles import UNION

pytestmark = pytest.mark.django_db

ROWS = table(Action("touch", ("draft", NEW), None, UNION, _("Touch")))


class _Unscoped:
    """A record kind with no scope entry (an award year, a quarterly assessment)."""

    status = NEW


def test_union_b_is_refused_union_as_station_although_its_role_may_act(world):
    check(ROWS, "touch", world.station_a, world.user_a)
    with pytest.raises(PermissionDenied):
        check(ROWS, "touch", world.station_a, world.user_b)


def test_a_record_without_a_scope_or_no_record_is_decided_by_the_role(world):
    check(ROWS, "touch", None, world.user_b, status=NEW)
    check(ROWS, "touch", _Unscoped(), world.user_b)
    with pytest.raises(PermissionDenied):
        check(ROWS, "touch", None, world.inspector, status=NEW)
