"""The records the staff pages show beside the stations, checks and ratings of national.py.

Every URL of the portal has a bench row (bench/urlmap.py), so every record a page shows must
exist at national size, and one of each at its busiest: the page of one record is measured
on the record with the most rows under it. After the COPY loaders of national.py,
``add(ctx)`` writes, through the ORM's bulk inserts (tens of thousands of rows, not
millions):

- a rectification order for every red-line check (about 17,000), mostly closed;
- a ticket for every serious rating (closed in posted hours, refused entry);
- appeals of one independent check in a thousand by the checked union, and of every
  independent check of the busiest station;
- the current quarter's inspection plan, drawn by the portal's plan_draw over district
  inspectors (six a district, none in 崇明区, whose stations fall to the city inspector),
  and the quarter's peer-review pairings (each district union reviews the next);
- an agreement per host unit with more than one station, covering them all;
- 300 notices of the clerk's union;
- the busiest station (national.BUSY: a Xuhui station, so the clerk, the city inspector and
  the aid center all see it): its extra checks and ratings come from national.py's loaders;
  here its orders' items and photos, its appeals' evidence, 300 entries of history,
  acceptances, insurance policies, its agreement's and pledge's scans, its filing's scan;
- the documents staff download: the busiest station's pledge PDF, the clerk's registry
  export and order list CSV (the jobs' own functions) and the busiest filing's zip of
  pledges and plaques.

Files go to MEDIA_ROOT (bench/bench_pages.py serves from the same folder).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random

BUSY_HISTORY = 300
INSPECTORS_PER_DISTRICT = 6
# The district without inspectors of its own: the city inspector's plan (plans.py).
CITY_INSPECTOR_DISTRICT = "崇明区"
NOTICES = 300
ORDER_STATUSES = (("closed", 70), ("answered", 10), ("open", 15), ("escalated", 5))


def _photo(rng: random.Random) -> bytes:
    """A phone photo's worth of JPEG (1600 × 1200, noisy enough to weigh ~0.3 MB)."""
    from PIL import Image

    image = Image.effect_noise((1600, 1200), 12).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _pdf() -> bytes:
    """A one-page scan as the clerks upload them (a PDF of an image)."""
    from PIL import Image

    image = Image.effect_noise((1240, 1754), 30).convert("RGB")
    out = io.BytesIO()
    image.save(out, "PDF", resolution=150)
    return out.getvalue()


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def add(ctx) -> dict[str, int]:
    """Write the records; return rows per model."""
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from history.models import RecordChange
    from inspections.models import (
        Appeal,
        AppealEvidence,
        Inspection,
        InspectionPhoto,
        PeerReviewPairing,
        PlanVisit,
        Rectification,
        RectificationItem,
        RectificationPhoto,
    )
    from inspections.orders.services.plans import plan_draw
    from stations.models import (
        Acceptance,
        Agreement,
        FeedbackTicket,
        FilingForm,
        InsurancePolicy,
        Pledge,
        Station,
        StationTransition,
    )
    from unions.models import Notice, Profile, Role, Union

    rng = random.Random(ctx.seed + 1)
    User = get_user_model()
    users = {name: User.objects.get(pk=pk) for name, pk in ctx.users.items()}
    inspector, aid, clerk = users["bench_inspector"], users["bench_aid"], users["bench_clerk"]
    counts: dict[str, int] = {}
    busy = Station.objects.get(pk=ctx.busy)
    now = timezone.now()

    # Orders: one per red-line check, opened the day after it, due thirty days later.
    orders = []
    for pk, station_id, union_id, district, visited in ctx.red_line_checks:
        status = rng.choices([s for s, _ in ORDER_STATUSES], [w for _, w in ORDER_STATUSES])[0]
        opened = visited + dt.timedelta(days=1)
        orders.append(
            Rectification(
                station_id=station_id,
                union_id=union_id,
                district=district,
                inspection_id=pk,
                opened_by=inspector,
                deadline=(opened + dt.timedelta(days=30)).date(),
                status=status,
                answer_note="已整改" if status != "open" else "",
                answered_by=clerk if status != "open" else None,
                answered_at=opened + dt.timedelta(days=10) if status != "open" else None,
                closed_at=opened + dt.timedelta(days=25) if status == "closed" else None,
                escalated_at=opened + dt.timedelta(days=31) if status == "escalated" else None,
            )
        )
    orders = Rectification.objects.bulk_create(orders, batch_size=5000)
    # opened_at is auto_now_add: set it to the check's day, as the order service would have.
    visited_of = {row[0]: row[4] for row in ctx.red_line_checks}
    for order in orders:
        order.opened_at = visited_of[order.inspection_id] + dt.timedelta(days=1)
    Rectification.objects.bulk_update(orders, ["opened_at"], batch_size=5000)
    RectificationItem.objects.bulk_create(
        [
            RectificationItem(rectification=o, text=text, position=n)
            for o in orders
            for n, text in enumerate(("饮水设施缺失", "开放时间未公示")[: 1 + (o.pk % 2)])
        ],
        batch_size=5000,
    )
    counts["inspections.Rectification"] = len(orders)

    # Tickets: one per serious rating; the union replies to most, the aid center closes.
    tickets = []
    for feedback_id, station_id, union_id, created in ctx.serious_feedback:
        status = rng.choices(["closed", "replied", "open"], [60, 25, 15])[0]
        tickets.append(
            FeedbackTicket(
                feedback_id=feedback_id,
                station_id=station_id,
                union_id=union_id,
                status=status,
                reply="已联系站点负责人核实" if status != "open" else "",
                replied_by=clerk if status != "open" else None,
                replied_at=created + dt.timedelta(days=2) if status != "open" else None,
                closed_by=aid if status == "closed" else None,
                closed_at=created + dt.timedelta(days=5) if status == "closed" else None,
            )
        )
    tickets = FeedbackTicket.objects.bulk_create(tickets, batch_size=5000)
    opened_at = {f: created for f, _s, _u, created in ctx.serious_feedback}
    for ticket in tickets:
        ticket.opened_at = opened_at[ticket.feedback_id]
    FeedbackTicket.objects.bulk_update(tickets, ["opened_at"], batch_size=5000)
    counts["stations.FeedbackTicket"] = len(tickets)

    # Appeals: one independent check in a thousand (national.APPEAL_EVERY), and the
    # busiest station's.
    appealed = list(
        Inspection.objects.filter(pk__in=ctx.appealable).values_list(
            "pk", "union_id", "district", "visited_at"
        )
    )
    appeals = [
        Appeal(
            inspection_id=pk,
            union_id=union_id,
            district=district,
            reason="检查当日站点因停电临时闭站，已提前公示。",
            by=clerk,
            status=rng.choices(["dismissed", "upheld", "amended", "open"], [50, 20, 10, 20])[0],
            decided_by=aid,
            decided_at=visited + dt.timedelta(days=20),
            decision="经核实",
        )
        for pk, union_id, district, visited in appealed
    ]
    # The published quarter's appeals are all decided: a quarter is published only once
    # every independent check in it is settled (inspections/assessment/selectors/settled.py); the
    # open ones wait in the quarters before it, for the appeals list.
    from bench.national import QUARTERS

    published = QUARTERS[-1]
    for appeal, (_pk, _union, _district, visited) in zip(appeals, appealed, strict=True):
        day = timezone.localdate(visited) if timezone.is_aware(visited) else visited.date()
        if appeal.status == "open" and _quarter(day) == published:
            appeal.status = "dismissed"
        if appeal.status == "open":
            appeal.decided_by, appeal.decided_at, appeal.decision = None, None, ""
    appeals = Appeal.objects.bulk_create(appeals, batch_size=5000)
    counts["inspections.Appeal"] = len(appeals)

    # The current quarter's plan, drawn by the portal's own service: every operating
    # station visited once, by its district's inspectors, or by the city-wide ones where a
    # district has none. Shanghai's districts have several inspectors each; one (崇明区)
    # has none here, so the city inspector's plan is that district's whole share.
    today = timezone.localdate()
    year, quarter = _quarter(today)
    for n, district in enumerate(sorted({row[5] for row in ctx.station_rows})):
        if district == CITY_INSPECTOR_DISTRICT:
            continue
        for k in range(INSPECTORS_PER_DISTRICT):
            user = User(username=f"bench_inspector_{n:02d}_{k}")
            user.set_unusable_password()
            user.save()
            Profile.objects.create(user=user, role=Role.INSPECTOR, district=district)
    plan = plan_draw(year=year, quarter=quarter, by=aid, seed=str(ctx.seed))
    counts["inspections.PlanVisit"] = PlanVisit.objects.filter(plan=plan).count()

    # Peer review: each district union reviews the next one's stations this quarter.
    districts = list(Union.objects.exclude(district="").order_by("sort_order"))
    PeerReviewPairing.objects.bulk_create(
        PeerReviewPairing(
            year=year,
            quarter=quarter,
            reviewer=union,
            union=districts[(n + 1) % len(districts)],
            created_by=aid,
        )
        for n, union in enumerate(districts)
    )

    # Agreements: one per host unit with more than one station, covering all of them.
    by_unit: dict[int, list[int]] = {}
    unit_union: dict[int, int] = {}
    for station_id, host_unit_id, union_id in Station.objects.filter(
        status__in=("active", "rectifying", "approved")
    ).values_list("pk", "host_unit_id", "union_id"):
        by_unit.setdefault(host_unit_id, []).append(station_id)
        unit_union.setdefault(host_unit_id, union_id)
    units = [u for u, ids in by_unit.items() if len(ids) > 1 and u is not None]
    agreements = Agreement.objects.bulk_create(
        [
            Agreement(
                union_id=unit_union[u],
                host_unit_id=u,
                party_b="爱心接力站所在单位工会",
                signatory_a="王建国",
                signed_on=dt.date(2019, 3, 1),
            )
            for u in units
        ],
        batch_size=5000,
    )
    Through = Agreement.stations.through
    Through.objects.bulk_create(
        [
            Through(agreement_id=a.pk, station_id=s)
            for a, u in zip(agreements, units, strict=True)
            for s in by_unit[u]
        ],
        batch_size=10000,
    )
    counts["stations.Agreement"] = len(agreements)

    Notice.objects.bulk_create(
        Notice(
            union_id=clerk.profile.union_id,
            topic="order-overdue",
            subject=f"整改通知逾期：第{n}号",
            body="请尽快完成整改并回复。",
            read_at=now if n % 3 else None,
        )
        for n in range(NOTICES)
    )

    # The busiest station's own records.
    # auto_now_add sets every entry's time to now: the page's order is by time then id.
    for n in range(BUSY_HISTORY):
        if n % 3 == 0:
            StationTransition.objects.create(
                station=busy,
                from_status="active" if n % 2 else "rectifying",
                to_status="rectifying" if n % 2 else "active",
                by=aid,
                reason="季度检查红线项未达标" if n % 2 else "整改完成",
            )
        else:
            RecordChange.objects.create(
                union=busy.union,
                record="station",
                record_id=busy.pk,
                station=busy,
                action="edited",
                changes={"opening_hours_text": ["每日 09:00-17:00", "每日 08:00-18:00"]},
                by=clerk,
            )
    for n in range(5):
        Acceptance.objects.create(
            station=busy,
            union=busy.union,
            checked_on=dt.date(2019 + n, 6, 1),
            has_place=True,
            has_sign=True,
            has_staff=True,
            has_service=True,
            has_facilities=True,
            has_support=True,
            by=aid,
        )
        InsurancePolicy.objects.create(
            union=busy.union,
            station=busy,
            policy_number=f"PICC-2026-{n:04d}",
            insurer="中国人民财产保险",
            starts_on=dt.date(2022 + n, 1, 1),
            ends_on=dt.date(2022 + n, 12, 31),
        )
    photo, scan = _photo(rng), _pdf()
    busy_agreement = Agreement.objects.filter(stations=busy).first()
    if busy_agreement is not None:
        busy_agreement.scan.save("agreement.pdf", ContentFile(scan), save=True)
    pledge = Pledge.objects.filter(station=busy).first()
    if pledge is not None:
        pledge.scan.save("pledge.pdf", ContentFile(scan), save=True)
    filing = FilingForm.objects.get(pk=busy.filing_id)
    filing.signed_scan.save("filing.pdf", ContentFile(scan), save=True)
    digest = hashlib.sha256(photo).hexdigest()
    busy_check = Inspection.objects.get(pk=ctx.busy_checks[0])
    for _n in range(4):
        InspectionPhoto.objects.create(
            inspection=busy_check,
            image=ContentFile(photo, name="photo.jpg"),
            content_type="image/jpeg",
            size=len(photo),
            sha256=digest,
        )
    busy_order = Rectification.objects.filter(station=busy).order_by("pk").first()
    if busy_order is not None:
        for _n in range(4):
            RectificationPhoto.objects.create(
                rectification=busy_order,
                image=ContentFile(photo, name="photo.jpg"),
                content_type="image/jpeg",
                size=len(photo),
            )
    busy_appeal = Appeal.objects.filter(inspection__station=busy).order_by("pk").first()
    if busy_appeal is not None:
        for _n in range(3):
            AppealEvidence.objects.create(
                appeal=busy_appeal,
                file=ContentFile(scan, name="evidence.pdf"),
                content_type="application/pdf",
                size=len(scan),
                sha256=hashlib.sha256(scan).hexdigest(),
            )
    counts.update(_draft_filing(clerk))
    counts.update(_donation(busy, aid, clerk))
    counts.update(_awards(aid))
    counts.update(_documents(busy, filing, aid, clerk))
    return counts


