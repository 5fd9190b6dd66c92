"""National-size data for the benchmarks, bulk loaded into a PostgreSQL database by COPY.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/relay_bench_national \\
        .venv/bin/python bench/national.py [--size national|small|N] [--seed 2018]

The database named in DATABASE_URL is dropped and created again (so a run is idempotent),
migrated, then filled with deterministic data (the same seed gives the same rows):

- the unions of the migrations (16 district unions, the industry unions);
- host units (about one per ten stations) named after real carriers and places;
- ~6,800 filing forms (附件1) of ~29 stations each at national size (200,000 stations);
- stations over Shanghai's districts (settings.DISTRICTS), coordinates spread around each
  district's centre inside the city box (settings.CITY_LATITUDES/LONGITUDES): 90% active,
  1% (2,000) submitted and waiting for review, the rest approved, rectifying, revoked,
  closed, returned, rejected or in draft;
- plaque numbers for every station that was ever approved, gap-free, with PlaqueSequence
  holding the last one (as approval would have left it);
- pledges (附件3) for every numbered station, on file for operating ones, some overdue;
- checks: 2,000,000 at national size (10 per station, scaled with the size) over the four
  quarters before ``ctx.now``, a fifth of them self-checks, 1 in 100 voided, with their
  scores on the checklist the migrations install (the per-item results are not generated: no page
  or job of the bench reads them);
- feedback: 1,000,000 ratings at national size over the same year, 1 in 50 with a problem;
- the quarterly assessment of the last of those quarters, computed by the portal's own
  ``assessment_run`` and published (the rankings pages need it);
- bench users, one per role the page bench logs in as (see BENCH_USERS).

Loading goes table by table through ``LOADERS``: a table added by a later app (inspection
checks, feedback) is one more function ``load_x(ctx) -> Iterator[dict]`` registered with
``@loader("app.Model")``; rows are dicts keyed by field name and streamed through COPY, and
``ctx`` carries what earlier loaders made (ids, statuses) so a later one can refer to it.

Imported (``from bench.national import generate``), ``generate(url, size=..., seed=...)``
does the same in a child process, because Django reads DATABASE_URL once at setup.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"national": 200_000, "small": 5_000}
STATIONS_PER_FILING = 29.4  # 200,000 stations in ~6,800 filings
SUBMITTED_SHARE = 0.01  # 2,000 of 200,000 waiting for review
ACTIVE_SHARE = 0.90
# The other 9%, by weight.
OTHER_STATUSES = {
    "approved": 22,
    "rectifying": 10,
    "revoked": 8,
    "closed": 8,
    "returned": 8,
    "rejected": 8,
    "draft": 36,
}
NUMBERED = {"approved", "active", "rectifying", "revoked", "closed"}
# An unusable password hash: the page bench makes sessions directly, nobody logs in.
BENCH_PASSWORD_UNUSABLE = "!bench"  # noqa: S105
# username -> (role, union code or "")
BENCH_USERS = {
    "bench_aid": ("aid_center", ""),
    "bench_clerk": ("union", "xuhui"),
    "bench_inspector": ("inspector", ""),
}

# Approximate centres (latitude, longitude) of Shanghai's districts; a district a city
# adds in settings without a centre here spreads over the whole city box.
DISTRICT_CENTRES = {
    "黄浦区": (31.2317, 121.4846),
    "徐汇区": (31.1885, 121.4365),
    "长宁区": (31.2204, 121.4244),
    "静安区": (31.2296, 121.4484),
    "普陀区": (31.2495, 121.3975),
    "虹口区": (31.2646, 121.5052),
    "杨浦区": (31.2595, 121.5260),
    "闵行区": (31.1128, 121.3816),
    "宝山区": (31.4050, 121.4892),
    "嘉定区": (31.3747, 121.2654),
    "浦东新区": (31.2215, 121.5447),
    "金山区": (30.7420, 121.3416),
    "松江区": (31.0322, 121.2277),
    "青浦区": (31.1510, 121.1244),
    "奉贤区": (30.9178, 121.4741),
    "崇明区": (31.6230, 121.3975),
}
# Share of stations per district, roughly by population and area (浦东 largest).
DISTRICT_WEIGHTS = {
    "浦东新区": 18,
    "闵行区": 9,
    "宝山区": 7,
    "徐汇区": 6,
    "松江区": 6,
    "嘉定区": 6,
    "杨浦区": 5,
    "普陀区": 5,
    "静安区": 5,
    "青浦区": 4,
    "奉贤区": 4,
    "长宁区": 4,
    "黄浦区": 4,
    "虹口区": 4,
    "金山区": 3,
    "崇明区": 2,
}
PLACES = [
    "漕溪",
    "徐家汇",
    "田林",
    "康健",
    "龙华",
    "虹梅",
    "陆家嘴",
    "张江",
    "金桥",
    "花木",
    "北蔡",
    "川沙",
    "五角场",
    "控江",
    "殷行",
    "大桥",
    "曹家渡",
    "静安寺",
    "南京西",
    "彭浦",
    "天目",
    "外滩",
    "豫园",
    "老西门",
    "打浦桥",
    "中山公园",
    "虹桥",
    "古北",
    "曹杨",
    "长风",
    "真如",
    "桃浦",
    "四川北路",
    "江湾",
    "曲阳",
    "莘庄",
    "七宝",
    "颛桥",
    "吴泾",
    "梅陇",
    "淞南",
    "大场",
    "顾村",
    "罗店",
    "南翔",
    "安亭",
    "江桥",
    "马陆",
    "泗泾",
    "九亭",
    "洞泾",
    "佘山",
    "朱家角",
    "赵巷",
    "徐泾",
    "南桥",
    "奉城",
    "金山卫",
    "朱泾",
    "枫泾",
    "城桥",
    "堡镇",
    "陈家镇",
    "惠南",
    "周浦",
    "康桥",
    "三林",
    "高桥",
]
ROADS = [
    "漕溪北路",
    "漕溪路",
    "南京东路",
    "南京西路",
    "淮海中路",
    "四川北路",
    "中山北路",
    "延安西路",
    "肇嘉浜路",
    "衡山路",
    "世纪大道",
    "张杨路",
    "浦东南路",
    "国权路",
    "黄兴路",
    "长宁路",
    "天山路",
    "曹杨路",
    "真北路",
    "沪闵路",
    "七莘路",
    "共和新路",
    "牡丹江路",
    "博乐路",
    "人民路",
    "新松江路",
    "公园路",
    "解放路",
    "城桥镇八一路",
]
CARRIERS = {
    "bank": ("中国工商银行上海{p}支行", "中国建设银行上海{p}支行", "交通银行{p}支行"),
    "telecom": ("中国电信{p}营业厅", "中国移动{p}营业厅", "中国联通{p}营业厅"),
    "supermarket": ("联华超市{p}店", "世纪联华{p}店", "盒马鲜生{p}店"),
    "retail": ("第一医药{p}店", "雷允上{p}药房", "全家便利店{p}店"),
    "restaurant": ("老盛昌{p}店", "麦当劳{p}餐厅", "肯德基{p}餐厅"),
    "hotel": ("如家酒店{p}店", "锦江之星{p}店", "汉庭酒店{p}店"),
    "university": ("{p}校区",),
    "worker_centre": ("{p}职工服务中心",),
    "party_centre": ("{p}街道党建服务中心",),
    "grassroots": ("{p}社区工会服务站",),
    "other": ("{p}环卫作息点", "{p}物业服务中心"),
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文斌"
HOURS = ["每日 09:00-17:00", "周一至周五 08:30-17:30", "每日 07:00-21:00", "全天24小时"]
HOURS_JSON = [
    [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "09:00", "end": "17:00"}],
    [{"days": [0, 1, 2, 3, 4], "start": "08:30", "end": "17:30"}],
    [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "07:00", "end": "21:00"}],
    [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "00:00", "end": "24:00"}],
]
# One station in COOLING_EVERY keeps 清凉模式 hours from a yellow heat alert up (issue 23):
# some 8,000 at national size, as Hubei's 5,035 of its stations did.
COOLING_EVERY = 25
COOLING_HOURS = {
    "heat": [
        {
            "level": 2,
            "open_24h": False,
            "text": "每天 7:00-22:00",
            "slots": [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "07:00", "end": "22:00"}],
        }
    ]
}
SERVICES = ["water", "cool_warm", "meal_heating", "charging", "rest_toilet"]
FACILITIES = ["air_con", "fridge", "microwave", "water_dispenser", "power_strip", "tables_chairs"]
EXTRAS = ["wifi", "first_aid", "newspaper_rack"]
START = dt.datetime(2018, 9, 1, 9, 0, tzinfo=dt.UTC)
# Eight months before the bench's "today" (the clock the page bench runs at).
CONFIRMED_FROM = dt.date.today() - dt.timedelta(days=240)
DOUBTFUL_BEFORE = dt.date.today() - dt.timedelta(days=182 + 30)
# Per 200,000 stations, as issue 13 asks; scaled with the number of stations.
CHECKS_PER_STATION = 10
FEEDBACK_PER_STATION = 5
# The busiest station's own year: a flagship station checked about weekly by each kind,
# rated some fourteen times a day; one check in ten a red-line one (an order each).
BUSY_CHECKS = 400
BUSY_FEEDBACK = 5_000
# Ratings that tick a serious problem (a ticket each): one in 500, one in 50 at the busiest.
SERIOUS_EVERY, BUSY_SERIOUS_EVERY = 500, 50
# One recorded independent check in this many is appealed by its union.
APPEAL_EVERY = 1000
# The year of checks and feedback: the four quarters before ctx.now (2026-11-01).
QUARTERS = [(2025, 4), (2026, 1), (2026, 2), (2026, 3)]
OPERATING = {"active", "rectifying", "revoked", "closed"}


def station_count(size: str | int) -> int:
    return SIZES[size] if isinstance(size, str) and size in SIZES else int(size)


# --- The registry of loaders ----------------------------------------------------------------


@dataclass
class Context:
    """What the loaders share: settings read once, and the rows earlier loaders made."""

    stations: int
    seed: int
    now: dt.datetime
    rng: random.Random
    unions: list[dict] = field(default_factory=list)  # {"id", "code", "kind", "district"}
    host_units: list[dict] = field(default_factory=list)  # {"id", "union_id", "name", ...}
    filings: list[dict] = field(default_factory=list)
    # Per station: (id, union_id, status, approved_at, unit name, district); kept small.
    station_rows: list[tuple] = field(default_factory=list)
    users: dict[str, int] = field(default_factory=dict)
    statuses: list[str] = field(default_factory=list)
    # The busiest station (see busy_station) and what bench/national_records.py builds on.
    busy: int = 0
    busy_checks: list[int] = field(default_factory=list)
    red_line_checks: list[tuple] = field(default_factory=list)  # (pk, station, union, district, at)
    appealable: list[int] = field(default_factory=list)
    serious_feedback: list[tuple] = field(default_factory=list)  # (pk, station, union, at)
    # The campaign's one delivery per operating station: (station row, good, quantity).
    campaign_lines: list[tuple] = field(default_factory=list)


Loader = Callable[[Context], Iterator[dict]]
LOADERS: list[tuple[str, Loader]] = []


def loader(label: str) -> Callable[[Loader], Loader]:
    """Register ``fn`` to fill the table of model ``label``; loaders run in this order."""

    def register(fn: Loader) -> Loader:
        LOADERS.append((label, fn))
        return fn

    return register


# --- COPY -----------------------------------------------------------------------------------


def _text(value) -> str:
    """One value in COPY's text format."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    if any(c in text for c in "\\\t\n\r"):
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


