"""The aid center's selection: held to the bounds on save, heads and partners proposed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from awards.models import Award, AwardKind
from awards.services import award_confirm, award_selection_save
from history.models import RecordChange
from tests.factories import HostUnitFactory, make_user
from unions.models import Role, Union

from .conftest import YEAR, operating_station, scores


@pytest.fixture
def aid(db):
    return make_user("aid", Role.AID_CENTER)


def _field(n, values=(90, 90, 90, 90), **fields):
    stations = []
    for i in range(n):
        station = operating_station(**fields)
        scores(station, [v - i * 0.1 for v in values])
        stations.append(station)
    return stations


def test_a_count_outside_the_bounds_is_refused_by_the_service(aid):
    stations = _field(20)  # 20 operating: exactly one
    with pytest.raises(ValidationError, match="1"):
        award_selection_save(year=YEAR, station_ids=[s.pk for s in stations[:2]], by=aid)
    assert not Award.objects.exists()


def test_a_count_inside_the_bounds_is_saved_with_heads_and_partners_proposed(aid):
    stations = _field(14)
    award_selection_save(year=YEAR, station_ids=[stations[0].pk], by=aid)
    awards = {a.kind: a for a in Award.objects.all()}
    assert set(awards) == {AwardKind.EXCELLENT_STATION, AwardKind.STAR_HEAD, AwardKind.PARTNER}
    assert awards[AwardKind.EXCELLENT_STATION].confirmed
    assert not awards[AwardKind.STAR_HEAD].confirmed
    assert awards[AwardKind.STAR_HEAD].name == stations[0].head_name
    assert awards[AwardKind.PARTNER].name == stations[0].host_unit.name
    assert awards[AwardKind.EXCELLENT_STATION].citation
    assert RecordChange.objects.filter(record="award", action="selected").count() == 1


def test_an_ineligible_station_cannot_be_selected(aid):
    _field(14)
    late = operating_station()
    scores(late, [99])
    with pytest.raises(ValidationError):
        award_selection_save(year=YEAR, station_ids=[late.pk], by=aid)


def test_one_superior_unit_with_several_winners_is_one_partner(aid):
    union = Union.objects.get(code="huangpu")
    bank_a = HostUnitFactory(union=union, parent_unit="中国工商银行上海市分行")
    bank_b = HostUnitFactory(union=union, parent_unit="中国工商银行上海市分行")
    winners = [operating_station(host_unit=bank_a), operating_station(host_unit=bank_b)]
    for station in winners:
        scores(station, [99, 99, 99, 99])
    _field(23)  # 25 operating: exactly two
    award_selection_save(year=YEAR, station_ids=[s.pk for s in winners], by=aid)
    partners = Award.objects.filter(kind=AwardKind.PARTNER)
    assert [p.name for p in partners] == ["中国工商银行上海市分行"]
    assert Award.objects.filter(kind=AwardKind.STAR_HEAD).count() == 2


def test_saving_again_keeps_a_confirmation_already_given(aid):
    stations = _field(14)
    award_selection_save(year=YEAR, station_ids=[stations[0].pk], by=aid)
    head = Award.objects.get(kind=AwardKind.STAR_HEAD)
    award_confirm(award=head, confirmed=True, by=aid)
    award_selection_save(year=YEAR, station_ids=[stations[0].pk], by=aid)
    assert Award.objects.get(kind=AwardKind.STAR_HEAD).confirmed


def test_the_selection_form_shows_the_rule_and_refuses_a_wrong_count(client, aid):
    stations = _field(14)
    client.force_login(aid)
    page = client.get(f"/staff/awards/{YEAR}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "0.7" in text and "1.12" in text
    response = client.post(
        f"/staff/awards/{YEAR}/selection/", {"station": [s.pk for s in stations[:3]]}, follow=True
    )
    assert not Award.objects.exists()
    assert "1" in response.content.decode()


def test_a_year_that_has_not_ended_cannot_be_selected(aid):
    from django.utils import timezone

    this_year = timezone.localdate().year
    with pytest.raises(ValidationError):
        award_selection_save(year=this_year, station_ids=[], by=aid)
