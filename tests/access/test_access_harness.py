"""The access harness: every URL pattern, every role, the declared outcome.

For each pattern it reads the view's declared rule (unions/access.py), fills the pattern's
arguments with objects owned by union A (cases.py), and requests it as anonymous, union A,
union B, inspector and aid center. Anonymous visitors to staff pages go to the login page,
roles the rule does not name get 403, union B gets 404 for union A's objects, and an allowed
role gets the view's answer. POST-only views are also POSTed with an empty body.
"""

from __future__ import annotations

import pytest
from django.test import Client

from unions.access import ADMIN_SITE, rule_for

from .cases import ADMIN_VALUES, CASES
from .urlwalk import all_patterns

ROLES = ["anonymous", "union_a", "union_b", "inspector", "aid_center"]
PATTERNS = all_patterns()


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
    assert sorted(set(CASES) - keys) == []


def _expected_get(p, role: str) -> int:
    rule = _rule(p)
    if rule is ADMIN_SITE:
        if role == "anonymous":
            return 200 if p.name == "admin:login" else 302
        return 403
    case = CASES[p.key]
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
        "aid_center": Role.AID_CENTER,
    }[role]


def _client(world, role: str) -> Client:
    client = Client()
    user = world.users()[role]
    if user is not None:
        client.force_login(user)
    return client


def _path(p, world) -> str:
    if "admin" in p.namespaces:
        return p.path(ADMIN_VALUES)
    return p.path(CASES[p.key].kwargs(world))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.key)
def test_get_answers_as_declared(world, pattern, role):
    if pattern.key not in CASES and "admin" not in pattern.namespaces:
        pytest.fail(f"no harness case for {pattern.key}")
    response = _client(world, role).get(_path(pattern, world))
    expected = _expected_get(pattern, role)
    assert response.status_code == expected, (
        f"GET {pattern.key} as {role}: {response.status_code}, declared {expected}"
    )
    staff_page = "admin" not in pattern.namespaces and not _rule(pattern).public
    if expected == 302 and role == "anonymous" and staff_page:
        assert response["Location"].startswith("/accounts/login/")


POST_PATTERNS = [
    p for p in PATTERNS if "admin" not in p.namespaces and "POST" in (_rule(p).methods or ())
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("pattern", POST_PATTERNS, ids=lambda p: p.key)
def test_post_answers_as_declared(world, pattern, role):
    rule = _rule(pattern)
    case = CASES[pattern.key]
    response = _client(world, role).post(_path(pattern, world), {})
    allowed = rule.public or (role != "anonymous" and _role_value(role) in rule.roles)
    if not allowed:
        assert response.status_code == (302 if role == "anonymous" else 403)
    elif (case.owner == "a" and role == "union_b") or role in case.hidden_from:
        assert response.status_code == 404
    else:
        assert response.status_code in case.post_ok, (
            f"POST {pattern.key} as {role}: {response.status_code}"
        )
