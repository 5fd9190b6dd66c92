"""The annual honours' services (awards/services.py): every one is the aid center's alone
(YEAR_ACTIONS and TITLE_ACTIONS: unions.roles.AID), whoever calls it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from awards import services
from awards.models import Award, AwardKind
from inspections.assessment.models import AssessmentStatus
from inspections.models import QuarterlyAssessment, StationQuarterScore
from stations.models import StationStatus
from tests.factories import FilingFormFactory, HostUnitFactory, StationFactory

from . import ServiceCase

AID_ONLY = frozenset({"aid_center"})


def _year() -> int:
    return timezone.localdate().year - 1


def _winner(world):
    """Union A's one station that operated all of last year, with three published quarters:
    a base of one, so exactly one title (awards.rules.award_bounds)."""
    year = _year()
    station = StationFactory(
        filing=FilingFormFactory(union=world.union_a),
        host_unit=HostUnitFactory(union=world.union_a, parent_unit=""),
        status=StationStatus.ACTIVE,
        plaque_number="SH09001",
        activated_at=dt.datetime(year - 1, 6, 1, 9, tzinfo=timezone.get_default_timezone()),
    )
    for quarter in (1, 2, 3):
        assessment = QuarterlyAssessment.objects.create(
            year=year, quarter=quarter, status=AssessmentStatus.PUBLISHED
        )
        StationQuarterScore.objects.create(
            assessment=assessment,
            station=station,
            union=station.union,
            district=station.district,
            audience=station.audience,
            timeliness=Decimal("100"),
            score=Decimal("92"),
        )
    return station


def _selected(world):
    station = _winner(world)
    return services.award_selection_save(year=_year(), station_ids=[station.pk], by=world.aid)


def _published(world):
    award_year = _selected(world)
    services.award_year_publish(year=award_year.year, by=world.aid, certificates=False)
    return award_year


def _title(award_year, kind):
    return Award.objects.get(award_year=award_year, kind=kind)


def _select(world, user):
    station = _winner(world)
    services.award_selection_save(year=_year(), station_ids=[station.pk], by=user)


def _confirm(world, user):
    head = _title(_selected(world), AwardKind.STAR_HEAD)
    services.award_confirm(award=head, confirmed=True, by=user)


def _cite(world, user):
    station = _title(_selected(world), AwardKind.EXCELLENT_STATION)
    services.award_citation_set(award=station, citation="管理严格、服务优质", by=user)


def _correct(world, user):
    station = _title(_published(world), AwardKind.EXCELLENT_STATION)
    services.award_citation_set(award=station, citation="新的评语", reason="错别字", by=user)


def _publish(world, user):
    award_year = _selected(world)
    services.award_year_publish(year=award_year.year, by=user, certificates=False)


def _withdraw(world, user):
    station = _title(_published(world), AwardKind.EXCELLENT_STATION)
    services.award_withdraw(award=station, reason="发现弄虚作假", by=user)


def _certificates(world, user):
    award_year = _published(world)
    services.award_certificates_request(year=award_year.year, by=user)


def _support(world, user):
    head = _title(_selected(world), AwardKind.STAR_HEAD)
    services.award_support_set(award=head, amount=Decimal("2000"), by=user)


def _budget(world, user):
    services.award_year_budget_set(year=_year(), budget=Decimal("50000"), by=user)


CASES = [
    ServiceCase(services.award_selection_save, AID_ONLY, _select),
    ServiceCase(services.award_confirm, AID_ONLY, _confirm),
    ServiceCase(services.award_citation_set, AID_ONLY, _cite, label="draft"),
    ServiceCase(services.award_citation_set, AID_ONLY, _correct, label="published"),
    ServiceCase(services.award_year_publish, AID_ONLY, _publish),
    ServiceCase(services.award_withdraw, AID_ONLY, _withdraw),
    ServiceCase(services.award_certificates_request, AID_ONLY, _certificates),
    ServiceCase(services.award_support_set, AID_ONLY, _support),
    ServiceCase(services.award_year_budget_set, AID_ONLY, _budget),
]
