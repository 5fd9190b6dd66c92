"""A registry export, and the order list's CSV, are their requester's alone: every
requester × every role of the harness.

The export holds every field of the stations its requester sees (heads' mobile numbers
included), written through that requester's scope: nobody else reads it, neither a
colleague of the same union nor the aid center (unions.scopes.PERSONAL_DOCUMENT_KINDS).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from .cases_documents import ready_export, ready_order_export
from .test_access_harness import ROLES, _client

REQUESTERS = ["union_a", "union_b", "inspector", "inspector_own", "inspector_other", "aid_center"]
PAGES = [
    "documents:download",
    "stations:registry_export_detail",
    "stations:registry_export_status",
]
ORDER_PAGES = [
    "documents:download",
    "inspections:order_export_detail",
    "inspections:order_export_status",
]


def _expected(requester: str, role: str) -> int:
    if role == "anonymous":
        return 302
    if role == "admin":
        return 403  # not a registry user: refused by the views' rule before any lookup
    return 200 if role == requester else 404


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("requester", REQUESTERS)
def test_only_the_requester_reads_an_export(world, requester, role, page):
    url = reverse(page, kwargs={"pk": ready_export(world, requester).pk})
    response = _client(world, role).get(url)
    assert response.status_code == _expected(requester, role), f"{requester}'s, as {role}"


@pytest.mark.parametrize("page", ORDER_PAGES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("requester", REQUESTERS)
def test_only_the_requester_reads_an_order_export(world, requester, role, page):
    url = reverse(page, kwargs={"pk": ready_order_export(world, requester).pk})
    response = _client(world, role).get(url)
    assert response.status_code == _expected(requester, role), f"{requester}'s, as {role}"


def test_a_clerk_who_moved_to_another_union_no_longer_reads_the_old_unions_export(world):
    document = ready_export(world, "union_a")
    world.user_a.profile.union = world.union_b
    world.user_a.profile.save()
    url = reverse("documents:download", kwargs={"pk": document.pk})
    assert _client(world, "union_a").get(url).status_code == 404


def test_a_district_inspector_moved_to_another_district_no_longer_reads_it(world):
    document = ready_export(world, "inspector_own")
    world.inspector_own.profile.district = "浦东新区"
    world.inspector_own.profile.save()
    url = reverse("documents:download", kwargs={"pk": document.pk})
    assert _client(world, "inspector_own").get(url).status_code == 404