def copy_rows(cursor, model, rows: Iterable[dict], chunk: int = 20_000) -> int:
    """Stream ``rows`` (dicts by field name) into ``model``'s table with COPY FROM STDIN.

    Fields a row leaves out get the model's default; auto_now fields get "now".
    """
    fields = list(model._meta.concrete_fields)
    now = dt.datetime.now(dt.UTC)
    columns = ", ".join(f'"{f.column}"' for f in fields)
    sql = f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN'
    count = 0
    buffer = io.StringIO()

    def flush() -> None:
        buffer.seek(0)
        cursor.copy_expert(sql, buffer)
        buffer.seek(0)
        buffer.truncate()

    for row in rows:
        values = []
        for f in fields:
            if f.name in row:
                value = row[f.name]
            elif f.attname in row:
                value = row[f.attname]
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now
            elif f.has_default():
                value = f.get_default()
            elif f.blank and not f.null:
                value = ""  # a blank text or file field
            else:
                value = None
            values.append(_text(value))
        buffer.write("\t".join(values))
        buffer.write("\n")
        count += 1
        if count % chunk == 0:
            flush()
    if buffer.tell():
        flush()
    return count


def _set_aside(cursor, table: str) -> list[str]:
    """Drop ``table``'s foreign keys, unique constraints and secondary indexes for the load;
    return the statements that put them back.

    COPY into an indexed table updates every index row by row, and Django's foreign keys are
    DEFERRABLE INITIALLY DEFERRED, so inside the load's one transaction each row queues one
    check per key until commit (12 million for the checks). Built afterwards, an index is
    one sort and a key one join: the 2,000,000 checks load in a fraction of the time."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('f', 'u')",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
        [table, table],
    )
    indexes = cursor.fetchall()
    # Names come from the catalog, not from input.
    for name, _definition in constraints:
        cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in indexes] + [
        f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'
        for name, definition in constraints
    ]


def _reset_sequence(cursor, model) -> None:
    table, pk = model._meta.db_table, model._meta.pk.column
    # Table and column names come from the models, not from input.
    sql = (
        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk}'), "  # noqa: S608
        f'COALESCE((SELECT MAX("{pk}") FROM "{table}"), 0) + 1, false)'
    )
    cursor.execute(sql)


# --- Loaders, in order ----------------------------------------------------------------------


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"


def _district(ctx: Context, union: dict) -> str:
    from django.conf import settings

    if union["district"]:
        return union["district"]
    weights = [DISTRICT_WEIGHTS.get(d, 3) for d in settings.DISTRICTS]
    return ctx.rng.choices(settings.DISTRICTS, weights)[0]


@loader("unions.HostUnit")
def load_host_units(ctx: Context) -> Iterator[dict]:
    """About one host unit per ten stations, each of one union, unique by name there."""
    rng = ctx.rng
    from django.conf import settings

    district_unions = {u["district"]: u for u in ctx.unions if u["district"]}
    industry = [u for u in ctx.unions if not u["district"]]
    weights = [DISTRICT_WEIGHTS.get(d, 3) for d in settings.DISTRICTS]
    carriers = list(CARRIERS)
    seen: set[tuple[int, str]] = set()
    target = max(20, ctx.stations // 10)
    pk = 0
    while len(ctx.host_units) < target:
        district = rng.choices(settings.DISTRICTS, weights)[0]
        union = (
            district_unions.get(district, rng.choice(ctx.unions))
            if rng.random() < 0.8 or not industry
            else rng.choice(industry)
        )
        carrier = rng.choice(carriers)
        place = rng.choice(PLACES)
        name = rng.choice(CARRIERS[carrier]).format(p=place)
        if (union["id"], name) in seen:
            name = f"{name}{rng.randrange(1, 99)}号"
            if (union["id"], name) in seen:
                continue
        seen.add((union["id"], name))
        pk += 1
        unit = {
            "id": pk,
            "union_id": union["id"],
            "name": name,
            "carrier_type": carrier,
            "district": district,
            "place": place,
        }
        ctx.host_units.append(unit)
        yield {
            **unit,
            "parent_unit": name.split("上海")[0] if "银行" in name else "",
            "address": f"{district}{rng.choice(ROADS)}{rng.randrange(1, 2000)}号",
            "contact_name": _person(rng),
            "contact_phone": _mobile(rng),
            "created_at": START,
        }


def _statuses(ctx: Context) -> list[str]:
    """Every station's status in filing order, as years of work leave them: the oldest
    filings operating (or rectifying, revoked, closed, rejected), the newest still in
    review (submitted, returned, approved), drafts last. Work lists ordered by filing then
    find their rows at the end of the filing index, as they would in the real registry."""
    n = ctx.stations
    submitted = max(1, round(n * SUBMITTED_SHARE))
    active = round(n * ACTIVE_SHARE)
    rest = n - submitted - active
    total = sum(OTHER_STATUSES.values())
    other = {s: rest * w // total for s, w in OTHER_STATUSES.items()}
    other["draft"] += rest - sum(other.values())
    settled = ["active"] * active
    recent = ["submitted"] * submitted
    for status, count in other.items():
        if status in ("approved", "returned"):
            recent += [status] * count
        elif status != "draft":
            settled += [status] * count
    ctx.rng.shuffle(settled)
    ctx.rng.shuffle(recent)
    return settled + recent + ["draft"] * other["draft"]


@loader("stations.FilingForm")
def load_filings(ctx: Context) -> Iterator[dict]:
    rng = ctx.rng
    statuses = ctx.statuses = _statuses(ctx)
    count = max(1, round(ctx.stations / STATIONS_PER_FILING))
    drafts_from = statuses.index("draft") if "draft" in statuses else len(statuses)
    span = (ctx.now - START).total_seconds()
    for pk in range(1, count + 1):
        first = (pk - 1) * ctx.stations // count
        union = rng.choice(ctx.unions)
        if pk == 1:
            # The oldest filing is the clerk's union's, so that however few stations there
            # are, the busiest station (busy_station) is one all three bench users see.
            union = next(u for u in ctx.unions if u["code"] == BENCH_USERS["bench_clerk"][1])
        created = START + dt.timedelta(seconds=span * (pk - 1) / count)
        draft = first >= drafts_from
        row = {
            "id": pk,
            "union_id": union["id"],
            "unit_name": union["name"],
            "head_name": _person(rng),
            "head_email": f"filing{pk}@example.org",
            "head_phone": _mobile(rng),
            "status": "draft" if draft else "submitted",
            "source": rng.choice(("online", "excel")),
            "created_at": created,
            "updated_at": created,
            "submitted_at": None if draft else created + dt.timedelta(days=1),
            "paper_received_on": None
            if draft or rng.random() < 0.05
            else (created + dt.timedelta(days=10)).date(),
            "paper_copies": 0 if draft else 2,
        }
        ctx.filings.append({**row, "first": first, "union": union})
        yield row


@loader("stations.Station")
def load_stations(ctx: Context) -> Iterator[dict]:
    from django.conf import settings

    rng = ctx.rng
    statuses = ctx.statuses
    lat_lo, lat_hi = settings.CITY_LATITUDES
    lng_lo, lng_hi = settings.CITY_LONGITUDES
    units_by_union: dict[int, list[dict]] = {}
    for unit in ctx.host_units:
        units_by_union.setdefault(unit["union_id"], []).append(unit)
    # Plaques in approval order: the city-wide sequence follows approval time.
    numbered = [i for i, s in enumerate(statuses) if s in NUMBERED]
    seq_of = {i: n for n, i in enumerate(numbered, start=1)}
    prefix = settings.PLAQUE_PREFIX
    pk = 0
    for f_index, filing in enumerate(ctx.filings):
        last = ctx.filings[f_index + 1]["first"] if f_index + 1 < len(ctx.filings) else ctx.stations
        union = filing["union"]
        units = units_by_union.get(union["id"]) or ctx.host_units
        for row_number, index in enumerate(range(filing["first"], last), start=1):
            pk += 1
            status = statuses[index]
            unit = rng.choice(units)
            district = unit["district"] if not union["district"] else union["district"]
            centre = DISTRICT_CENTRES.get(district)
            if centre:
                lat = min(max(rng.gauss(centre[0], 0.03), lat_lo), lat_hi)
                lng = min(max(rng.gauss(centre[1], 0.03), lng_lo), lng_hi)
            else:
                lat, lng = rng.uniform(lat_lo, lat_hi), rng.uniform(lng_lo, lng_hi)
            hours = rng.randrange(len(HOURS))
            created = filing["created_at"]
            seq = seq_of.get(index)
            approved_at = created + dt.timedelta(days=14) if seq else None
            active_like = status in ("active", "rectifying", "revoked", "closed")
            # Confirmed within the last eight months: about a quarter due for confirmation
            # (stations/freshness.py), one in a hundred reported closed.
            confirmed = (
                CONFIRMED_FROM + dt.timedelta(days=rng.randint(0, 240)) if active_like else None
            )
            reported = (
                CONFIRMED_FROM + dt.timedelta(days=240)
                if active_like and rng.random() < 0.01
                else None
            )
            ctx.station_rows.append((pk, union["id"], status, approved_at, unit["name"], district))
            yield {
                "id": pk,
                "filing_id": filing["id"],
                "union_id": union["id"],
                "row_number": row_number,
                "name": f"{unit['name']}爱心接力站",
                "address": f"{district}{rng.choice(ROADS)}{rng.randrange(1, 3000)}号",
                "head_name": _person(rng),
                "head_mobile": _mobile(rng),
                "opening_hours_text": HOURS[hours],
                "opening_hours": HOURS_JSON[hours],
                "area_m2": f"{rng.uniform(8, 120):.1f}",
                "services": sorted(rng.sample(SERVICES, rng.randrange(3, 6))),
                "services_other": "",
                "planned_completion": (created + dt.timedelta(days=60)).date(),
                "district": district,
                "carrier_type": unit["carrier_type"],
                "host_unit_id": unit["id"],
                "audience": "sanitation" if rng.random() < 0.1 else "all",
                "facilities": FACILITIES + rng.sample(EXTRAS, rng.randrange(0, 4)),
                "step_free": rng.random() < 0.6,
                "toilet_open": rng.random() < 0.5,
                "open_24h": hours == 3,
                "latitude": f"{lat:.6f}",
                "longitude": f"{lng:.6f}",
                "status": status,
                "status_reason": "复查未达标" if status in ("rectifying", "revoked") else "",
                "plaque_number": f"{prefix}{seq:05d}" if seq else "",
                "plaque_seq": seq,
                "plaque_recalled": status in ("revoked", "closed"),
                "plaque_issue_count": 1 if seq else 0,
                "plaque_delivered_on": (created + dt.timedelta(days=30)).date()
                if active_like or (seq and rng.random() < 0.5)
                else None,
                "plaque_hung_on": (created + dt.timedelta(days=40)).date() if active_like else None,
                "approved_at": approved_at,
                "activated_at": created + dt.timedelta(days=45) if active_like else None,
                "confirmed_on": confirmed,
                "reported_closed_on": reported,
                # As the nightly pass would keep it (stations/freshness.py, the defaults).
                "listing_doubtful": reported is not None
                or (confirmed is not None and confirmed < DOUBTFUL_BEFORE),
                "alert_hours": COOLING_HOURS if pk % COOLING_EVERY == 0 else {},
                "heat_mode_from": 2 if pk % COOLING_EVERY == 0 else None,
                "created_at": created,
                "updated_at": created,
                # As services.lifecycle.station_submit stores it: the filing's submission.
                "sent_for_review_at": filing["submitted_at"] if status == "submitted" else None,
            }


@loader("stations.Pledge")
def load_pledges(ctx: Context) -> Iterator[dict]:
    """A pledge per numbered station: on file once operating; of the approved, half late."""
    rng = ctx.rng
    # The real today, not ctx.now: "not yet due" must still hold on the day of the run.
    today = dt.date.today()
    pk = 0
    for station_id, union_id, status, approved_at, unit_name, _district in ctx.station_rows:
        if approved_at is None:
            continue
        pk += 1
        approved_on = approved_at.date()
        due = approved_on + dt.timedelta(days=30)
        received = None
        if status != "approved":
            received = approved_on + dt.timedelta(days=rng.randrange(5, 30))
        elif rng.random() < 0.5:
            due = today + dt.timedelta(days=rng.randrange(1, 30))  # not yet due
        yield {
            "id": pk,
            "station_id": station_id,
            "union_id": union_id,
            "pledging_unit": unit_name,
            "service_hours": HOURS[0],
            "head_name": _person(rng),
            "pledged_on": approved_on,
            "due_by": due,
            "received_on": received,
            "scan": "",
            "created_at": approved_at,
        }


def _quarter_bounds(year: int, quarter: int) -> tuple[dt.datetime, int]:
    """The quarter's first instant (Shanghai time) and its length in seconds."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Asia/Shanghai")
    start = dt.datetime(year, 3 * quarter - 2, 1, tzinfo=zone)
    end = (
        dt.datetime(year + 1, 1, 1, tzinfo=zone)
        if quarter == 4
        else dt.datetime(year, 3 * quarter + 1, 1, tzinfo=zone)
    )
    return start, int((end - start).total_seconds())


