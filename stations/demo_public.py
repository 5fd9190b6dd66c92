"""Demo stations for the public directory, map and open data: 100+ operating stations over
Shanghai's 16 districts. Idempotent: a station is keyed by its name and address.

Every station goes through the real services (filing, submission, approval with an on-site
acceptance, pledge, agreement, and for a few a temporary closure from the day of seeding), so plaque numbers, pledges and history read as if a clerk and
an officer had done the work. Deterministic: the same run gives the same stations.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from history.changes import announce
from unions.models import CarrierType, HostUnit, Profile, Role, Union

from .models import Audience, Facility, FilingForm, Service, Station
from .services import lifecycle
from .services.closures import closure_post
from .services.filing import filing_create, filing_submit, station_add
from .services.records import agreement_record, pledge_update
from .services.review import ALL_SIX

S, F = Service, Facility
EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]
BASIC = [F.AIR_CON, F.FRIDGE, F.MICROWAVE, F.WATER_DISPENSER, F.POWER_STRIP, F.TABLES_CHAIRS]
EXTRAS = [F.WIFI, F.FIRST_AID, F.NEWSPAPER_RACK, F.OPEN_TOILET]


def _slot(days, start, end):
    return {"days": days, "start": start, "end": end}


# (text as posted, structured slots, open 24 hours)
HOURS = {
    "bank": (
        "周一至周五 9:00-17:00，周六 9:00-16:00",
        [_slot([0, 1, 2, 3, 4], "09:00", "17:00"), _slot([5], "09:00", "16:00")],
        False,
    ),
    "shop": ("7:00-22:00", [_slot(EVERY_DAY, "07:00", "22:00")], False),
    "day": ("8:30-20:30", [_slot(EVERY_DAY, "08:30", "20:30")], False),
    "office": ("周一至周六 8:30-17:30", [_slot([0, 1, 2, 3, 4, 5], "08:30", "17:30")], False),
    "24h": ("24小时", [_slot(EVERY_DAY, "00:00", "24:00")], True),
    # Open past midnight: a slot whose end is not after its start runs into the next day.
    "late": ("6:00-次日2:00", [_slot(EVERY_DAY, "06:00", "02:00")], False),
    "night": ("20:00-次日8:00（夜间站）", [_slot(EVERY_DAY, "20:00", "08:00")], False),
    "early": ("5:30-18:00", [_slot(EVERY_DAY, "05:30", "18:00")], False),
}


@dataclass(frozen=True)
class Host:
    key: str
    unit: str  # {d}: the district's short name
    parent: str
    carrier: str
    station: str  # {road}
    hours: tuple[str, ...]  # cycled through the host's stations


HOSTS = (
    Host(
        "ccb",
        "中国建设银行上海{d}支行",
        "中国建设银行上海市分行",
        CarrierType.BANK,
        "建设银行{road}网点爱心接力站",
        ("bank",),
    ),
    Host(
        "lianhua",
        "联华超市{d}门店",
        "联华超市股份有限公司",
        CarrierType.SUPERMARKET,
        "联华超市{road}店爱心接力站",
        ("shop", "day"),
    ),
    Host(
        "leiyunshang",
        "雷允上药房{d}连锁",
        "上海雷允上药业有限公司",
        CarrierType.RETAIL,
        "雷允上药房{road}店爱心接力站",
        ("24h", "day"),
    ),
    Host(
        "cmcc",
        "中国移动上海{d}营业部",
        "中国移动通信集团上海有限公司",
        CarrierType.TELECOM,
        "中国移动{road}营业厅爱心接力站",
        ("day",),
    ),
    Host(
        "jinjiang",
        "锦江之星{d}酒店",
        "锦江酒店（中国区）",
        CarrierType.HOTEL,
        "锦江之星{road}店爱心接力站",
        ("24h",),
    ),
    Host(
        "party",
        "{d}党群服务中心",
        "",
        CarrierType.PARTY_CENTRE,
        "{road}党群服务站爱心接力站",
        ("office", "early"),
    ),
    Host(
        "workers",
        "{d}职工服务中心",
        "",
        CarrierType.WORKER_CENTRE,
        "职工服务中心{road}站爱心接力站",
        ("night", "early"),
    ),
    Host(
        "yonghe",
        "永和大王{d}餐厅",
        "上海永和大王餐饮有限公司",
        CarrierType.RESTAURANT,
        "永和大王{road}店爱心接力站",
        ("late", "24h"),
    ),
)

# district: (centre latitude, longitude, spread in degrees, stations, real roads)
DISTRICTS = {
    "黄浦区": (
        31.2260,
        121.4830,
        0.012,
        7,
        "福州路 河南中路 金陵东路 复兴中路 中华路 西藏南路 陆家浜路 瑞金二路",
    ),
    "徐汇区": (
        31.1850,
        121.4390,
        0.020,
        8,
        "衡山路 肇嘉浜路 宜山路 龙华中路 钦州路 斜土路 桂林路 漕宝路",
    ),
    "长宁区": (
        31.2150,
        121.4050,
        0.015,
        7,
        "延安西路 天山路 仙霞路 中山西路 娄山关路 古北路 北新泾路 虹桥路",
    ),
    "静安区": (
        31.2550,
        121.4570,
        0.018,
        8,
        "延安中路 共和新路 广中路 大宁路 芷江西路 天目中路 威海路 西康路",
    ),
    "普陀区": (
        31.2450,
        121.4080,
        0.016,
        7,
        "曹杨路 中山北路 真北路 武宁路 金沙江路 铜川路 大渡河路 桃浦路",
    ),
    "虹口区": (
        31.2700,
        121.4880,
        0.013,
        7,
        "四川北路 曲阳路 东大名路 海宁路 凉城路 欧阳路 吴淞路 广粤路",
    ),
    "杨浦区": (
        31.2700,
        121.5250,
        0.018,
        7,
        "淞沪路 国定路 控江路 黄兴路 杨树浦路 平凉路 长阳路 政立路",
    ),
    "闵行区": (
        31.1120,
        121.3810,
        0.035,
        8,
        "七莘路 沪闵路 都市路 春申路 虹梅南路 剑川路 吴中路 龙茗路",
    ),
    "宝山区": (
        31.3900,
        121.4400,
        0.030,
        7,
        "友谊路 牡丹江路 淞滨路 宝杨路 长江西路 呼兰路 殷高西路 沪太路",
    ),
    "嘉定区": (
        31.3750,
        121.2600,
        0.035,
        6,
        "城中路 博乐路 塔城路 清河路 墨玉南路 曹安公路 胜辛路 沪宜公路",
    ),
    "浦东新区": (
        31.2150,
        121.5600,
        0.045,
        10,
        "东方路 浦东南路 杨高中路 金桥路 张江路 川沙路 高科西路 锦绣路 源深路 成山路",
    ),
    "金山区": (30.7420, 121.3420, 0.030, 5, "卫清西路 龙胜路 蒙山路 板桥西路 金山大道 亭卫公路"),
    "松江区": (
        31.0320,
        121.2280,
        0.030,
        6,
        "人民北路 中山中路 荣乐东路 谷阳北路 新松江路 文诚路 沪亭北路",
    ),
    "青浦区": (
        31.1520,
        121.1150,
        0.030,
        5,
        "公园路 城中北路 外青松公路 青安路 盈港东路 诸光路 崧泽大道",
    ),
    "奉贤区": (
        30.9180,
        121.4740,
        0.030,
        5,
        "解放东路 南奉公路 金海公路 望园路 八字桥路 沪杭公路 环城东路",
    ),
    "崇明区": (31.6250, 121.3970, 0.020, 4, "八一路 翠竹路 东门路 西门路 南门路 崇明大道"),
}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海燕斌"
SIGNED_ON = dt.date(2025, 11, 1)


def _short(district: str) -> str:
    return district.removesuffix("新区").removesuffix("区")


def _filer(union: Union):
    """The union's clerk on record: a demo login where one exists, else an account with no
    password (it files, it never logs in)."""
    profile = union.staff.select_related("user").first()
    if profile is not None:
        return profile.user
    user, created = get_user_model().objects.get_or_create(
        username=f"filer_{union.code}", defaults={"first_name": f"{union.name} 经办人"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Profile.objects.get_or_create(user=user, defaults={"role": Role.UNION_STAFF, "union": union})
    announce("profile", ids=(user.pk,), unions=(union.pk,))
    return user


def _services(rng: random.Random) -> list[str]:
    optional = [S.COOL_WARM, S.MEAL_HEATING, S.REST_TOILET]
    return [S.WATER, S.CHARGING, *rng.sample(optional, rng.randint(1, 3))]


def _station(rng, district, road, number, host, hours_key, index, lat0, lng0, spread):
    text, slots, all_day = HOURS[hours_key]
    extras = rng.sample(EXTRAS, rng.randint(1, 4))
    return Station(
        name=host.station.format(road=road),
        address=f"{road}{number}号",
        head_name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
        head_mobile=f"13{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}",
        opening_hours_text=text,
        opening_hours=slots,
        open_24h=all_day,
        area_m2=rng.choice([3, 4, 5, 6, 8, 10, 12]),
        services=_services(rng),
        planned_completion=dt.date(2025, 10, 31),
        district=district,
        carrier_type=host.carrier,
        # One station in nine opens to sanitation workers only (环卫工人爱心接力站).
        audience=Audience.SANITATION if index % 9 == 4 else Audience.ALL,
        facilities=[*BASIC, *extras],
        toilet_open=F.OPEN_TOILET in extras,
        step_free=rng.random() < 0.6,
        latitude=round(lat0 + rng.uniform(-spread, spread), 6),
        longitude=round(lng0 + rng.uniform(-spread, spread) * 1.2, 6),
    )


def seed_public_stations(*, aid) -> int:
    """Create the missing demo stations of every district; return how many were created."""
    created = 0
    for d_index, (district, (lat0, lng0, spread, count, roads)) in enumerate(DISTRICTS.items()):
        union = Union.objects.filter(kind=Union.Kind.DISTRICT, district=district).first()
        if union is None:
            continue  # a city that renamed its districts: nothing to spread
        rng = random.Random(f"relay-demo-{district}")
        roads = roads.split()
        by_host: dict[Host, list[Station]] = {}
        plan = []
        for i in range(count):
            host = HOSTS[(d_index + i) % len(HOSTS)]
            hours_key = host.hours[(d_index + i) % len(host.hours)]
            road, number = roads[i % len(roads)], rng.randint(1, 1800)
            plan.append(
                _station(rng, district, road, number, host, hours_key, i, lat0, lng0, spread)
            )
            by_host.setdefault(host, []).append(plan[-1])
        new = [
            s for s in plan if not Station.objects.filter(name=s.name, address=s.address).exists()
        ]
        if not new:
            continue
        clerk = _filer(union)
        filing = FilingForm.objects.filter(
            union=union, unit_name=f"{union.name}（{SIGNED_ON.year}年度）"
        ).first()
        if filing is None:
            filing = filing_create(
                union=union,
                by=clerk,
                unit_name=f"{union.name}（{SIGNED_ON.year}年度）",
                head_name=clerk.first_name.split()[-1][:50],
                head_email=f"relay@{union.code}.example.org",
                head_phone="021-63211939",
            )
        # File the stations as a clerk does: add them all, submit the filing once.
        groups = []
        for host, stations in by_host.items():
            stations = [s for s in stations if s in new]
            if not stations:
                continue
            host_unit, _ = HostUnit.objects.get_or_create(
                union=union,
                name=host.unit.format(d=_short(district)),
                defaults={"carrier_type": host.carrier, "parent_unit": host.parent},
            )
            added = []
            for station in stations:
                station.host_unit = host_unit
                added.append(station_add(filing=filing, station=station, by=clerk))
            groups.append((host, host_unit, added))
        filing_submit(filing=filing, by=clerk)
        for host, host_unit, stations in groups:
            approved = []
            for station in stations:
                station = lifecycle.station_approve(
                    station=station, by=aid, acceptance={"checked_on": SIGNED_ON, **ALL_SIX}
                )
                pledge_update(
                    pledge=station.pledge,
                    by=aid,
                    pledged_on=SIGNED_ON,
                    received_on=SIGNED_ON + dt.timedelta(days=3),
                )
                approved.append(station)
            # One co-building agreement per host unit covers its stations; filing it is the
            # last record missing, so the stations become active here.
            agreement_record(
                host_unit=host_unit,
                stations=approved,
                by=aid,
                signatory_a=f"{host_unit.name}负责人",
                signatory_b="",
                signed_on=SIGNED_ON,
            )
            created += len(approved)
            if host.key == "lianhua" and d_index % 4 == 0:
                # A supermarket refitting its shop: the directory shows it closed for now.
                today = timezone.localdate()
                closure_post(
                    station=approved[0],
                    by=clerk,
                    starts_on=today,
                    ends_on=today + dt.timedelta(days=6),
                    reason="门店装修，暂停开放",
                )
    return created
