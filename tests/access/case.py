"""One entry of the access harness's table (see cases.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# The harness's inspectors: city-wide, of union A's district (黄浦区), of another district.
INSPECTORS = ("inspector", "inspector_own", "inspector_other")
# What a district inspector of another district must not see: union A's non-draft records.
OTHER_DISTRICT = ("inspector_other",)


@dataclass(frozen=True)
class Case:
    kwargs: Callable = lambda w: {}  # noqa: E731
    # "a" when the object belongs to union A: union B's staff must get 404.
    owner: str = ""
    # Roles the object's scope hides it from although the view admits them (404), e.g.
    # inspectors never see draft stations.
    hidden_from: tuple[str, ...] = ()
    ok: int = 200
    # role -> status, where the view answers differently by design.
    override: dict[str, int] = field(default_factory=dict)
    # Allowed POSTs with an empty body must answer one of these (never 403, 404 or 500).
    post_ok: tuple[int, ...] = (200, 302, 400)
    # What the row proves, for variants of a pattern beyond its main case.
    label: str = ""