def _operating(ctx: Context) -> list[tuple]:
    return [row for row in ctx.station_rows if row[2] in OPERATING]


def busy_station(ctx: Context) -> tuple:
    """The busiest station: the first active one of the clerk's union (Xuhui), so that the
    aid center, the city inspector and the clerk all open its pages."""
    if not ctx.busy:
        xuhui = next(u["id"] for u in ctx.unions if u["code"] == BENCH_USERS["bench_clerk"][1])
        ctx.busy = next(r for r in ctx.station_rows if r[1] == xuhui and r[2] == "active")[0]
    return next(r for r in ctx.station_rows if r[0] == ctx.busy)


@loader("inspections.Inspection")
def load_checks(ctx: Context) -> Iterator[dict]:
    """Checks over four quarters: every operating station checked each quarter (at least
    twice at national size), the rest spread evenly; a fifth are self-checks."""
    import uuid

    rng = ctx.rng
    stations = _operating(ctx)
    if not stations:
        return
    per_quarter = ctx.stations * CHECKS_PER_STATION // len(QUARTERS)
    from inspections.models import Checklist

    inspector = ctx.users["bench_inspector"]
    checklist = Checklist.objects.order_by("version").values_list("pk", flat=True).first()
    kinds = ["flying", "undercover", "peer_review", "acceptance"]
    busy = busy_station(ctx)
    pk = 0
    for year, quarter in QUARTERS:
        start, seconds = _quarter_bounds(year, quarter)
        extra = BUSY_CHECKS // len(QUARTERS)
        for i in range(per_quarter + extra):
            is_busy = i >= per_quarter
            row = busy if is_busy else stations[i % len(stations)]
            station_id, union_id, _status, _approved, _unit, district = row
            pk += 1
            score = 40.0 if is_busy and i % 10 == 0 else rng.triangular(40, 100, 88)
            kind = "self_check" if i % 5 == 0 else kinds[i % 4]
            voided = i % 100 == 0
            visited = start + dt.timedelta(seconds=rng.randrange(seconds))
            if is_busy:
                ctx.busy_checks.append(pk)
            if score < 45 and not voided:
                ctx.red_line_checks.append((pk, station_id, union_id, district, visited))
            if kind != "self_check" and not voided and (pk % APPEAL_EVERY == 0 or is_busy):
                ctx.appealable.append(pk)
            yield {
                "id": pk,
                "station_id": station_id,
                "union_id": union_id,
                "district": district,
                "kind": kind,
                "checklist_id": checklist,
                "by_id": inspector,
                "visited_at": visited,
                "recorded_at": visited + dt.timedelta(minutes=rng.randrange(5, 600)),
                "idempotency_key": uuid.UUID(int=rng.getrandbits(128), version=4),
                "score": f"{score:.2f}",
                "red_line": score < 45,
                "note": "",
                "status": "voided" if voided else "recorded",
            }


