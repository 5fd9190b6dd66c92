"""A peer review's red line goes to the reviewed union and the aid center as a finding to
follow up: no order, no change to the station, nothing public (issue 21, a hostile union's
trial: a red-line peer review put another union's station 整改中 on its public page)."""

import pytest
from django.test import Client
from django.utils import timezone

from inspections.checks.findings import open_findings
from inspections.checks.services.inspection import inspection_record
from inspections.models import PeerReviewPairing, Rectification
from inspections.permissions import quarter_of
from stations.models import StationStatus, StationTransition
from unions.models import Notice

from .factories_checks import all_met, record_kwargs, station

pytestmark = pytest.mark.django_db


def _red_line_peer_review(world):
    at = station(world.union_a)
    year, quarter = quarter_of(timezone.localdate())
    PeerReviewPairing.objects.create(
        year=year,
        quarter=quarter,
        reviewer=world.union_b,
        union=world.union_a,
        created_by=world.aid,
    )
    check, _ = inspection_record(
        **record_kwargs(
            at, world.user_b, kind="peer_review", findings=all_met(failing=("plaque_posted",))
        )
    )
    return at, check


def test_it_opens_no_order_and_leaves_the_station_as_it_was(world):
    at, check = _red_line_peer_review(world)
    assert check.red_line and check.is_finding
    assert not Rectification.objects.exists()
    at.refresh_from_db()
    assert at.status == StationStatus.ACTIVE
    assert not StationTransition.objects.filter(station=at).exists()


def test_the_public_station_page_shows_no_rectification(world, client):
    at, _check = _red_line_peer_review(world)
    page = client.get(f"/stations/{at.plaque_number}/").content.decode()
    assert "整改中" not in page


def test_the_reviewed_union_is_told_and_sees_the_finding_on_its_home(world):
    at, check = _red_line_peer_review(world)
    notice = Notice.objects.get(union=world.union_a, topic="peer_review_finding")
    assert at.name in notice.subject and "铭牌" in notice.body
    assert notice.link == f"/staff/inspections/checks/{check.pk}/"
    assert not Notice.objects.filter(union=world.union_b, topic="peer_review_finding").exists()
    for user in (world.user_a, world.aid):
        assert list(open_findings(check.__class__.objects.visible_to(user))) == [check]
        client = Client()
        client.force_login(user)
        home = client.get("/staff/").content.decode()
        assert "自查自评、互访互评发现的待跟进红线问题" in home
        assert at.name in home
        listed = client.get("/staff/inspections/checks/?finding=1").content.decode()
        assert f"/staff/inspections/checks/{check.pk}/" in listed


def test_the_check_page_calls_it_a_finding_not_an_order(world):
    _at, check = _red_line_peer_review(world)
    client = Client()
    client.force_login(world.user_a)
    page = client.get(f"/staff/inspections/checks/{check.pk}/").content.decode()
    assert 'data-testid="finding-alert"' in page
    assert 'data-testid="red-line-alert"' not in page


def test_a_later_check_without_a_red_line_clears_the_finding(world):
    at, check = _red_line_peer_review(world)
    later = timezone.now() + timezone.timedelta(minutes=5)
    inspection_record(**record_kwargs(at, world.user_a, kind="self_check", visited_at=later))
    assert not open_findings(check.__class__.objects.visible_to(world.aid)).exists()