def _donation(busy, aid, clerk) -> dict[str, int]:
    """爱心互献 through the services (issue 23): a city-wide offer of the running campaign,
    the busiest station's need posted by its union's clerk, one line matched and delivered,
    one waiting: the offer's and the need's pages have a record with matches to show."""
    from stations.models import Campaign
    from stations.services.donations import (
        donation_match,
        donation_offer_record,
        match_deliver,
        need_post,
    )

    today = dt.date.today()
    offer = donation_offer_record(
        by=aid, donor_name="光明乳业股份有限公司", donor_kind="company", contact_name="陈经理",
        contact_phone="021-54321234", lines=[("盒装牛奶", "箱", 2000), ("矿泉水", "箱", 1000)],
        districts=[], citywide=True, thank_publicly=True,
        campaign=Campaign.objects.order_by("-pk").first(),
    )  # fmt: skip
    need = need_post(
        by=clerk, station=busy, lines=[("矿泉水", "箱", 20), ("盒装牛奶", "箱", 10)],
        note="高温期间站内饮用水不足",
    )  # fmt: skip
    offered = {line.name: line for line in offer.lines.all()}
    first, *_rest = list(need.lines.order_by("pk"))
    match = donation_match(
        by=aid, offer_line=offered[first.name], need_line=first, quantity=first.quantity
    )
    match_deliver(match=match, by=aid, delivered_on=today)
    return {"stations.DonationOffer": 1, "stations.StationNeed": 1, "stations.DonationMatch": 1}