# Problems that do not open a ticket (serious ones would need FeedbackTicket rows too).
PROBLEMS = ["no_water", "no_charging", "no_heating", "dirty"]
# Problems that do (stations.models.feedback.SERIOUS_PROBLEMS).
SERIOUS = ["closed_in_hours", "refused"]


@loader("stations.Feedback")
def load_feedback(ctx: Context) -> Iterator[dict]:
    """Ratings from workers over the same year, mostly good, a few with a problem."""
    rng = ctx.rng
    stations = [row for row in _operating(ctx) if row[2] in ("active", "rectifying")]
    if not stations:
        return
    total = ctx.stations * FEEDBACK_PER_STATION
    first, _seconds = _quarter_bounds(*QUARTERS[0])
    last, seconds = _quarter_bounds(*QUARTERS[-1])
    span = int((last - first).total_seconds()) + seconds
    busy = busy_station(ctx)
    for pk in range(1, total + BUSY_FEEDBACK + 1):
        station_id, union_id = (busy if pk > total else stations[pk % len(stations)])[:2]
        problem = rng.random() < 0.02
        created = first + dt.timedelta(seconds=rng.randrange(span))
        serious = pk % (BUSY_SERIOUS_EVERY if pk > total else SERIOUS_EVERY) == 0
        if serious:
            ctx.serious_feedback.append((pk, station_id, union_id, created))
        rating = rng.randint(1, 3) if problem else rng.choices((3, 4, 5), (1, 3, 6))[0]
        problems = [rng.choice(PROBLEMS)] if problem else []
        if serious:
            rating, problems = 1, [rng.choice(SERIOUS)]
        yield {
            "id": pk,
            "station_id": station_id,
            "union_id": union_id,
            "rating": rating,
            "problems": problems,
            "comment": "下雨天站点没开门，电话也打不通" if serious else "",
            "serious": serious,
            "created_at": created,
            "device_hash": f"{rng.getrandbits(256):064x}",
            "address_hash": f"{rng.getrandbits(256):064x}",
            "status": "visible",
            "moderation_note": "",
        }


