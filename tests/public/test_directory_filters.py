"""/stations/ filters by district, service, audience, open now and text (DESIGN's contract)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from stations.models import Audience, Service

SH = ZoneInfo("Asia/Shanghai")
WEDNESDAY_3AM = datetime(2026, 11, 25, 3, 0, tzinfo=SH)
NINE_TO_FIVE = [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "09:00", "end": "17:00"}]
OVERNIGHT = [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "20:00", "end": "08:00"}]


def _names(client, query: str) -> set[str]:
    response = client.get(f"/stations/?{query}")
    assert response.status_code == 200
    return {e.station.name for e in response.context["entries"]}


def test_it_filters_by_district(client, public_station):
    public_station(name="黄浦站", district="黄浦区")
    public_station(name="徐汇站", district="徐汇区")

    assert _names(client, "district=徐汇区") == {"徐汇站"}


def test_an_unknown_district_is_ignored_not_an_error(client, public_station):
    public_station(name="黄浦站", district="黄浦区")

    assert _names(client, "district=火星区") == {"黄浦站"}


def test_it_filters_by_service_without_mistaking_one_code_for_another(client, public_station):
    public_station(name="有热饭", services=[Service.WATER, Service.MEAL_HEATING])
    public_station(name="只有水", services=[Service.WATER])

    assert _names(client, "service=meal_heating") == {"有热饭"}
    assert _names(client, "service=water") == {"有热饭", "只有水"}


def test_it_filters_by_audience(client, public_station):
    public_station(name="环卫站", audience=Audience.SANITATION)
    public_station(name="全体站", audience=Audience.ALL)

    assert _names(client, "audience=sanitation") == {"环卫站"}


def test_it_finds_text_in_name_address_or_plaque_number(client, public_station):
    by_name = public_station(name="静安寺爱心接力站", address="南京西路1号")
    public_station(name="别的站", address="延安东路8号")

    assert _names(client, "q=静安寺") == {"静安寺爱心接力站"}
    assert _names(client, "q=延安东路") == {"别的站"}
    assert _names(client, f"q={by_name.plaque_number.lower()}") == {"静安寺爱心接力站"}


def test_text_never_searches_the_station_head(client, public_station):
    public_station(name="某站", head_name="欧阳明")

    assert _names(client, "q=欧阳明") == set()


def test_open_now_keeps_stations_open_at_this_moment_across_midnight(
    client, public_station, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_3AM)
    public_station(name="白天站", opening_hours=NINE_TO_FIVE)
    public_station(name="夜间站", opening_hours=OVERNIGHT)
    public_station(name="全天站", opening_hours=[], open_24h=True)

    assert _names(client, "open_now=1") == {"夜间站", "全天站"}
    assert _names(client, "") == {"白天站", "夜间站", "全天站"}


def test_filters_combine(client, public_station):
    public_station(name="对的", district="徐汇区", audience=Audience.SANITATION)
    public_station(name="区不对", district="黄浦区", audience=Audience.SANITATION)
    public_station(name="对象不对", district="徐汇区", audience=Audience.ALL)

    assert _names(client, "district=徐汇区&audience=sanitation") == {"对的"}