def _draft_filing(clerk) -> dict[str, int]:
    """A draft filing of the clerk's union with stations still in draft, whatever the size
    (the newest filings are drafts, but at a few dozen stations none may be the clerk's)."""
    from stations.models import FilingForm, Station

    union = clerk.profile.union
    if (
        FilingForm.objects.filter(union=union, status="draft").exists()
        and Station.objects.filter(union=union, status="draft").exists()
    ):
        return {}
    filing = FilingForm.objects.create(
        union=union, unit_name=union.name, head_name="王建国", head_phone="021-63211939"
    )
    template = Station.objects.filter(union=union).order_by("pk").first()
    for n in range(1, 4):
        template.pk = None
        template.filing = filing
        template.row_number = n
        template.status = "draft"
        template.plaque_number, template.plaque_seq = "", None
        template.save()
    return {"draft filings added": 1}


def _awards(aid) -> dict[str, int]:
    """Last year's honours, published: excellent stations at the upper bound (8% of the
    operating stations, the best mean scores first), a star head and a partner for one in
    ten of them. Written as rows, not through the selection (awards.services), whose
    candidates need four assessed quarters of that year."""
    from django.db.models import F
    from django.utils import timezone

    from awards.models import Award, AwardYear
    from awards.rules import award_bounds
    from stations.models import Station

    year = timezone.localdate().year - 1
    operating = Station.objects.filter(status__in=("active", "rectifying"))
    bounds = award_bounds(operating.count())
    award_year = AwardYear.objects.create(
        year=year,
        status="published",
        operating_stations=operating.count(),
        lower_bound=bounds.lower,
        upper_bound=bounds.upper,
        selected_by=aid,
        selected_at=timezone.now(),
        published_by=aid,
        published_at=timezone.now(),
    )
    winners = list(
        operating.order_by(F("plaque_seq").asc())
        .select_related("host_unit")
        .only("pk", "name", "plaque_number", "district", "union_id", "head_name", "host_unit")[
            : bounds.upper
        ]
    )
    awards = []
    partners: set[str] = set()
    for rank, station in enumerate(winners, start=1):
        common = {
            "award_year": award_year,
            "station": station,
            "union_id": station.union_id,
            "district": station.district,
            "station_name": station.name,
            "plaque_number": station.plaque_number,
            "mean_score": 95 - rank * 10 / max(1, len(winners)),
            "rank": rank,
            "confirmed": True,
            "citation": "服务规范，设施齐全，户外职工评价良好。",
        }
        awards.append(Award(kind="excellent_station", name=station.name, **common))
        if rank % 10 == 0:
            awards.append(Award(kind="star_head", name=station.head_name, **common))
            unit = station.host_unit.name if station.host_unit else ""
            if unit and unit not in partners:
                partners.add(unit)
                awards.append(
                    Award(kind="partner", name=unit, host_unit=station.host_unit, **common)
                )
    Award.objects.bulk_create(awards, batch_size=5000)
    return {"awards.Award": len(awards)}


