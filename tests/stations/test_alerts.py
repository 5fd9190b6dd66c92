"""Heat and cold alerts (issue 23, item 3): the aid center declares one, a union records the
hours its station keeps under it (清凉模式 / 暖心模式), and open-now honours them on the
station page, in the directory, on the home page and in the open data — to the minute."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from history.models import RecordChange
from stations.alert_hours import around, open_in_alert
from stations.directory import DirectoryQuery, directory_page
from stations.models import (
    AlertKind,
    AlertLevel,
    AlertSource,
    Station,
    StationClosure,
    WeatherAlert,
)
from stations.open_data import station_record
from stations.open_now import open_now
from stations.services.alerts import (
    alert_declare,
    alert_end,
    alerts_feed_read,
    read_entry,
    station_alert_hours_set,
)
from tests.factories import FilingFormFactory, OperatingStationFactory

pytestmark = pytest.mark.django_db

SH = ZoneInfo("Asia/Shanghai")
# A Monday in July; the alert runs on the 12th and 13th.
FIRST, LAST = dt.date(2027, 7, 12), dt.date(2027, 7, 13)


def at(day: dt.date, hhmm: str) -> dt.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return dt.datetime(day.year, day.month, day.day, hours, minutes, tzinfo=SH)


def _cooling_station(world, **fields):
    """Open 9:00-17:00 every day; under a yellow heat alert or worse 7:00-22:00, under a red
    one around the clock."""
    station = OperatingStationFactory(filing=world.filing_a, **fields)
    return station_alert_hours_set(
        by=world.user_a,
        station=station,
        kind=AlertKind.HEAT,
        entries=[
            read_entry(AlertLevel.YELLOW, "每天 7:00-22:00"),
            read_entry(AlertLevel.RED, "24小时"),
        ],
    )


def _heat(world, level=AlertLevel.ORANGE, first=FIRST, last=LAST):
    return alert_declare(
        by=world.aid, kind=AlertKind.HEAT, level=level, starts_on=first, ends_on=last
    )


def test_an_alert_opens_a_station_for_its_alert_hours_to_the_minute(world):
    station = _cooling_station(world)
    _heat(world)

    assert open_now(station, at(FIRST, "06:59")) is False
    assert open_now(station, at(FIRST, "07:00")) is True
    assert open_now(station, at(FIRST, "21:59")) is True
    assert open_now(station, at(FIRST, "22:00")) is False
    assert open_now(station, at(LAST, "21:59")) is True
    # The day before and the day after: its own hours, 9:00-17:00.
    before, after = FIRST - dt.timedelta(days=1), LAST + dt.timedelta(days=1)
    assert open_now(station, at(before, "08:59")) is False
    assert open_now(station, at(before, "09:00")) is True
    assert open_now(station, at(before, "17:00")) is False
    assert open_now(station, at(after, "07:00")) is False
    assert open_now(station, at(after, "16:59")) is True
    assert open_now(station, at(after, "21:00")) is False


def test_the_entry_of_the_highest_level_not_above_the_alert_applies(world):
    station = _cooling_station(world)
    _heat(world, level=AlertLevel.BLUE)

    # Below the lowest level given (yellow): its own hours only.
    assert open_now(station, at(FIRST, "07:00")) is False
    assert open_now(station, at(FIRST, "09:00")) is True

    _heat(world, level=AlertLevel.RED, first=LAST, last=LAST)
    assert open_now(station, at(LAST, "03:00")) is True  # red: 24 hours
    assert open_now(station, at(FIRST, "03:00")) is False  # the blue day keeps its own


def test_a_cold_alert_does_not_open_the_heat_hours(world):
    station = _cooling_station(world)
    alert_declare(
        by=world.aid, kind=AlertKind.COLD, level=AlertLevel.RED, starts_on=FIRST, ends_on=LAST
    )

    assert open_now(station, at(FIRST, "07:00")) is False


def test_an_overnight_slot_of_the_last_alert_night_runs_to_its_end(world):
    station = OperatingStationFactory(filing=world.filing_a)
    station = station_alert_hours_set(
        by=world.user_a,
        station=station,
        kind=AlertKind.COLD,
        entries=[read_entry(AlertLevel.BLUE, "每天 20:00-6:00")],
    )
    alert_declare(
        by=world.aid, kind=AlertKind.COLD, level=AlertLevel.BLUE, starts_on=FIRST, ends_on=LAST
    )
    after = LAST + dt.timedelta(days=1)

    assert open_now(station, at(FIRST, "19:59")) is False
    assert open_now(station, at(FIRST, "20:00")) is True
    assert open_now(station, at(LAST, "05:59")) is True
    assert open_now(station, at(after, "05:59")) is True  # the night begun on the last day
    assert open_now(station, at(after, "06:00")) is False
    assert open_now(station, at(after, "20:00")) is False  # the alert is over
    # Nor does the morning before the first alert night open it.
    assert open_now(station, at(FIRST, "05:59")) is False


def test_a_temporary_closure_closes_it_under_an_alert_too(world):
    station = _cooling_station(world)
    _heat(world)
    StationClosure.objects.create(
        station=station,
        union=station.union,
        starts_on=FIRST,
        ends_on=FIRST,
        reason="装修",
        by=world.user_a,
    )

    assert open_now(station, at(FIRST, "08:00")) is False
    assert open_now(station, at(LAST, "08:00")) is True


def test_ending_an_alert_returns_the_station_to_its_own_hours_from_today(world):
    station = _cooling_station(world)
    alert = _heat(world, first=FIRST, last=FIRST + dt.timedelta(days=5))
    alert_end(by=world.aid, alert=alert, today=LAST)

    assert open_now(station, at(FIRST, "07:00")) is True
    assert open_now(station, at(LAST, "07:00")) is False
    assert RecordChange.objects.filter(record="alert", record_id=alert.pk, action="ended").exists()
    with pytest.raises(ValidationError):
        alert_end(by=world.aid, alert=alert, today=LAST + dt.timedelta(days=1))


def test_only_the_aid_center_declares_and_only_the_union_records_its_own_hours(world):
    with pytest.raises(PermissionDenied):
        alert_declare(by=world.user_a, kind="heat", level=3, starts_on=FIRST, ends_on=LAST)
    with pytest.raises(PermissionDenied):
        alert_declare(by=world.inspector, kind="heat", level=3, starts_on=FIRST, ends_on=LAST)
    other = OperatingStationFactory(filing=FilingFormFactory(union=world.union_b))
    with pytest.raises(PermissionDenied):
        station_alert_hours_set(by=world.user_a, station=other, kind="heat", entries=[])
    with pytest.raises(PermissionDenied):
        station_alert_hours_set(by=world.aid, station=other, kind="heat", entries=[])


def test_alert_dates_and_levels_are_checked(world):
    with pytest.raises(ValidationError):
        alert_declare(by=world.aid, kind="heat", level=3, starts_on=LAST, ends_on=FIRST)
    with pytest.raises(ValidationError):
        alert_declare(
            by=world.aid,
            kind="heat",
            level=3,
            starts_on=FIRST,
            ends_on=FIRST + dt.timedelta(days=40),
        )
    station = OperatingStationFactory(filing=world.filing_a)
    entry = read_entry(2, "7:00-22:00")
    with pytest.raises(ValidationError):
        station_alert_hours_set(
            by=world.user_a, station=station, kind="heat", entries=[entry, entry]
        )
    with pytest.raises(ValidationError):
        read_entry(2, "看情况")


def test_the_kept_lowest_levels_follow_the_entries_and_history_records_them(world):
    station = _cooling_station(world)
    assert (station.heat_mode_from, station.cold_mode_from) == (AlertLevel.YELLOW, None)
    change = RecordChange.objects.get(record="station", record_id=station.pk, action="alert_hours")
    assert "7:00-22:00" in change.changes["alert_hours.heat"][1]

    station = station_alert_hours_set(by=world.user_a, station=station, kind="heat", entries=[])
    assert station.heat_mode_from is None and "heat" not in station.alert_hours


def test_the_directory_filters_to_stations_in_alert_mode_and_its_open_now_honours_them(world):
    cooling = _cooling_station(world)
    plain = OperatingStationFactory(filing=world.filing_a)
    _heat(world)
    evening = at(FIRST, "21:00")

    in_mode = directory_page(DirectoryQuery(alert_mode=True), 1, when=evening)
    assert [e.station.pk for e in in_mode.entries] == [cooling.pk]
    assert in_mode.entries[0].alert_modes == ("heat",)
    open_then = directory_page(DirectoryQuery(open_now=True), 1, when=evening)
    assert [e.station.pk for e in open_then.entries] == [cooling.pk]
    assert plain.pk not in [e.station.pk for e in open_then.entries]
    # Without an alert the filter finds none: no station is in alert mode.
    quiet = directory_page(
        DirectoryQuery(alert_mode=True), 1, when=at(LAST + dt.timedelta(days=1), "21:00")
    )
    assert quiet.entries == []


def test_the_public_pages_say_so_while_an_alert_runs(world, client):
    station = _cooling_station(world)
    today = timezone.localdate()
    _heat(world, first=today, last=today)

    page = client.get(
        reverse("stations:public_detail", args=[station.plaque_number])
    ).content.decode()
    assert 'data-testid="alert-mode-today"' in page
    assert "清凉模式" in page and "高温橙色预警" in page
    jsonld = json.loads(page.split('type="application/ld+json">')[1].split("</script>")[0])
    special = jsonld["specialOpeningHoursSpecification"]
    assert {"opens": "07:00", "closes": "22:00", "validFrom": today.isoformat()}.items() <= special[
        0
    ].items()

    home = client.get("/").content.decode()
    assert 'data-testid="alert-banner"' in home and "1 个站点" in home.replace("1个", "1 个")
    directory = client.get(reverse("stations:directory") + "?alert_mode=1").content.decode()
    assert station.plaque_number in directory and 'data-testid="alert-mode-filter"' in directory


def test_the_open_data_carries_the_alert_hours_and_the_alerts(world, client):
    station = _cooling_station(world)
    today = timezone.localdate()
    alert = _heat(world, first=today, last=today + dt.timedelta(days=2))

    record = station_record(Station.objects.get(pk=station.pk))
    assert [e["from_level"] for e in record["alert_hours"]["heat"]] == [2, 4]
    assert record["alert_hours"]["heat"][0]["opening_hours"][0]["start"] == "07:00"
    alerts = client.get(reverse("stations:open_data_alerts")).json()["alerts"]
    assert alerts == [
        {"id": alert.pk, "kind": "heat", "level": 3, "starts_on": today.isoformat(),
         "ends_on": (today + dt.timedelta(days=2)).isoformat(), "note": ""}
    ]  # fmt: skip


def test_the_staff_pages_declare_an_alert_and_record_hours_in_chinese(world, client):
    client.force_login(world.aid)
    today = timezone.localdate()
    wrong = client.post(
        reverse("stations:alert_create"),
        {"kind": "heat", "level": "3", "starts_on": today.isoformat(), "ends_on": (today - dt.timedelta(days=1)).isoformat()},
    )  # fmt: skip
    assert wrong.status_code == 400 and "预警" in wrong.content.decode()
    done = client.post(
        reverse("stations:alert_create"),
        {
            "kind": "heat",
            "level": "3",
            "starts_on": today.isoformat(),
            "ends_on": today.isoformat(),
        },
    )
    assert done.status_code == 302
    assert RecordChange.objects.filter(record="alert", by=world.aid).count() == 1

    station = OperatingStationFactory(filing=world.filing_a)
    client.force_login(world.user_a)
    url = reverse("stations:station_alert_hours", args=[station.pk])
    bad = client.post(url, {"kind": "heat", "level_2": "看天气"})
    assert bad.status_code == 400 and "开放时间" in bad.content.decode()
    saved = client.post(url, {"kind": "heat", "level_2": "每天 7:00-22:00"})
    assert saved.status_code == 302
    station.refresh_from_db()
    assert station.heat_mode_from == 2
    assert (
        client.post(
            reverse(
                "stations:station_alert_hours",
                args=[OperatingStationFactory(filing=FilingFormFactory(union=world.union_b)).pk],
            ),
            {"kind": "heat"},
        ).status_code
        == 404
    )


class _Feed(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed():
    """A real HTTP server on a free local port, serving what the test puts in it."""
    server = HTTPServer(("127.0.0.1", 0), _Feed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def _serve(server, data) -> str:
    _Feed.body = json.dumps(data).encode()
    return f"http://127.0.0.1:{server.server_port}/alerts.json"


def test_the_feed_is_read_once_per_alert_and_updates_it(world, feed):
    url = _serve(
        feed,
        {"alerts": [
            {"id": "SH-0712-HT", "kind": "heat", "level": "orange", "starts_on": "2027-07-12", "ends_on": "2027-07-13"},
            {"id": "bad", "kind": "fog", "level": 2, "starts_on": "2027-07-12", "ends_on": "2027-07-13"},
            {"kind": "heat"},
        ]},
    )  # fmt: skip
    assert alerts_feed_read(url) == {"created": 1, "updated": 0, "skipped": 2}
    assert alerts_feed_read(url) == {"created": 0, "updated": 0, "skipped": 3}

    url = _serve(
        feed,
        [
            {
                "id": "SH-0712-HT",
                "kind": "高温",
                "level": "红色",
                "starts_on": "2027-07-12",
                "ends_on": "2027-07-14",
            }
        ],
    )
    assert alerts_feed_read(url)["updated"] == 1
    days = around(at(LAST + dt.timedelta(days=1), "12:00"))
    assert days.on(LAST + dt.timedelta(days=1)) == {"heat": AlertLevel.RED}
    alert = WeatherAlert.objects.get(feed_id="SH-0712-HT")
    assert alert.source == AlertSource.FEED
    assert RecordChange.objects.filter(record="alert", record_id=alert.pk).count() == 2
    station = _cooling_station(world)
    assert open_in_alert(station.alert_hours, at(LAST + dt.timedelta(days=1), "03:00"), days)


def test_no_feed_configured_reads_nothing(world, settings):
    settings.ALERT_FEED_URL = ""
    assert alerts_feed_read() == {"created": 0, "updated": 0, "skipped": 0}


def test_a_feed_larger_than_its_limit_is_refused(world, feed):
    url = _serve(feed, {"alerts": [], "padding": "x" * 1_100_000})
    with pytest.raises(ValueError):
        alerts_feed_read(url)


def test_an_alert_the_aid_center_ended_stays_ended_when_the_feed_is_read_again(world, feed):
    today = timezone.localdate()
    item = {
        "id": "SH-END", "kind": "heat", "level": 3,
        "starts_on": (today - dt.timedelta(days=2)).isoformat(),
        "ends_on": (today + dt.timedelta(days=3)).isoformat(),
    }  # fmt: skip
    url = _serve(feed, [item])
    alerts_feed_read(url)
    alert = WeatherAlert.objects.get(feed_id="SH-END")
    alert_end(by=world.aid, alert=alert)

    alerts_feed_read(url)
    alert.refresh_from_db()
    assert alert.ends_on == today - dt.timedelta(days=1)
    assert not WeatherAlert.objects.covering(today).exists()


def test_a_station_not_operating_keeps_no_alert_hours(world):
    draft = world.station_a  # a draft of union A
    with pytest.raises(ValidationError):
        station_alert_hours_set(
            by=world.user_a, station=draft, kind="heat", entries=[read_entry(2, "7:00-22:00")]
        )