# --- A heat alert today, and the stations in 清凉模式 (issue 23, item 3) --------------------


@loader("stations.WeatherAlert")
def load_weather_alert(ctx: Context) -> Iterator[dict]:
    """An orange heat alert covering the days the bench runs."""
    today = dt.date.today()
    yield {
        "id": 1,
        "kind": "heat",
        "level": 3,
        "starts_on": today - dt.timedelta(days=1),
        "ends_on": today + dt.timedelta(days=20),
        "note": "市气象台发布高温橙色预警",
        "source": "declared",
        "feed_id": "",
        "declared_by_id": ctx.users["bench_aid"],
        "created_at": ctx.now,
    }


# --- A campaign across every operating station (issue 23's scale) -----------------------------

CAMPAIGN_GOODS = (("绿豆汤", "箱", "40.00"), ("藿香正气水", "盒", "12.50"), ("毛巾", "条", "8.00"))


@loader("stations.Campaign")
def load_campaign(ctx: Context) -> Iterator[dict]:
    """One 送清凉 running today, opened by the aid center."""
    today = dt.date.today()
    yield {
        "id": 1,
        "kind": "cool",
        "title": f"{today.year}年夏季送清凉",
        "starts_on": today - dt.timedelta(days=20),
        "ends_on": today + dt.timedelta(days=40),
        "offer": "绿豆汤、藿香正气水、毛巾，户外职工到站即可领取",
        "budget": "9000000.00",
        "created_by_id": ctx.users["bench_aid"],
        "created_at": ctx.now,
    }


