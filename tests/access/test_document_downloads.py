"""Every kind of document through the download view, as every role of the harness.

Least privilege (DESIGN): inspectors read a station's own pledge and plaque, never a filing
form, an agreement, a filing's zip or a report; union staff read their own union's only.
"""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from documents import kinds
from unions.access import rule_for
from unions.scopes import INSPECTOR_DOCUMENT_KINDS, PERSONAL_DOCUMENT_KINDS

from .cases_documents import DOWNLOADS
from .test_access_harness import ROLES, _client, _role_value


def _expected(case, role: str) -> int:
    rule = rule_for(resolve(reverse("documents:download", kwargs={"pk": 1})).func)
    if role == "anonymous":
        return 302
    if _role_value(role) not in rule.roles:
        return 403
    if (case.owner == "a" and role == "union_b") or role in case.hidden_from:
        return 404
    return 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", list(DOWNLOADS))
def test_each_kind_downloads_as_its_scope_says(world, kind, role):
    case = DOWNLOADS[kind]
    url = reverse("documents:download", kwargs=case.kwargs(world))
    response = _client(world, role).get(url)
    assert response.status_code == _expected(case, role), f"{kind} as {role}"


def test_the_table_covers_every_registered_kind():
    # Kinds registered by the test settings alone start with "test_" (tests/documents/slow).
    portal = {kind.code for kind in kinds.all_kinds() if not kind.code.startswith("test_")}
    assert set(DOWNLOADS) == portal


def test_the_kinds_inspectors_read_are_the_ones_the_scope_lets_through():
    shown = {kind.code for kind in kinds.all_kinds() if kind.shown_to_inspectors}
    assert shown == set(INSPECTOR_DOCUMENT_KINDS)


def test_the_personal_kinds_are_the_ones_the_scope_keeps_to_their_requester():
    personal = {kind.code for kind in kinds.all_kinds() if kind.personal}
    assert personal == set(PERSONAL_DOCUMENT_KINDS)
