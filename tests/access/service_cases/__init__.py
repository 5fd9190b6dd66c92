"""Every service that changes a record checks its caller itself (STYLE: "a service that trusts
the view to have checked the caller" is a shape to avoid).

Each module of this package holds one area's ``CASES``: a service function, the roles of the
``world`` fixture (tests/conftest.py: anonymous, union_a, union_b, inspector, inspector_own,
inspector_other, aid_center, admin) that may call it, and how to call it for a given user on
a fresh record of union A. ``test_services_check_their_caller.py`` calls every case with
every role: an allowed role's call succeeds, any other raises PermissionDenied. The same file
fails on a public service function that takes the acting user (``by``) and has no case.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ROLES = (
    "anonymous",
    "union_a",
    "union_b",
    "inspector",
    "inspector_own",
    "inspector_other",
    "aid_center",
    "admin",
)


@dataclass(frozen=True)
class ServiceCase:
    service: Callable
    # Keys of World.users() whose call must succeed; every other role is refused.
    allowed: frozenset[str]
    # call(world, user): builds what the service acts on (for union A, unless the case says
    # otherwise) and calls the service with by=user. Must not catch PermissionDenied.
    call: Callable[[Any, Any], Any]
    # Distinguishes two cases of one service (e.g. a union's own station and another's).
    label: str = ""

    @property
    def id(self) -> str:
        name = f"{self.service.__module__}.{self.service.__name__}"
        return f"{name}[{self.label}]" if self.label else name


def all_cases() -> list[ServiceCase]:
    found: list[ServiceCase] = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "CASES", ()))
    return found