@loader("stations.CampaignGood")
def load_campaign_goods(ctx: Context) -> Iterator[dict]:
    for position, (name, unit, price) in enumerate(CAMPAIGN_GOODS):
        yield {"id": position + 1, "campaign_id": 1, "name": name, "unit": unit,
               "unit_price": price, "position": position}  # fmt: skip


def _campaign_lines(ctx: Context) -> list[tuple[tuple, int, int]]:
    """(station row, good, quantity) of each operating station's one delivery: drawn once,
    so that the kept totals below add up to the lines exactly."""
    if not ctx.campaign_lines:
        rng = random.Random(ctx.seed * 7 + 23)
        ctx.campaign_lines = [
            (row, 1 + pk % len(CAMPAIGN_GOODS), rng.randint(1, 5))
            for pk, row in enumerate(_operating(ctx), start=1)
        ]
    return ctx.campaign_lines


@loader("stations.CampaignAllocation")
def load_campaign_allocations(ctx: Context) -> Iterator[dict]:
    """Each union gets five of each good per operating station; delivered as kept."""
    per_union: dict[int, int] = {}
    delivered: dict[tuple[int, int], int] = {}
    for row, good, quantity in _campaign_lines(ctx):
        per_union[row[1]] = per_union.get(row[1], 0) + 1
        delivered[(row[1], good)] = delivered.get((row[1], good), 0) + quantity
    pk = 0
    for union_id, count in sorted(per_union.items()):
        for good in range(1, len(CAMPAIGN_GOODS) + 1):
            pk += 1
            yield {
                "id": pk,
                "campaign_id": 1,
                "union_id": union_id,
                "good_id": good,
                "quantity": 5 * count,
                "delivered": delivered.get((union_id, good), 0),
            }


