"""The training of station heads (issue 23, item 5): any union or the aid center schedules;
attendance is recorded by the session's union or the aid center, for stations in the caller's
scope only."""

from __future__ import annotations

from stations.services.training import training_attendance_set, training_schedule
from tests.training import session_of

from ..service_cases import ServiceCase
from ._build import UNION_A_OR_AID, station


def _schedule(world, user):
    return session_of(user)


def _attend(organiser):
    def call(world, user):
        session = session_of(organiser(world))
        ids = [station(world).pk]
        return training_attendance_set(session=session, by=user, shown=ids, ticked=ids)

    return call


CASES = [
    ServiceCase(training_schedule, frozenset({"union_a", "union_b", "aid_center"}), _schedule),
    # Union A's own session: union B does not see it.
    ServiceCase(training_attendance_set, UNION_A_OR_AID, _attend(lambda w: w.user_a)),
    # The city-wide session: union B sees it, but not union A's station.
    ServiceCase(
        training_attendance_set, UNION_A_OR_AID, _attend(lambda w: w.aid), label="city-wide"
    ),
]
