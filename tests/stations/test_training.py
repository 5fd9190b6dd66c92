"""Training of station heads (issue 23, item 5; 沪工总基〔2018〕35号 五、(二)): the aid center
schedules city-wide sessions and a union its own; attendance is ticked per station head, held
to the session's places; a union sees and records only its own; the heads never trained are
listed to their union; a station's staff page and the award selection show what its head
attended."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from history.models import RecordChange
from stations.models import TrainingAttendance, TrainingMode, TrainingSession
from stations.services.training import training_attendance_set
from stations.training import head_training, untrained_heads
from tests.factories import FilingFormFactory, OperatingStationFactory
from tests.training import session_of


def _station(union, **fields):
    return OperatingStationFactory(filing=FilingFormFactory(union=union), **fields)


def _attend(session, by, *stations):
    ids = [s.pk for s in stations]
    return training_attendance_set(session=session, by=by, shown=ids, ticked=ids)


def test_the_aid_center_schedules_a_city_wide_session_with_its_history(world):
    session = session_of(world.aid, topic="防暑急救常识")
    assert session.union_id is None and session.city_wide
    change = RecordChange.objects.get(record="training", record_id=session.pk)
    assert change.action == RecordChange.Action.CREATED and change.by == world.aid
    assert change.changes["topic"] == ["", "防暑急救常识"]


def test_a_union_schedules_its_own_session_through_the_form(client, world):
    client.force_login(world.user_a)
    response = client.post(
        reverse("stations:training_create"),
        {
            "topic": "站长服务礼仪",
            "held_on": "2027-07-01",
            "starts_at": "09:30",
            "ends_at": "11:00",
            "mode": TrainingMode.ONLINE,
            "online_link": "https://meeting.example.cn/abc",
            "capacity": "40",
        },
    )
    session = TrainingSession.objects.get(topic="站长服务礼仪")
    assert response.status_code == 302
    assert response["Location"] == reverse("stations:training_detail", args=[session.pk])
    assert session.union_id == world.union_a.pk
    assert (session.online_link, session.place, session.capacity) == (
        "https://meeting.example.cn/abc",
        "",
        40,
    )


def test_the_form_says_in_chinese_what_is_missing_or_wrong(client, world):
    client.force_login(world.aid)
    response = client.post(
        reverse("stations:training_create"),
        {
            "topic": "站长培训",
            "held_on": "2027-07-01",
            "starts_at": "15:00",
            "ends_at": "14:00",
            "mode": TrainingMode.IN_PERSON,
            "place": "",
            "capacity": "0",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "结束时间须晚于开始时间" in page
    assert "请填写现场培训的地点" in page
    assert not TrainingSession.objects.exists()


def test_a_session_refuses_more_heads_than_it_has_places_with_the_numbers(world):
    session = session_of(world.aid, capacity=2)
    first = _station(world.union_a, head_name="王站长")
    _attend(session, world.user_a, first)
    more = [_station(world.union_b, head_name=f"站长{i}") for i in range(2)]
    with pytest.raises(ValidationError) as refused:
        _attend(session, world.user_b, *more)
    assert refused.value.messages == ["本场培训共2个名额：已占1个，本次又勾选了2名站长。"]
    assert TrainingAttendance.objects.filter(session=session).count() == 1


def test_the_attendance_page_ticks_and_unticks_the_unions_heads(client, world):
    session = session_of(world.aid)
    kept, dropped = _station(world.union_a, head_name="甲"), _station(world.union_a, head_name="乙")
    _attend(session, world.user_a, dropped)
    client.force_login(world.user_a)
    page = client.get(reverse("stations:training_detail", args=[session.pk])).content.decode()
    assert f'value="{kept.pk}" id="head-{kept.pk}">' in page
    assert f'value="{dropped.pk}" id="head-{dropped.pk}" checked>' in page
    response = client.post(
        reverse("stations:training_attendance", args=[session.pk]),
        {"shown": [kept.pk, dropped.pk], "attended": [kept.pk], "back": "attended=1"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?attended=1")
    assert list(session.attendance.values_list("station_id", "head_name")) == [(kept.pk, "甲")]
    actions = set(
        RecordChange.objects.filter(record="training", record_id=session.pk).values_list(
            "station_id", "action"
        )
    )
    assert {(kept.pk, "recorded"), (dropped.pk, "recorded"), (dropped.pk, "voided")} <= actions


def test_attendance_of_a_session_still_to_come_is_refused(world):
    session = session_of(world.aid, days_ago=-3)
    with pytest.raises(ValidationError, match="培训日期"):
        _attend(session, world.user_a, _station(world.union_a))


def test_a_union_cannot_record_another_unions_station_even_at_a_city_wide_session(client, world):
    session = session_of(world.aid)
    theirs = _station(world.union_a)
    with pytest.raises(PermissionDenied):
        _attend(session, world.user_b, theirs)
    client.force_login(world.user_b)
    response = client.post(
        reverse("stations:training_attendance", args=[session.pk]),
        {"shown": [theirs.pk], "attended": [theirs.pk]},
    )
    assert response.status_code == 403
    assert not TrainingAttendance.objects.exists()


def test_a_unions_own_session_is_only_for_its_own_heads(world):
    session = session_of(world.user_a)
    with pytest.raises(ValidationError, match="不属于举办本场培训的工会"):
        _attend(session, world.aid, _station(world.union_b))


def test_a_union_neither_sees_nor_records_another_unions_session(client, world):
    theirs = session_of(world.user_a, topic="黄浦区站长培训")
    city = session_of(world.aid, topic="全市站长培训")
    client.force_login(world.user_b)
    listed = client.get(reverse("stations:training_list")).content.decode()
    assert "全市站长培训" in listed and "黄浦区站长培训" not in listed
    assert client.get(reverse("stations:training_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("stations:training_detail", args=[city.pk])).status_code == 200
    response = client.post(reverse("stations:training_attendance", args=[theirs.pk]), {})
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        _attend(theirs, world.user_b, _station(world.union_b))


def test_inspectors_have_no_part_in_training(client, world):
    session_of(world.aid)
    client.force_login(world.inspector)
    assert client.get(reverse("stations:training_list")).status_code == 403
    assert not TrainingSession.objects.visible_to(world.inspector).exists()


def test_the_never_trained_list_names_the_unions_untrained_heads_and_a_new_head(client, world):
    trained = _station(world.union_a, head_name="张站长", name="外滩站")
    untrained = _station(world.union_a, head_name="刘站长", name="南京路站")
    other_union = _station(world.union_b, head_name="陈站长", name="徐家汇站")
    _attend(session_of(world.aid), world.user_a, trained)
    assert set(untrained_heads(world.user_a)) == {untrained}

    client.force_login(world.user_a)
    page = client.get(reverse("stations:training_untrained")).content.decode()
    assert "南京路站" in page and "外滩站" not in page and "徐家汇站" not in page
    assert other_union in untrained_heads(world.aid)

    # A new head is not trained by what the former head attended.
    trained.head_name = "赵站长"
    trained.save(update_fields=["head_name"])
    assert set(untrained_heads(world.user_a)) == {untrained, trained}


def test_the_never_trained_list_is_read_a_page_at_a_time(client, world, monkeypatch):
    from stations.views import training as views

    monkeypatch.setattr(views, "HEADS_PER_PAGE", 2)
    for i in range(3):
        _station(world.union_a, name=f"分页站{i}")
    client.force_login(world.user_a)
    first = client.get(reverse("stations:training_untrained"))
    assert first.context["page"].has_next and len(first.context["page"]) == 2


def test_a_stations_staff_page_shows_its_heads_training(client, world):
    station = _station(world.union_a, head_name="孙站长")
    _attend(session_of(world.aid, topic="接力站服务规范"), world.user_a, station)
    client.force_login(world.user_a)
    page = client.get(reverse("stations:staff_detail", args=[station.pk])).content.decode()
    assert 'data-testid="head-training"' in page
    assert "接力站服务规范" in page and "孙站长" in page
    assert 'data-testid="head-untrained"' not in page

    station.head_name = "周站长"
    station.save(update_fields=["head_name"])
    page = client.get(reverse("stations:staff_detail", args=[station.pk])).content.decode()
    assert "原站长" in page and 'data-testid="head-untrained"' in page


def test_head_training_counts_the_present_heads_sessions_in_one_query(
    world, django_assert_num_queries
):
    station = _station(world.union_a, head_name="吴站长")
    never = _station(world.union_a, head_name="郑站长")
    _attend(session_of(world.aid, days_ago=40), world.user_a, station)
    _attend(session_of(world.aid, days_ago=5), world.user_a, station)
    with django_assert_num_queries(1):
        found = head_training([station, never])
    assert found[station.pk].sessions == 2
    assert found[station.pk].last == timezone.localdate() - dt.timedelta(days=5)
    assert found[never.pk].sessions == 0


def test_the_award_selection_shows_each_candidates_training(client, world):
    from awards.shortlist import shortlist_build
    from tests.awards.conftest import YEAR, operating_station, scores

    trained = operating_station(union=world.union_a, name="培训候选站", head_name="钱站长")
    scores(trained, [95, 95, 95, 95])
    untrained = operating_station(union=world.union_a, name="未培训候选站", head_name="冯站长")
    scores(untrained, [90, 90, 90, 90])
    _attend(session_of(world.aid, days_ago=3), world.user_a, trained)
    shortlist_build(YEAR)
    client.force_login(world.aid)
    page = client.get(f"/staff/awards/{YEAR}/?shortlist=1").content.decode()
    day = (timezone.localdate() - dt.timedelta(days=3)).strftime("%Y-%m-%d")
    assert "钱站长" in page and f"培训1次，最近{day}" in page
    assert "冯站长" in page and "从未参加培训" in page


@pytest.mark.django_db
def test_seed_demo_holds_a_city_wide_training_with_attendance_and_a_session_to_come():
    from stations.demo_training import CITY_TOPIC, UNION_TOPIC
    from tests import demo_rows

    demo_rows.seeded()
    held = TrainingSession.objects.get(topic=CITY_TOPIC)
    assert held.city_wide and held.held_on < timezone.localdate()
    assert held.attendance.values("union_id").distinct().count() >= 2
    assert RecordChange.objects.filter(record="training", record_id=held.pk, action="recorded")
    coming = TrainingSession.objects.get(topic=UNION_TOPIC)
    assert coming.union is not None and not coming.attendance.exists()


def test_the_session_page_finds_a_head_by_the_registrys_search(client, world):
    """Name, plaque number or head, as the registry searches (its indexes on PostgreSQL)."""
    session = session_of(world.aid)
    wanted = _station(world.union_a, name="外滩爱心接力站", head_name="赵站长")
    other = _station(world.union_a, name="豫园爱心接力站")
    client.force_login(world.aid)
    url = reverse("stations:training_detail", args=[session.pk])

    for term in ("外滩", wanted.plaque_number, "赵站长"):
        page = client.get(url, {"q": term}).content.decode()
        assert wanted.plaque_number in page and other.plaque_number not in page, term