@loader("stations.CampaignUnionReach")
def load_campaign_union_reach(ctx: Context) -> Iterator[dict]:
    counts: dict[int, int] = {}
    for row, _good, _quantity in _campaign_lines(ctx):
        counts[row[1]] = counts.get(row[1], 0) + 1
    for pk, (union_id, n) in enumerate(sorted(counts.items()), start=1):
        yield {"id": pk, "campaign_id": 1, "union_id": union_id, "stations": n}


@loader("stations.CampaignDistrictReach")
def load_campaign_district_reach(ctx: Context) -> Iterator[dict]:
    counts: dict[str, int] = {}
    for row, _good, _quantity in _campaign_lines(ctx):
        counts[row[5]] = counts.get(row[5], 0) + 1
    for pk, (district, n) in enumerate(sorted(counts.items()), start=1):
        yield {"id": pk, "campaign_id": 1, "district": district, "stations": n}


@loader("stations.CampaignDelivery")
def load_campaign_deliveries(ctx: Context) -> Iterator[dict]:
    """One delivery to every operating station over the campaign's first twenty days."""
    rng = ctx.rng
    today = dt.date.today()
    clerk = ctx.users["bench_clerk"]
    for pk, row in enumerate(_operating(ctx), start=1):
        yield {
            "id": pk,
            "campaign_id": 1,
            "union_id": row[1],
            "station_id": row[0],
            "delivered_on": today - dt.timedelta(days=rng.randrange(20)),
            "received_by": _person(rng),
            "photo": "",
            "corrects_id": None,
            "reason": "",
            "by_id": clerk,
            "created_at": ctx.now,
        }


@loader("stations.CampaignDeliveryLine")
def load_campaign_delivery_lines(ctx: Context) -> Iterator[dict]:
    for pk, (_row, good, quantity) in enumerate(_campaign_lines(ctx), start=1):
        yield {"id": pk, "delivery_id": pk, "good_id": good, "quantity": quantity}


# --- A city-wide training of station heads (issue 23, item 5) ------------------------------


@loader("stations.TrainingSession")
def load_training_session(ctx: Context) -> Iterator[dict]:
    """The aid center's session of last month, open to every union's heads: its page lists
    the 200,000 heads a page at a time, none yet ticked (the widest "never trained")."""
    yield {
        "id": 1,
        "union_id": None,
        "topic": "接力站服务规范与防暑急救常识",
        "held_on": dt.date.today() - dt.timedelta(days=30),
        "starts_at": dt.time(14, 0),
        "ends_at": dt.time(16, 30),
        "mode": "in_person",
        "place": "上海市职工援助服务中心 三楼培训室",
        "online_link": "",
        "capacity": 2000,
        "created_by_id": ctx.users["bench_aid"],
        "created_at": ctx.now,
    }


