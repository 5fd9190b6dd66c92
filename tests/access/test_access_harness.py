"""The access harness: every URL pattern, every role, the declared outcome.

For each pattern it reads the view's declared rule (unions/access.py), fills the pattern's
arguments with objects owned by union A (cases.py), and requests it as every role: anonymous,
union A, union B, a city-wide inspector, a district inspector of union A's district and one
of another district, the aid center and an administrator. Anonymous visitors to staff pages
go to the login page, roles the rule does not name get 403, union B gets 404 for union A's
objects, roles the object's scope hides it from get 404, and an allowed role gets the view's
answer. POST-only views are also POSTed with an empty body. VARIANTS add rows for patterns
whose answer depends on the object's state or district.
"""

from __future__ import annotations

import pytest
from django.test import Client

from unions.access import rule_for

from .case import Case
from .cases import ADMIN_VALUES, CASES, VARIANTS
from .urlwalk import all_patterns

ROLES = [
    "anonymous",
    "union_a",
    "union_b",
    "inspector",
    "inspector_own",
    "inspector_other",
    "aid_center",
    "admin",
]
PATTERNS = all_patterns()
BY_KEY = {p.key: p for p in PATTERNS}
# (pattern, case) rows: every pattern's main case, then the variants.
ROWS = [(p, CASES.get(p.key)) for p in PATTERNS if "admin" not in p.namespaces] + [
    (BY_KEY[key], case) for key, case in VARIANTS
]


def _row_id(row) -> str:
    pattern, case = row
    return f"{pattern.key}{'[' + case.label + ']' if case and case.label else ''}"


def _rule(p):
    return rule_for(p.callback, p.namespaces)


def test_every_pattern_declares_a_rule():
    undeclared = [p.route for p in PATTERNS if _rule(p) is None]
    assert undeclared == []


def test_every_pattern_has_a_harness_case():
    missing = [p.key for p in PATTERNS if "admin" not in p.namespaces and p.key not in CASES]
    assert missing == []


def test_the_table_names_no_pattern_that_does_not_exist():
    keys = {p.key for p in PATTERNS}
    assert sorted((set(CASES) | {key for key, _case in VARIANTS}) - keys) == []


def _expected_get(p, case: Case, role: str) -> int:
    rule = _rule(p)
    if role in case.override:
        return case.override[role]
    allowed = rule.public or (role != "anonymous" and _role_value(role) in rule.roles)
    if not allowed:
        return 302 if role == "anonymous" else 403
    if "GET" not in rule.methods:
        return 405
    if (case.owner == "a" and role == "union_b") or role in case.hidden_from:
        return 404
    return case.ok


def _role_value(role: str) -> str:
    from unions.models import Role

    return {
        "union_a": Role.UNION_STAFF,
        "union_b": Role.UNION_STAFF,
        "inspector": Role.INSPECTOR,
        "inspector_own": Role.INSPECTOR,
        "inspector_other": Role.INSPECTOR,
        "aid_center": Role.AID_CENTER,
        "admin": Role.ADMIN,
    }[role]


def _client(world, role: str) -> Client:
    client = Client()
    user = world.users()[role]
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=_row_id)
def test_get_answers_as_declared(world, row, role):
    pattern, case = row
    if case is None:
        pytest.fail(f"no harness case for {pattern.key}")
    response = _client(world, role).get(pattern.path(case.kwargs(world)))
    expected = _expected_get(pattern, case, role)
    assert response.status_code == expected, (
        f"GET {_row_id(row)} as {role}: {response.status_code}, declared {expected}"
    )
    if expected == 302 and role == "anonymous" and not _rule(pattern).public:
        assert response["Location"].startswith("/accounts/login/")


ADMIN_PATTERNS = [p for p in PATTERNS if "admin" in p.namespaces]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("pattern", ADMIN_PATTERNS, ids=lambda p: p.key)
def test_the_admin_site_is_for_administrators_only(world, pattern, role):
    from unions.models import SecurityEvent

    response = _client(world, role).get(pattern.path(ADMIN_VALUES))
    if role == "admin":
        # Admitted past our rule: the admin answers for itself (a page, a redirect, 404 for
        # the harness's made-up ids, or its own 403 for adding to a read-only history).
        assert response.status_code != 500
        assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.REFUSED).exists()
    elif role == "anonymous":
        assert response.status_code == (200 if pattern.name == "admin:login" else 302)
    else:
        assert response.status_code == 403, f"{pattern.key} as {role}: {response.status_code}"


POST_ROWS = [row for row in ROWS if row[1] is not None and "POST" in _rule(row[0]).methods]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", POST_ROWS, ids=_row_id)
def test_post_answers_as_declared(world, row, role):
    pattern, case = row
    rule = _rule(pattern)
    response = _client(world, role).post(pattern.path(case.kwargs(world)), {})
    allowed = rule.public or (role != "anonymous" and _role_value(role) in rule.roles)
    if not allowed:
        assert response.status_code == (302 if role == "anonymous" else 403)
    elif (case.owner == "a" and role == "union_b") or role in case.hidden_from:
        assert response.status_code == 404
    else:
        assert response.status_code in case.post_ok, (
            f"POST {pattern.key} as {role}: {response.status_code}"
        )


def _an_allowed_role(rule) -> str | None:
    for role in ROLES:
        if role == "anonymous":
            if rule.public:
                return role
        elif rule.public or _role_value(role) in rule.roles:
            return role
    return None


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
@pytest.mark.parametrize("row", [r for r in ROWS if r[1] is not None], ids=_row_id)
def test_a_method_the_rule_does_not_declare_answers_405(world, row, method):
    pattern, case = row
    rule = _rule(pattern)
    role = _an_allowed_role(rule)
    assert role is not None, f"{pattern.key}: nobody may use it"
    response = getattr(_client(world, role), method)(pattern.path(case.kwargs(world)))
    assert response.status_code == 405, f"{method.upper()} {pattern.key}: {response.status_code}"
