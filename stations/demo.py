"""Demo stations for `make run`, spread over the lifecycle. Idempotent: keyed by name+address.

Everything goes through the real services, so the demo's history, plaque numbers, pledges and
agreements look exactly as they would after a clerk and an officer had done the work.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from unions.models import CarrierType, HostUnit, Union

from .models import Audience, Facility, FilingForm, Service, Station, StationStatus
from .services import lifecycle
from .services.filing import filing_create, filing_submit, station_add
from .services.lifecycle import station_approve
from .services.paper import filing_paper_receive, plaque_deliver, plaque_hang
from .services.records import agreement_record, insurance_record, pledge_update
from .services.review import ALL_SIX

S = Service
F = Facility
BASIC = [F.AIR_CON, F.FRIDGE, F.MICROWAVE, F.WATER_DISPENSER, F.POWER_STRIP, F.TABLES_CHAIRS]
ALL_SERVICES = [S.WATER, S.COOL_WARM, S.MEAL_HEATING, S.CHARGING, S.REST_TOILET]
WEEKDAYS = [{"days": [0, 1, 2, 3, 4], "start": "09:00", "end": "17:00"}]
EVERY_DAY = [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "09:00", "end": "17:00"}]
ROUND_THE_CLOCK = [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "00:00", "end": "24:00"}]

# union code, host unit (name, carrier, parent), stations:
#   (name, address, head, mobile, hours text, hours, lat, lng, target status, extra)
DEMO = [
    (
        "huangpu",
        ("中国工商银行上海市南京东路支行", CarrierType.BANK, "中国工商银行上海市分行"),
        [
            (
                "工行南京东路支行爱心接力站",
                "南京东路300号",
                "李红",
                "13812345678",
                "9:00-17:00",
                EVERY_DAY,
                31.2376,
                121.4800,
                "active",
                {},
            ),
            (
                "工行西藏中路支行爱心接力站",
                "西藏中路120号",
                "周明",
                "13912345601",
                "9:00-17:00（周一至周五）",
                WEEKDAYS,
                31.2329,
                121.4765,
                "active",
                {},
            ),
            (
                "工行淮海中路支行爱心接力站",
                "淮海中路283号",
                "吴静",
                "13612345602",
                "9:00-17:00",
                EVERY_DAY,
                31.2225,
                121.4722,
                "approved",
                {},
            ),
            (
                "工行人民广场支行爱心接力站",
                "人民大道200号",
                "郑伟",
                "13512345603",
                "9:00-17:00",
                EVERY_DAY,
                31.2304,
                121.4737,
                "submitted",
                {},
            ),
            (
                "工行外滩支行爱心接力站",
                "中山东一路24号",
                "王磊",
                "13712345604",
                "9:00-17:00",
                EVERY_DAY,
                None,
                None,
                "returned",
                {"reason": "地址请补充门牌号与楼层"},
            ),
            (
                "工行豫园支行爱心接力站",
                "福佑路8号",
                "陈洁",
                "13812345605",
                "9:00-17:00",
                EVERY_DAY,
                None,
                None,
                "draft",
                {},
            ),
        ],
    ),
    (
        "xuhui",
        ("上海华联超市徐汇分公司", CarrierType.SUPERMARKET, "联华超市股份有限公司"),
        [
            (
                "华联超市漕溪北路店爱心接力站",
                "漕溪北路88号",
                "刘芳",
                "13812340001",
                "00:00-24:00",
                ROUND_THE_CLOCK,
                31.1945,
                121.4370,
                "active",
                {"open_24h": True},
            ),
            (
                "华联超市天钥桥路店爱心接力站",
                "天钥桥路133号",
                "张琳",
                "13812340002",
                "8:00-22:00",
                [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "08:00", "end": "22:00"}],
                31.1888,
                121.4365,
                "rectifying",
                {"reason": "暗访时微波炉损坏"},
            ),
            (
                "华联超市田林路店爱心接力站",
                "田林路200号",
                "孙浩",
                "13812340003",
                "9:00-17:00",
                EVERY_DAY,
                31.1760,
                121.4270,
                "revoked",
                {"reason": "连续两次检查未按承诺开放，取消资格并收回铭牌"},
            ),
        ],
    ),
    (
        "pudong",
        ("老百姓大药房浦东连锁", CarrierType.RETAIL, "老百姓大药房连锁股份有限公司"),
        [
            (
                "老百姓大药房张杨路店爱心接力站",
                "张杨路1500号",
                "赵敏",
                "13812341001",
                "8:30-21:00",
                [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "08:30", "end": "21:00"}],
                31.2297,
                121.5270,
                "active",
                {},
            ),
            (
                "老百姓大药房世纪大道店爱心接力站",
                "世纪大道1200号",
                "钱军",
                "13812341002",
                "9:00-17:00",
                EVERY_DAY,
                31.2286,
                121.5275,
                "active",
                {},
            ),
            (
                "老百姓大药房陆家嘴店爱心接力站",
                "陆家嘴环路1000号",
                "冯雪",
                "13812341003",
                "9:00-17:00",
                EVERY_DAY,
                31.2397,
                121.4998,
                "submitted",
                {},
            ),
        ],
    ),
    (
        "greening",
        ("静安区市容环境卫生管理所", CarrierType.GRASSROOTS, "上海市绿化和市容管理局"),
        [
            (
                "静安寺环卫工人爱心接力站",
                "南京西路1686号",
                "何勇",
                "13812342001",
                "6:00-18:00",
                [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "06:00", "end": "18:00"}],
                31.2237,
                121.4454,
                "active",
                {"audience": Audience.SANITATION, "district": "静安区"},
            ),
            (
                "曹家渡环卫工人爱心接力站",
                "长寿路1118号",
                "罗强",
                "13812342002",
                "6:00-18:00",
                [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "06:00", "end": "18:00"}],
                31.2341,
                121.4337,
                "active",
                {"audience": Audience.SANITATION, "district": "静安区"},
            ),
        ],
    ),
]


def _user(username: str):
    return get_user_model().objects.get(username=username)


def seed_stations() -> int:
    """Each union files its stations the way a clerk would: the stations already on their
    way through review come from one submitted filing form, a station still being prepared
    sits in a second, draft form. A filing whose stations operate is never a draft."""
    aid = _user("aidcenter")
    inspector = _user("inspector")
    for union_code, (host_name, carrier, parent), rows in DEMO:
        union = Union.objects.get(code=union_code)
        clerk = union.staff.select_related("user").first().user
        host, _ = HostUnit.objects.get_or_create(
            union=union,
            name=host_name,
            defaults={"carrier_type": carrier, "parent_unit": parent},
        )
        new = [
            row for row in rows if not Station.objects.filter(name=row[0], address=row[1]).exists()
        ]
        sent = [row for row in new if row[8] != StationStatus.DRAFT]
        drafts = [row for row in new if row[8] == StationStatus.DRAFT]
        if sent:
            filing = _filing(union, clerk)
            stations = [_station(filing, row, host, carrier, clerk) for row in sent]
            filing_submit(filing=filing, by=clerk)
            filing_paper_receive(filing=filing, by=aid, received_on=timezone.localdate())
            for station, row in zip(stations, sent, strict=True):
                station.refresh_from_db()
                _advance(station, row[8], aid=aid, inspector=inspector, extra=row[9])
        if drafts:
            filing = _filing(union, clerk)
            for row in drafts:
                _station(filing, row, host, carrier, clerk)
    from .demo_public import seed_public_stations  # the directory's 100+ stations

    seed_public_stations(aid=aid)
    return Station.objects.count()


def _filing(union, clerk) -> FilingForm:
    return filing_create(
        union=union,
        by=clerk,
        unit_name=union.name,
        head_name=clerk.first_name.split()[-1],
        head_email=f"relay@{union.code}.example.org",
        head_phone="021-63211939",
    )


def _station(filing, row, host, carrier, clerk) -> Station:
    name, address, head, mobile, hours_text, hours, lat, lng, _target, extra = row
    return station_add(
        filing=filing,
        by=clerk,
        station=Station(
            name=name,
            address=address,
            head_name=head,
            head_mobile=mobile,
            opening_hours_text=hours_text,
            opening_hours=hours,
            open_24h=extra.get("open_24h", False),
            area_m2=4,
            services=ALL_SERVICES,
            planned_completion=dt.date(2018, 10, 31),
            district=extra.get("district", filing.union.district),
            carrier_type=carrier,
            host_unit=host,
            audience=extra.get("audience", Audience.ALL),
            facilities=[*BASIC, F.WIFI, F.FIRST_AID],
            toilet_open=True,
            latitude=lat,
            longitude=lng,
        ),
    )


def _advance(station, target, *, aid, inspector, extra) -> None:
    """Take a submitted station on to ``target`` through the real services."""
    if target == StationStatus.SUBMITTED:
        return
    if target == StationStatus.RETURNED:
        lifecycle.station_return(station=station, by=aid, reason=extra["reason"])
        return
    station = station_approve(
        station=station, by=aid, acceptance={"checked_on": dt.date(2018, 10, 15), **ALL_SIX}
    )
    if target == StationStatus.APPROVED:
        return
    agreement_record(
        host_unit=station.host_unit,
        stations=[station],
        by=aid,
        signatory_a=station.head_name,
        signatory_b="",
        signed_on=dt.date(2018, 11, 1),
    )
    pledge_update(
        pledge=station.pledge,
        by=aid,
        pledged_on=dt.date(2018, 11, 1),
        received_on=dt.date(2018, 11, 5),
    )
    lifecycle.station_activate_if_complete(station=station, by=aid)
    plaque_deliver(station=station, by=aid, delivered_on=timezone.localdate())
    plaque_hang(station=station, by=aid, hung_on=timezone.localdate())
    if not station.host_unit.policies.exists():
        insurance_record(
            union=station.union,
            by=aid,
            host_unit=station.host_unit,
            policy_number=f"PL-{station.union.code.upper()}-2026",
            insurer="中国人民财产保险股份有限公司上海市分公司",
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 12, 31),
        )
    station.refresh_from_db()
    if target == StationStatus.RECTIFYING:
        lifecycle.station_rectify_start(station=station, by=inspector, reason=extra["reason"])
    elif target == StationStatus.REVOKED:
        lifecycle.station_revoke(station=station, by=aid, reason=extra["reason"])
