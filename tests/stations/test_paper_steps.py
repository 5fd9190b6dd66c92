"""The seed's paper steps have a place: 附件1's two paper copies reaching the aid center,
the plaque delivered and hung (挂牌), each dated, recorded with history, shown on the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from history.models import RecordChange
from stations.models import StationStatus
from stations.services.paper import filing_paper_receive, plaque_deliver, plaque_hang
from tests.factories import StationFactory

Action = RecordChange.Action


@pytest.fixture
def numbered(world):
    return StationFactory(
        filing=world.filing_a,
        status=StationStatus.APPROVED,
        host_unit=world.host_a,
        plaque_number="SH00007",
        plaque_seq=7,
        plaque_issue_count=1,
        approved_at=timezone.now() - dt.timedelta(days=30),
    )


@pytest.fixture
def officer(client, world):
    client.force_login(world.aid)
    return client


DAY = timezone.localdate() - dt.timedelta(days=3)


def test_the_aid_center_records_the_paper_copies_arriving(officer, world):
    url = reverse("stations:filing_paper_received", args=[world.filing_a.pk])
    officer.post(url, {"day": DAY.isoformat(), "copies": "2"})
    world.filing_a.refresh_from_db()
    assert (world.filing_a.paper_received_on, world.filing_a.paper_copies) == (DAY, 2)
    row = RecordChange.objects.get(filing=world.filing_a, action=Action.PAPER_RECEIVED)
    assert row.by == world.aid and row.changes["paper_received_on"][1] == DAY.isoformat()
    page = officer.get(reverse("stations:filing_detail", args=[world.filing_a.pk])).content
    assert DAY.isoformat() in page.decode()


def test_a_clerk_cannot_record_the_paper_copies(client, world):
    client.force_login(world.user_a)
    url = reverse("stations:filing_paper_received", args=[world.filing_a.pk])
    response = client.post(url, {"day": DAY.isoformat(), "copies": "2"})
    assert response.status_code == 403
    world.filing_a.refresh_from_db()
    assert world.filing_a.paper_received_on is None


def test_paper_copies_cannot_arrive_tomorrow(world):
    with pytest.raises(ValidationError):
        filing_paper_receive(
            filing=world.filing_a, by=world.aid, received_on=timezone.localdate() + dt.timedelta(1)
        )


def test_the_plaque_is_delivered_then_hung_with_history(officer, numbered, world):
    officer.post(reverse("stations:plaque_delivered", args=[numbered.pk]), {"day": DAY.isoformat()})
    officer.post(reverse("stations:plaque_hung", args=[numbered.pk]), {"day": DAY.isoformat()})
    numbered.refresh_from_db()
    assert numbered.plaque_delivered_on == DAY
    assert numbered.plaque_hung_on == DAY
    actions = list(RecordChange.objects.filter(station=numbered).values_list("action", flat=True))
    assert actions == [Action.PLAQUE_DELIVERED, Action.PLAQUE_HUNG]
    page = officer.get(reverse("stations:staff_detail", args=[numbered.pk])).content.decode()
    card = page[page.index('data-testid="plaque-card"') :]
    assert card.count(DAY.isoformat()) >= 2


def test_the_union_records_the_hanging_but_not_the_delivery(client, numbered, world):
    client.force_login(world.user_a)
    response = client.post(
        reverse("stations:plaque_delivered", args=[numbered.pk]), {"day": DAY.isoformat()}
    )
    assert response.status_code == 403
    plaque_deliver(station=numbered, by=world.aid, delivered_on=DAY)
    client.post(reverse("stations:plaque_hung", args=[numbered.pk]), {"day": DAY.isoformat()})
    numbered.refresh_from_db()
    assert numbered.plaque_hung_on == DAY


def test_a_plaque_cannot_hang_before_it_is_delivered(numbered, world):
    with pytest.raises(ValidationError):
        plaque_hang(station=numbered, by=world.aid, hung_on=DAY)
    plaque_deliver(station=numbered, by=world.aid, delivered_on=DAY)
    with pytest.raises(ValidationError):
        plaque_hang(station=numbered, by=world.aid, hung_on=DAY - dt.timedelta(days=1))


def test_a_station_without_a_plaque_gets_none_delivered(world):
    with pytest.raises(ValidationError):
        plaque_deliver(station=world.station_a, by=world.aid, delivered_on=DAY)


def test_paper_steps_are_post_only(officer, numbered, world):
    for url in (
        reverse("stations:filing_paper_received", args=[world.filing_a.pk]),
        reverse("stations:plaque_delivered", args=[numbered.pk]),
        reverse("stations:plaque_hung", args=[numbered.pk]),
    ):
        assert officer.get(url).status_code == 405


def test_the_home_pages_list_what_is_missing(client, numbered, world):
    from stations.models import FilingForm

    FilingForm.objects.filter(pk=world.filing_a.pk).update(status=FilingForm.Status.SUBMITTED)
    client.force_login(world.aid)
    work = {str(w.title): w for w in client.get("/staff/").context["work"]}
    assert list(work["已提交但纸质备案表尚未收到"].items) == [world.filing_a]
    assert list(work["铭牌尚未送达"].items) == [numbered]
    plaque_deliver(station=numbered, by=world.aid, delivered_on=DAY)
    client.force_login(world.user_a)
    work = {str(w.title): w for w in client.get("/staff/").context["work"]}
    assert list(work["铭牌已送达但尚未挂牌"].items) == [numbered]


def test_the_filing_page_shows_its_history_with_names(officer, world):
    world.aid.first_name = "刘芳"
    world.aid.save()
    filing_paper_receive(filing=world.filing_a, by=world.aid, received_on=DAY, copies=2)
    page = officer.get(reverse("stations:filing_detail", args=[world.filing_a.pk])).content
    history = page.decode()[page.decode().index('data-testid="filing-history"') :]
    assert "刘芳" in history and "纸质备案表已收到" in history and DAY.isoformat() in history


def test_the_filing_history_shows_a_submission(client, world):
    from stations.services.filing import filing_submit

    filing_submit(filing=world.filing_a, by=world.user_a)
    client.force_login(world.user_a)
    response = client.get(reverse("stations:filing_detail", args=[world.filing_a.pk]))
    assert response.status_code == 200
    history = response.content.decode()
    history = history[history.index('data-testid="filing-history"') :]
    assert "站点: — → 1" in history