def shortlists() -> dict[str, int]:
    """The selection's shortlist of the published year and of the current one, worked out by
    the job the selection page asks for (awards.shortlist.shortlist_build). The bench's
    current year has one published quarter: it is worked out as if one were enough
    (AWARDS_MIN_QUARTERS=1), so that its page ranks the tens of thousands of candidates a
    real year has, not none. Built after the quarter's assessment is published
    (bench/national.py): before it, no station has a published score and none is eligible."""
    import time

    from django.test import override_settings
    from django.utils import timezone

    from awards.shortlist import shortlist_build

    this_year = timezone.localdate().year
    written = 0
    for year in (this_year - 1, this_year):
        started = time.perf_counter()
        with override_settings(AWARDS_MIN_QUARTERS=1):
            award_year = shortlist_build(year)
        print(
            f"shortlist {year}: {award_year.shortlist_eligible} eligible, "
            f"{award_year.shortlist_left_out} left out, {time.perf_counter() - started:.1f} s"
        )
        written += award_year.shortlist_total
    return {"awards.Shortlisted": written}


def _documents(busy, filing, aid, clerk) -> dict[str, int]:
    """The files staff download, made in this process by the documents' own worker
    function (as an eager Celery would): a pledge, the clerk's registry export and order
    list CSV, the busiest filing's zip of pledges and plaques, its members before the zip."""
    from documents.models import GeneratedDocument
    from documents.services import document_request
    from documents.tasks import render_document
    from documents.worker import document_render
    from inspections.orders.export import ORDER_EXPORT, OrderExport
    from stations.documents.codes import Kind
    from stations.documents.registry_export import RegistryExport

    render_document.app.conf.task_always_eager = True
    for kind, record, by in (
        (Kind.PLEDGE, busy, aid),
        (Kind.REGISTRY_EXPORT, RegistryExport(user=clerk), clerk),
        (ORDER_EXPORT, OrderExport(user=clerk), clerk),
        (Kind.BATCH_ZIP, filing, aid),
    ):
        document_request(kind=kind, record=record, by=by)
    waiting = GeneratedDocument.objects.exclude(state="ready")
    for document in waiting.exclude(kind=Kind.BATCH_ZIP).order_by("pk"):
        document_render(document_id=document.pk, task_id="bench")
    for document in waiting.filter(kind=Kind.BATCH_ZIP).order_by("pk"):
        document_render(document_id=document.pk, task_id="bench")
    return {"documents.GeneratedDocument": GeneratedDocument.objects.count()}
