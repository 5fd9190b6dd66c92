"""Nothing is public before the aid center publishes a year; then the honours, the station
pages' titles, each union's notice and certificates follow."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from awards.models import Award, AwardKind
from awards.services import (
    award_citation_set,
    award_confirm,
    award_selection_save,
    award_withdraw,
    award_year_publish,
)
from history.models import RecordChange
from tests.factories import make_user
from unions.models import Notice, Role, Union

from .conftest import YEAR, operating_station, scores


@pytest.fixture
def aid(db):
    return make_user("aid", Role.AID_CENTER)


@pytest.fixture
def selected(aid):
    stations = []
    for i in range(14):
        station = operating_station()
        scores(station, [95 - i, 95 - i, 95 - i, 95 - i])
        stations.append(station)
    award_selection_save(year=YEAR, station_ids=[stations[0].pk], by=aid)
    return stations[0]


def test_a_draft_year_is_not_public(client, selected):
    assert client.get(f"/awards/{YEAR}/").status_code == 404
    assert 'data-testid="no-honours"' in client.get("/awards/").content.decode()
    page = client.get(f"/stations/{selected.plaque_number}/").content.decode()
    assert "station-titles" not in page


def test_a_published_year_shows_confirmed_titles_only(client, aid, selected):
    award_year_publish(year=YEAR, by=aid, certificates=False)
    page = client.get(f"/awards/{YEAR}/").content.decode()
    assert selected.name in page
    assert f"/stations/{selected.plaque_number}/" in page
    # The head was proposed but never confirmed: not published.
    assert 'data-testid="honours-star_head"' not in page
    assert client.get("/awards/").content.decode().count(selected.name) >= 1


def test_the_winners_station_page_shows_the_title(client, aid, selected):
    award_year_publish(year=YEAR, by=aid, certificates=False)
    page = client.get(f"/stations/{selected.plaque_number}/").content.decode()
    assert "station-titles" in page and f"/awards/{YEAR}/" in page


def test_publishing_tells_each_union_about_its_own_winners(
    aid, selected, django_capture_on_commit_callbacks, monkeypatch
):
    from config.celery_app import app

    # The mail task runs here in both passes (with Redis there is no worker in this test).
    monkeypatch.setitem(app.conf, "task_always_eager", True)
    clerk = make_user("clerk", Role.UNION_STAFF, union=selected.union)
    clerk.email = "clerk@example.org"
    clerk.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        award_year_publish(year=YEAR, by=aid, certificates=False)
    notices = Notice.objects.filter(topic="award_winners")
    assert [n.union for n in notices] == [selected.union]
    assert selected.name in notices[0].body
    assert not Notice.objects.filter(union=Union.objects.get(code="xuhui")).exists()
    assert [m.to for m in mail.outbox] == [["clerk@example.org"]]


def test_a_published_year_cannot_be_reselected_or_confirmed(aid, selected):
    award_year_publish(year=YEAR, by=aid, certificates=False)
    with pytest.raises(ValidationError):
        award_selection_save(year=YEAR, station_ids=[selected.pk], by=aid)
    with pytest.raises(ValidationError):
        award_confirm(award=Award.objects.get(kind=AwardKind.STAR_HEAD), confirmed=True, by=aid)


def test_a_correction_after_publication_needs_a_reason_and_is_recorded(aid, selected):
    award_year_publish(year=YEAR, by=aid, certificates=False)
    award = Award.objects.get(kind=AwardKind.EXCELLENT_STATION)
    with pytest.raises(ValidationError):
        award_citation_set(award=award, citation="新的评语", by=aid)
    award_citation_set(award=award, citation="新的评语", reason="错别字", by=aid)
    change = RecordChange.objects.get(record="award", action="corrected")
    assert "错别字" in change.reason


def test_a_withdrawn_title_leaves_the_page_and_stays_in_history(client, aid, selected):
    award_year_publish(year=YEAR, by=aid, certificates=False)
    award = Award.objects.get(kind=AwardKind.EXCELLENT_STATION)
    award_withdraw(award=award, reason="发现弄虚作假", by=aid)
    assert selected.name not in client.get(f"/awards/{YEAR}/").content.decode()
    assert RecordChange.objects.filter(record="award", action="withdrawn").exists()


def test_publishing_without_a_selection_is_refused(aid):
    with pytest.raises(ValidationError):
        award_year_publish(year=YEAR, by=aid)
