"""Withdrawing a published title takes back its certificate and the titles that follow from
it: an excellent station's head, and its superior unit's partner title unless another of
the unit's stations still carries it (awards.services.award_withdraw)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from awards.certificates import CERTIFICATE_KIND
from awards.models import Award, AwardKind, TitleStatus
from awards.services import (
    award_confirm,
    award_selection_save,
    award_withdraw,
    award_year_publish,
)
from documents.models import GeneratedDocument
from history.models import RecordChange
from tests.factories import HostUnitFactory, make_user
from unions.models import Role, Union

from .conftest import YEAR, operating_station, scores


@pytest.fixture(autouse=True)
def _eager_tasks(monkeypatch):
    from config.celery_app import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)


@pytest.fixture
def aid(db):
    return make_user("aid", Role.AID_CENTER)


def _publish(aid, winners, capture):
    """25 operating stations (exactly two titles): ``winners`` and 23 others below them."""
    for station in winners:
        scores(station, [99, 99, 99, 99])
    for i in range(25 - len(winners)):
        scores(operating_station(), [90 - i * 0.1] * 4)
    award_selection_save(year=YEAR, station_ids=[s.pk for s in winners], by=aid)
    for award in Award.objects.filter(confirmed=False):
        award_confirm(award=award, confirmed=True, by=aid)
    with capture(execute=True):
        award_year_publish(year=YEAR, by=aid)


def _title(kind, station):
    return Award.objects.get(kind=kind, station=station)


def _certificate(award):
    return GeneratedDocument.objects.get(kind=CERTIFICATE_KIND, record_key=f"award:{award.pk}")


def test_an_excellent_stations_withdrawal_takes_its_head_its_partner_and_their_certificates(
    aid, django_capture_on_commit_callbacks
):
    union = Union.objects.get(code="huangpu")
    first = operating_station(host_unit=HostUnitFactory(union=union, parent_unit="甲银行"))
    second = operating_station(host_unit=HostUnitFactory(union=union, parent_unit="乙超市"))
    _publish(aid, [first, second], django_capture_on_commit_callbacks)
    station, head, partner = (
        _title(AwardKind.EXCELLENT_STATION, first),
        _title(AwardKind.STAR_HEAD, first),
        Award.objects.get(kind=AwardKind.PARTNER, name="甲银行"),
    )
    certificates = [_certificate(a) for a in (station, head, partner)]
    assert {c.state for c in certificates} == {GeneratedDocument.State.READY}

    with django_capture_on_commit_callbacks(execute=True):
        result = award_withdraw(award=station, reason="发现弄虚作假", by=aid)

    assert [a.kind for a in result.followed] == [AwardKind.STAR_HEAD, AwardKind.PARTNER]
    for award in (station, head, partner):
        award.refresh_from_db()
        assert award.status == TitleStatus.WITHDRAWN
    for certificate in certificates:
        certificate.refresh_from_db()
        assert certificate.state == GeneratedDocument.State.WITHDRAWN
    # The other winner's titles stand, its unit's partner title too.
    assert _title(AwardKind.STAR_HEAD, second).status == TitleStatus.PUBLISHED
    assert Award.objects.get(kind=AwardKind.PARTNER, name="乙超市").status == (
        TitleStatus.PUBLISHED
    )
    withdrawn = RecordChange.objects.filter(record="award", action="withdrawn")
    assert any("甲银行" in change.award_name for change in withdrawn)


def test_a_withdrawn_certificate_no_longer_downloads_nor_is_listed(
    aid, django_capture_on_commit_callbacks
):
    first = operating_station()
    second = operating_station()
    _publish(aid, [first, second], django_capture_on_commit_callbacks)
    station = _title(AwardKind.EXCELLENT_STATION, first)
    certificate = _certificate(station)
    clerk = make_user("clerk-hp", Role.UNION_STAFF, union=first.union)
    client = Client()
    client.force_login(clerk)
    download = f"/staff/documents/{certificate.pk}/download/"
    assert client.get(download).status_code == 200
    assert download in client.get("/staff/awards/certificates/").content.decode()

    award_withdraw(award=station, reason="发现弄虚作假", by=aid)

    assert client.get(download).status_code == 404
    assert download not in client.get("/staff/awards/certificates/").content.decode()


def test_a_partner_title_carried_by_another_of_its_units_stations_moves_to_it(
    aid, django_capture_on_commit_callbacks
):
    union = Union.objects.get(code="huangpu")
    bank = [HostUnitFactory(union=union, parent_unit="中国工商银行上海市分行") for _ in "ab"]
    first = operating_station(host_unit=bank[0])
    second = operating_station(host_unit=bank[1])
    _publish(aid, [first, second], django_capture_on_commit_callbacks)
    partner = Award.objects.get(kind=AwardKind.PARTNER)
    assert partner.station_id == first.pk  # the better-ranked winner (lower plaque number)
    old = _certificate(partner)

    with django_capture_on_commit_callbacks(execute=True):
        result = award_withdraw(
            award=_title(AwardKind.EXCELLENT_STATION, first), reason="弄虚作假", by=aid
        )

    partner.refresh_from_db()
    assert result.moved == partner
    assert partner.status == TitleStatus.PUBLISHED
    assert (partner.station_id, partner.plaque_number) == (second.pk, second.plaque_number)
    old.refresh_from_db()
    assert old.state == GeneratedDocument.State.WITHDRAWN
    redrawn = GeneratedDocument.objects.filter(
        kind=CERTIFICATE_KIND, record_key=f"award:{partner.pk}"
    ).exclude(pk=old.pk)
    assert [d.payload["plaque_number"] for d in redrawn] == [second.plaque_number]


def test_a_heads_title_withdrawn_alone_leaves_the_station_and_partner(
    aid, django_capture_on_commit_callbacks
):
    first = operating_station()
    second = operating_station()
    _publish(aid, [first, second], django_capture_on_commit_callbacks)
    result = award_withdraw(award=_title(AwardKind.STAR_HEAD, first), reason="另有任用", by=aid)
    assert result.followed == [] and not result.standing.below
    assert _title(AwardKind.EXCELLENT_STATION, first).status == TitleStatus.PUBLISHED


def test_a_title_cannot_be_withdrawn_twice_nor_before_publication(aid):
    stations = [operating_station() for _ in range(14)]
    for i, station in enumerate(stations):
        scores(station, [95 - i] * 4)
    award_selection_save(year=YEAR, station_ids=[stations[0].pk], by=aid)
    station = _title(AwardKind.EXCELLENT_STATION, stations[0])
    with pytest.raises(ValidationError):
        award_withdraw(award=station, reason="x", by=aid)
    award_year_publish(year=YEAR, by=aid, certificates=False)
    award_withdraw(award=station, reason="弄虚作假", by=aid)
    with pytest.raises(ValidationError):
        award_withdraw(award=station, reason="再一次", by=aid)
