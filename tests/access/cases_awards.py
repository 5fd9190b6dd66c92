"""Harness cases for the annual awards: the public honours pages, the aid center's selection
pages, and the certificates page of unions and the aid center."""

from __future__ import annotations

from .case import Case

YEAR = 2025


def _year(status: str):
    def kwargs(w):
        from awards.models import AwardYear

        AwardYear.objects.update_or_create(year=YEAR, defaults={"status": status})
        return {"year": YEAR}

    return kwargs


def _award_a(w):
    from awards.models import Award, AwardKind, AwardYear

    award_year, _created = AwardYear.objects.get_or_create(year=YEAR)
    award = Award.objects.create(
        award_year=award_year,
        kind=AwardKind.STAR_HEAD,
        station=w.station_a,
        union=w.union_a,
        district=w.station_a.district,
        name=w.station_a.head_name,
        station_name=w.station_a.name,
        plaque_number="SH00001",
        citation="服务热情",
    )
    return {"pk": award.pk}


def _funding_year(w):
    return {"year": YEAR}


def _funding_union_a(w):
    return {"year": YEAR, "pk": w.union_a.pk}


CASES: dict[str, Case] = {
    # Before any year is published the page says so (200), for everyone.
    "awards:honours": Case(),
    "awards:honours_year": Case(kwargs=_year("published")),
    "awards:staff_years": Case(),
    "awards:staff_year": Case(kwargs=_year("draft")),
    # Union staff see their own union's certificates; the aid center every union's.
    "awards:certificates": Case(),
    "awards:selection_save": Case(kwargs=_year("draft"), post_ok=(302,)),
    "awards:publish": Case(kwargs=_year("draft"), post_ok=(302,)),
    "awards:shortlist_make": Case(kwargs=_year("draft"), post_ok=(302,)),
    "awards:shortlist_top": Case(kwargs=_year("draft"), post_ok=(302,)),
    "awards:certificates_make": Case(kwargs=_year("published"), post_ok=(302,)),
    "awards:confirm": Case(kwargs=_award_a, post_ok=(302,)),
    "awards:citation": Case(kwargs=_award_a, post_ok=(302,)),
    "awards:withdraw": Case(kwargs=_award_a, post_ok=(302,)),
    "awards:support": Case(kwargs=_award_a, post_ok=(302,)),
    # 经费支持: /staff/funding/ sends everyone on to this year's ledger.
    "awards:funding": Case(ok=302),
    "awards:funding_year": Case(kwargs=_funding_year),
    "awards:funding_export": Case(kwargs=_funding_year),
    "awards:funding_budget": Case(kwargs=_funding_year, post_ok=(302,)),
    # Union A's ledger: union B's staff get 404 (its id is outside their scope).
    "awards:funding_union": Case(kwargs=_funding_union_a, owner="a"),
    "awards:funding_union_export": Case(kwargs=_funding_union_a, owner="a"),
}

VARIANTS: list[tuple[str, Case]] = [
    # A year still in draft does not exist for anyone on the public side.
    ("awards:honours_year", Case(kwargs=_year("draft"), ok=404, label="draft year")),
    ("awards:honours_year", Case(kwargs=lambda w: {"year": 1999}, ok=404, label="no such year")),
    # A ledger answers for the programme's years (2018 on) to next year's budget.
    (
        "awards:funding_year",
        Case(kwargs=lambda w: {"year": 99999}, ok=404, label="a year out of range"),
    ),
]


def published_award_a(w):
    """A confirmed title of union A's station in a published year: it has a certificate
    (tests/access/cases_documents.py DOWNLOADS["award_cert"])."""
    from django.utils import timezone

    from awards.models import Award, AwardKind, AwardYear, AwardYearStatus

    award_year, _created = AwardYear.objects.update_or_create(
        year=YEAR,
        defaults={"status": AwardYearStatus.PUBLISHED, "published_at": timezone.now()},
    )
    award, _created = Award.objects.get_or_create(
        award_year=award_year,
        kind=AwardKind.EXCELLENT_STATION,
        station=w.station_a,
        defaults={
            "union": w.union_a,
            "district": w.station_a.district,
            "name": w.station_a.name,
            "station_name": w.station_a.name,
            "plaque_number": "SH09001",
            "citation": "服务优质",
            "confirmed": True,
        },
    )
    return award
