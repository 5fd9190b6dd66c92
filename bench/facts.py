"""The ids and values the page bench's paths need, read from the bench database.

bench/urlmap.py writes each row's path with {names}: ``/staff/stations/{busy_station}/``.
``collect()`` (run inside Django on the bench database, by bench/bench_pages.py in a child
process) finds them: the busiest station (the one with the most checks), its busiest
records, a draft filing of the clerk's union, the published assessment, and so on, each the
heaviest of its kind. ``SAMPLE`` gives every name a value of the right shape, for the test
that resolves every row's path without a database.
"""

from __future__ import annotations

SAMPLE: dict[str, object] = {
    "shortlist_deep": "eyJrIjpbNTAsMV0sIm4iOjUxfQ",
    "shortlist_left_deep": "eyJrIjpbMV0sIm4iOjJ9",
    "public_plaque": "SH00001",
    "busy_station": 1,
    "busy_plaque": "SH00002",
    "busy_filing": 1,
    "draft_filing": 2,
    "draft_station": 3,
    "busy_check": 4,
    "check_photo": 5,
    "appealable_check": 6,
    "busy_order": 7,
    "order_photo": 8,
    "answerable_order": 9,
    "busy_ticket": 10,
    "busy_appeal": 11,
    "appeal_evidence": 12,
    "busy_agreement": 13,
    "scan_agreement": 14,
    "busy_pledge": 15,
    "pledge_document": 16,
    "clerk_export": 17,
    "clerk_order_export": 20,
    "plan": 18,
    "assessment": 19,
    "year": 2026,
    "quarter": 3,
    "ranked_path": "2026/q3",
    "award_year": 2025,
    "district": "徐汇区",
    "near": "31.2317,121.4846",
    "since": "2026-07-01",
    "until": "2026-09-30",
    "changed_since": "2026-09-30T00:00:00+08:00",
    "campaign": 1,
    "donation_offer": 1,
    "station_need": 1,
    "training": 1,
    "clerk_union": 2,
    "funding_year": 2026,
    "registry_deep": "eyJrIjpbMSwxXSwibiI6Mn0",
    "checks_deep": "eyJrIjpbMSwxXSwibiI6Mn0",
    "feedback_deep": "eyJrIjpbMSwxXSwibiI6Mn0",
    "orders_deep": "eyJrIjpbMSwxXSwibiI6Mn0",
    "tickets_deep": "eyJrIjpbMSwxXSwibiI6Mn0",
    "appeals_deep": "eyJrIjpbMSwxXSwibiI6Mn0",
    "review_deep": "eyJrIjpbMSwxXSwibiI6Mn0",
    "filings_deep": "eyJrIjpbMSwxXSwibiI6Mn0",
    "plan_deep": "eyJrIjpbMSwxXSwibiI6Mn0",
    "notices_deep": "eyJrIjpbMSwxXSwibiI6Mn0",
    "assessment_deep": 500,
}


def collect() -> dict[str, object]:
    """Inside Django, on the bench database."""
    from django.db.models import Count

    from awards.models import AwardYear
    from documents.models import GeneratedDocument
    from inspections.models import (
        Appeal,
        AppealEvidence,
        Inspection,
        InspectionPhoto,
        InspectionPlan,
        QuarterlyAssessment,
        Rectification,
        RectificationPhoto,
    )
    from stations.models import Agreement, FeedbackTicket, FilingForm, Pledge, Station
    from unions.models import Union

    from .national import BENCH_USERS, QUARTERS

    xuhui = Union.objects.get(code=BENCH_USERS["bench_clerk"][1])
    busy_id = (
        Inspection.objects.values("station")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("station", flat=True)
        .first()
    )
    busy = Station.objects.get(pk=busy_id)
    year, quarter = QUARTERS[-1]
    photo = InspectionPhoto.objects.filter(inspection__station=busy).order_by("pk").first()
    order_photo = RectificationPhoto.objects.filter(rectification__station=busy).first()
    evidence = AppealEvidence.objects.filter(appeal__inspection__station=busy).first()
    appealed = Appeal.objects.values("inspection_id")
    appealable = (
        Inspection.objects.filter(union=xuhui, status="recorded")
        .exclude(kind="self_check")
        .exclude(pk__in=appealed)
        .order_by("-visited_at")
        .first()
    )
    draft = FilingForm.objects.filter(union=xuhui, status="draft").order_by("-pk").first()
    draft_station = Station.objects.filter(union=xuhui, status__in=("draft", "returned")).first()
    biggest = (
        Agreement.objects.annotate(n=Count("stations")).order_by("-n", "pk").values("pk").first()
    )
    facts = {
        "public_plaque": Station.objects.public().order_by("plaque_seq").first().plaque_number,
        "busy_station": busy.pk,
        "busy_plaque": busy.plaque_number,
        "busy_filing": busy.filing_id,
        "draft_filing": draft.pk if draft else 0,
        "draft_station": draft_station.pk if draft_station else 0,
        "busy_check": photo.inspection_id if photo else 0,
        "check_photo": photo.pk if photo else 0,
        "appealable_check": appealable.pk if appealable else 0,
        "busy_order": order_photo.rectification_id if order_photo else 0,
        "order_photo": order_photo.pk if order_photo else 0,
        "answerable_order": Rectification.objects.filter(union=xuhui, status="open")
        .values_list("pk", flat=True)
        .first()
        or 0,
        "busy_ticket": FeedbackTicket.objects.filter(station=busy)
        .values_list("pk", flat=True)
        .first()
        or 0,
        "busy_appeal": evidence.appeal_id if evidence else 0,
        "appeal_evidence": evidence.pk if evidence else 0,
        "busy_agreement": biggest["pk"] if biggest else 0,
        "scan_agreement": Agreement.objects.filter(stations=busy)
        .values_list("pk", flat=True)
        .first()
        or 0,
        "busy_pledge": Pledge.objects.filter(station=busy).values_list("pk", flat=True).first()
        or 0,
        "pledge_document": GeneratedDocument.objects.filter(
            kind="pledge", record_key=f"station:{busy.pk}"
        )
        .values_list("pk", flat=True)
        .first()
        or 0,
        "clerk_export": GeneratedDocument.objects.filter(kind="registry_xlsx")
        .values_list("pk", flat=True)
        .first()
        or 0,
        "clerk_order_export": GeneratedDocument.objects.filter(kind="orders_csv")
        .values_list("pk", flat=True)
        .first()
        or 0,
        "plan": InspectionPlan.objects.order_by("-year", "-quarter")
        .values_list("pk", flat=True)
        .first()
        or 0,
        "assessment": QuarterlyAssessment.objects.filter(year=year, quarter=quarter)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
        or 0,
        "year": year,
        "quarter": quarter,
        "ranked_path": f"{year}/q{quarter}",
        "award_year": AwardYear.objects.published().values_list("year", flat=True).first() or 0,
        "district": busy.district,
        # People's Square: the densest part of the city at national size.
        "near": "31.2317,121.4846",
        "since": f"{year}-{3 * quarter - 2:02d}-01",
        "until": f"{year}-{3 * quarter:02d}-28",
    }
    facts.update(_deep_pages())
    facts.update(_shortlist_pages(year))
    facts["changed_since"] = _changed_since()
    from stations.models import Campaign

    facts["campaign"] = Campaign.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    # The funding ledger of the campaign's year (awards/funding.py), the clerk's union's too.
    started = Campaign.objects.order_by("-pk").values_list("starts_on", flat=True).first()
    facts["funding_year"] = started.year if started else year
    facts["clerk_union"] = xuhui.pk
    from stations.models import DonationOffer, StationNeed

    facts["donation_offer"] = (
        DonationOffer.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    )
    facts["station_need"] = (
        StationNeed.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    )
    from stations.models import TrainingSession

    facts["training"] = (
        TrainingSession.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    )
    return facts


