"""Each role has its own home page at /staff/ listing that person's pending work."""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from stations.models import StationStatus
from tests.factories import FilingFormFactory, StationFactory, make_user
from unions.models import Role, SecurityEvent, Union

HOME = "/staff/"


def _title(response) -> str:
    match = re.search(r'data-testid="home-title">(.*?)</h1>', response.content.decode(), re.S)
    assert match, "home page has no data-testid=home-title heading"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def _zh(msgid: str) -> str:
    # The page is rendered in the default language; compare with the same catalog.
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(msgid)


def _station(union: Union, name: str, status: str, district: str | None = None):
    filing = FilingFormFactory(union=union)
    return StationFactory(
        filing=filing, name=name, status=status, district=district or union.district
    )


@pytest.fixture
def stations(world):
    return {
        "returned_a": _station(world.union_a, "黄浦退回站", StationStatus.RETURNED),
        "returned_b": _station(world.union_b, "徐汇退回站", StationStatus.RETURNED),
        "submitted_a": _station(world.union_a, "黄浦待审站", StationStatus.SUBMITTED),
        "submitted_b": _station(world.union_b, "徐汇待审站", StationStatus.SUBMITTED),
        "rectifying_b": _station(world.union_b, "徐汇整改站", StationStatus.RECTIFYING),
    }


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/staff/")


@pytest.mark.django_db
def test_union_clerk_sees_their_own_unions_work_and_not_another_unions(client, world, stations):
    client.force_login(world.user_a)

    response = client.get(HOME)

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "home/union.html"
    assert _title(response) == "黄浦区总工会"
    page = response.content.decode()
    assert "黄浦退回站" in page
    assert "黄浦待审站" in page
    assert "徐汇退回站" not in page
    assert "徐汇待审站" not in page
    assert page.count('data-testid="work-card"') == len(response.context["work"])


@pytest.mark.django_db
def test_the_other_unions_clerk_sees_only_theirs(client, world, stations):
    client.force_login(world.user_b)

    page = client.get(HOME).content.decode()

    assert "徐汇退回站" in page
    assert "黄浦退回站" not in page


@pytest.mark.django_db
def test_aid_center_sees_every_unions_stations_awaiting_review(client, world, stations):
    client.force_login(world.aid)

    response = client.get(HOME)

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "home/aid_center.html"
    assert _title(response) == settings.AID_CENTER_NAME
    page = response.content.decode()
    assert "黄浦待审站" in page
    assert "徐汇待审站" in page
    assert "徐汇整改站" in page
    # Returned stations are back with their union: not the aid center's work.
    assert "黄浦退回站" not in page


@pytest.mark.django_db
def test_inspector_sees_stations_under_rectification(client, world, stations):
    client.force_login(world.inspector)

    response = client.get(HOME)

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "home/inspector.html"
    assert _title(response) == _zh("Service quality inspection")
    page = response.content.decode()
    assert "徐汇整改站" in page
    assert "黄浦待审站" not in page


@pytest.mark.django_db
def test_district_inspector_sees_only_their_district(client, world, stations):
    _station(world.union_a, "黄浦整改站", StationStatus.RECTIFYING)
    inspector = make_user("inspector_xuhui", Role.INSPECTOR, district="徐汇区")
    client.force_login(inspector)

    response = client.get(HOME)

    assert _title(response) == f"{_zh('Service quality inspection')} · 徐汇区"
    page = response.content.decode()
    assert "徐汇整改站" in page
    assert "黄浦整改站" not in page


@pytest.mark.django_db
def test_admin_sees_refused_accesses_and_lockouts(client, world):
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.LOCKED_OUT, username="intruder_x", ip_address="10.0.0.9"
    )
    SecurityEvent.objects.create(kind=SecurityEvent.Kind.LOGIN, username="ordinary_login_y")
    client.force_login(world.admin)

    response = client.get(HOME)

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "home/admin.html"
    assert _title(response) == _zh("System administration")
    page = response.content.decode()
    assert "intruder_x" in page
    assert "ordinary_login_y" not in page
    assert 'href="/admin/"' in page
