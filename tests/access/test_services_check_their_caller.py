"""Every public service that takes the acting user refuses the roles its table refuses,
whoever calls it (a view, a task, a shell): see tests/access/service_cases/."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from .service_cases import ROLES, all_cases

APPS = ("unions", "documents", "stations", "inspections", "awards")

# Functions with a ``by`` parameter that are not a door of their own: they are called by the
# services above them inside their transaction, after the caller was checked.
NOT_A_DOOR = {
    "stations.services.history.record_change": "the history writer every service calls",
    "stations.services.history.stations_recorded": "the history writer every service calls",
}

CASES = all_cases()


def _service_packages(app: str):
    """An app's ``services`` module or package, and those of its areas (inspections keeps one
    in each of checks/, orders/ and assessment/), wherever they sit in it."""
    root = importlib.import_module(app)
    names = [app] + [info.name for info in pkgutil.walk_packages(root.__path__, f"{app}.")]
    for name in names:
        if name.rsplit(".", 1)[-1] == "services":
            yield importlib.import_module(name)


def _service_modules():
    for app in APPS:
        for package in _service_packages(app):
            yield package
            prefix = f"{package.__name__}."
            for info in pkgutil.walk_packages(getattr(package, "__path__", []), prefix):
                yield importlib.import_module(info.name)


def _doors() -> set[str]:
    found = set()
    for module in _service_modules():
        for name, obj in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(obj):
                continue
            if obj.__module__ != module.__name__:
                continue
            if "by" in inspect.signature(obj).parameters:
                found.add(f"{obj.__module__}.{name}")
    return found


def test_every_service_that_takes_the_acting_user_has_a_case():
    covered = {f"{c.service.__module__}.{c.service.__name__}" for c in CASES}
    missing = sorted(_doors() - covered - set(NOT_A_DOOR))
    assert not missing, f"services without a caller case: {missing}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_service_refuses_every_role_its_table_refuses(case, role, world):
    user = world.users()[role] or AnonymousUser()
    if role in case.allowed:
        case.call(world, user)
    else:
        with pytest.raises(PermissionDenied):
            case.call(world, user)