def _changed_since() -> str:
    """A moment with about a day's worth of changed stations after it (a few hundred), for
    the open data's modified_after delta."""
    from stations.models import Station

    moment = (
        Station.objects.with_plaque()
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)[300:301]
        .first()
    )
    return moment.isoformat() if moment else "2026-01-01"


def _shortlist_pages(year: int) -> dict[str, str]:
    """Keys (unions/pages.py) of the middle of the year's shortlist: its candidates by rank,
    and the stations left out."""
    from awards.models import Shortlisted
    from unions.pages import encode

    rows = Shortlisted.objects.filter(award_year__year=year)
    ranked = rows.filter(rank__isnull=False).count()
    middle = rows.filter(rank=max(1, ranked // 2)).values_list("rank", "id").first()
    left_out = rows.filter(rank__isnull=True).order_by("id").values_list("id", flat=True)
    left_middle = left_out[left_out.count() // 2 : left_out.count() // 2 + 1]
    return {
        "shortlist_deep": encode(middle, ranked // 2) if middle else "",
        "shortlist_left_deep": encode(list(left_middle), rows.count() // 2) if left_middle else "",
    }


def _deep_pages() -> dict[str, object]:
    """A deep page of each list: the middle of the list as the aid center sees it.

    The staff lists are read by key (unions/pages.py): their deep page is ``?after=`` the
    key of the middle row in the list's own order (a ``?page=`` number would be ignored by
    them and measure the first page again). The quarterly assessment keeps numbered pages
    (read by key from marks), so it gets a number."""
    from django.contrib.auth import get_user_model

    from inspections.models import Appeal, Inspection, PlanVisit, Rectification, StationQuarterScore
    from stations.models import Feedback, FeedbackTicket, FilingForm, Station
    from stations.selectors import QUEUE_ORDERS, review_queue
    from unions.models import Notice
    from unions.pages import encode

    def middle(count: int, per_page: int) -> int:
        return max(1, count // per_page // 2)

    def key(queryset, order: tuple[str, ...]) -> str:
        """The token of the row in the middle of ``queryset`` read in ``order``."""
        names = [item.lstrip("-") for item in order]
        count = queryset.count()
        if not count:
            return ""
        row = queryset.order_by(*order).values_list(*names)[count // 2]
        return encode(list(row), count // 2 + 1)

    aid = get_user_model().objects.get(username="bench_aid")
    clerk = get_user_model().objects.get(username="bench_clerk")
    plan = PlanVisit.objects.order_by("-plan_id").values_list("plan_id", flat=True).first()
    return {
        "registry_deep": key(Station.objects.all(), ("plaque_seq", "id")),
        "checks_deep": key(Inspection.objects.all(), ("-visited_at", "-id")),
        "feedback_deep": key(Feedback.objects.all(), ("-created_at", "-id")),
        "orders_deep": key(Rectification.objects.all(), ("deadline", "id")),
        "tickets_deep": key(FeedbackTicket.objects.all(), ("-opened_at", "-id")),
        "appeals_deep": key(Appeal.objects.all(), ("-created_at", "-id")),
        "review_deep": key(review_queue(aid), (*QUEUE_ORDERS["waiting"], "id")),
        "filings_deep": key(FilingForm.objects.all(), ("-created_at", "-id")),
        "plan_deep": key(PlanVisit.objects.filter(plan_id=plan), ("district", "inspector", "id")),
        "notices_deep": key(Notice.objects.visible_to(clerk), ("-created_at", "-id")),
        "assessment_deep": middle(StationQuarterScore.objects.count(), 50),
    }