def _assess(ctx: Context) -> float:
    """The last quarter's assessment by the portal's own job, published: seconds taken."""
    from django.contrib.auth import get_user_model

    from inspections.assessment.services.assessment import assessment_run
    from inspections.assessment.services.publication import assessment_publish

    started = time.perf_counter()
    year, quarter = QUARTERS[-1]
    officer = get_user_model().objects.get(pk=ctx.users["bench_aid"])
    assessment = assessment_run(year=year, quarter=quarter, by=officer)
    # The reports are the documents' benchmark (bench_pdf.py), not this one.
    assessment_publish(assessment=assessment, by=officer, reports=False)
    return time.perf_counter() - started


def _load_users(ctx: Context) -> None:
    """The page bench's logins: few rows, through the ORM."""
    from django.contrib.auth import get_user_model

    from unions.models import Profile, Union

    User = get_user_model()
    for username, (role, union_code) in BENCH_USERS.items():
        user = User.objects.create(username=username, password=BENCH_PASSWORD_UNUSABLE)
        union = Union.objects.get(code=union_code) if union_code else None
        Profile.objects.create(user=user, role=role, union=union)
        ctx.users[username] = user.pk


# --- Running it -----------------------------------------------------------------------------


def recreate_database(url: str) -> None:
    """Drop and create the database named in ``url`` (connecting to its server's postgres)."""
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("relay_"):
        raise SystemExit(f"refusing to drop {name!r}: bench databases are named relay_*")
    admin = urlunsplit(parts._replace(path="/postgres"))
    conn = psycopg2.connect(admin)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def load(size: str | int = "small", seed: int = 2018) -> dict[str, int]:
    """Fill the (migrated, empty) database Django is connected to; returns rows per table."""
    from django.apps import apps
    from django.db import connection, transaction

    from unions.models import Union

    ctx = Context(
        stations=station_count(size),
        seed=seed,
        now=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        rng=random.Random(seed),
    )
    ctx.unions = list(Union.objects.order_by("sort_order").values("id", "code", "name", "district"))
    counts: dict[str, int] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.cursor  # the driver's cursor, for copy_expert
        _load_users(ctx)  # the checks' inspector
        for label, fn in LOADERS:
            model = apps.get_model(label)
            restore = _set_aside(cursor, model._meta.db_table)
            counts[label] = copy_rows(raw, model, fn(ctx))
            for statement in restore:
                cursor.execute(statement)
            _reset_sequence(cursor, model)
        from stations.models import PlaqueSequence

        last = sum(1 for s in ctx.statuses if s in NUMBERED)
        PlaqueSequence.objects.update_or_create(key="plaque", defaults={"last_value": last})
    from bench import national_records

    started = time.perf_counter()
    counts.update(national_records.add(ctx))
    print(f"records of the staff pages added in {time.perf_counter() - started:.1f} s")
    # The checks came by COPY, not through the check service: their open findings are
    # worked out once for every station, as the service keeps them for one.
    from inspections.checks.findings import findings_refresh

    findings_refresh(None)
    # A production table is vacuumed by autovacuum: without the visibility map a fresh
    # load's index-only scans would read the table too and measure a state nobody runs in.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    seconds = _assess(ctx)
    counts["inspections.StationQuarterScore"] = _scored_rows()
    print(
        f"assessment {QUARTERS[-1][0]}Q{QUARTERS[-1][1]} computed and published in {seconds:.1f} s"
    )
    counts.update(national_records.shortlists())
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return counts


def _scored_rows() -> int:
    from inspections.models import StationQuarterScore

    return StationQuarterScore.objects.count()


def media_root(url: str) -> Path:
    """The bench database's files (scans, photos, documents): beside it, made again with it."""
    return ROOT / "var" / "bench-media" / urlsplit(url).path.lstrip("/")


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["MEDIA_ROOT"] = str(media_root(url))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build(url: str, size: str | int, seed: int) -> dict[str, int]:
    """Recreate, migrate and fill the database at ``url`` in this process."""
    from django.core.management import call_command

    recreate_database(url)
    shutil.rmtree(media_root(url), ignore_errors=True)
    setup_django(url)
    call_command("migrate", verbosity=0, interactive=False)
    return load(size, seed)


def generate(url: str, size: str | int = "small", seed: int = 2018) -> None:
    """The same as the command line, in a child process (Django reads DATABASE_URL once)."""
    cmd = [sys.executable, str(Path(__file__)), "--size", str(size), "--seed", str(seed)]
    subprocess.run(cmd, check=True, env={**os.environ, "DATABASE_URL": url})  # noqa: S603


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default=os.environ.get("SIZE", "small"))
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args(argv)
    if not args.database_url.startswith("postgres"):
        parser.error("DATABASE_URL must name a PostgreSQL database (relay_*)")
    started = time.perf_counter()
    counts = build(args.database_url, args.size, args.seed)
    for label, count in counts.items():
        print(f"{label:<24} {count:>9,}")
    print(f"loaded in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
