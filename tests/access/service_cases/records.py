"""Records kept beside a station (stations.permissions.RECORD_ROLES): acceptance, agreement,
pledge, insurance, the paper steps and temporary closures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from stations.datum import Datum
from stations.models import StationStatus
from stations.services import alerts, campaigns, closures, paper, records
from stations.services.datum import convert_union_datum
from stations.services.freshness import listing_confirm
from stations.services.review import ALL_SIX, acceptance_record
from tests.campaigns import running_campaign

from ..service_cases import ServiceCase
from ._build import AID, UNION_A, UNION_A_OR_AID, draft, station


def _today():
    return timezone.localdate()


def _delivered(world):
    made = station(world)
    made.plaque_delivered_on = _today()
    made.save()
    return made


CASES = [
    ServiceCase(
        acceptance_record,
        AID,
        lambda w, u: acceptance_record(
            station=draft(w, StationStatus.SUBMITTED), by=u, checked_on=_today(), **ALL_SIX
        ),
    ),
    ServiceCase(
        records.agreement_record,
        AID,
        lambda w, u: records.agreement_record(
            host_unit=w.host_a,
            stations=[station(w, StationStatus.APPROVED)],
            by=u,
            signatory_a="张行长",
            signed_on=_today(),
        ),
    ),
    ServiceCase(
        records.pledge_update,
        AID,
        lambda w, u: records.pledge_update(
            pledge=station(w, StationStatus.APPROVED).pledge, by=u, received_on=_today()
        ),
    ),
    ServiceCase(
        records.insurance_record,
        UNION_A_OR_AID,
        lambda w, u: records.insurance_record(
            union=w.union_a,
            by=u,
            station=station(w),
            policy_number="PB2026001",
            insurer="太平洋保险",
            starts_on=_today(),
            ends_on=_today() + dt.timedelta(days=365),
        ),
    ),
    ServiceCase(
        paper.filing_paper_receive,
        AID,
        lambda w, u: paper.filing_paper_receive(filing=w.filing_a, by=u, received_on=_today()),
    ),
    ServiceCase(
        paper.plaque_deliver,
        AID,
        lambda w, u: paper.plaque_deliver(station=station(w), by=u, delivered_on=_today()),
    ),
    ServiceCase(
        paper.plaque_hang,
        UNION_A_OR_AID,
        lambda w, u: paper.plaque_hang(station=_delivered(w), by=u, hung_on=_today()),
    ),
    ServiceCase(
        closures.closure_post,
        UNION_A_OR_AID,
        lambda w, u: closures.closure_post(
            station=station(w),
            by=u,
            starts_on=_today(),
            ends_on=_today() + dt.timedelta(days=3),
            reason="装修",
        ),
    ),
]


def _convert(world, user):
    station(world, latitude=Decimal("31.230000"), longitude=Decimal("121.470000"))
    return convert_union_datum(union=world.union_a, datum=Datum.GCJ02, by=user)


CASES.append(ServiceCase(convert_union_datum, AID, _convert))


def _confirm(world, user):
    return listing_confirm(stations=[station(world)], by=user)


CASES.append(ServiceCase(listing_confirm, UNION_A, _confirm))


def _campaign_open(world, user):
    from decimal import Decimal as D

    today = timezone.localdate()
    return campaigns.campaign_open(
        by=user, kind="cool", title="送清凉", starts_on=today, ends_on=today, offer="绿豆汤",
        budget=D(0), goods=[("绿豆汤", "箱", D(1))],
    )  # fmt: skip


def _campaign_allocate(world, user):
    campaign = running_campaign(world)
    good = campaign.goods.first()
    return campaigns.campaign_allocate(
        campaign=campaign, by=user, quantities={(world.union_a.pk, good.pk): 150}
    )


def _delivery(world, user):
    campaign = running_campaign(world)
    good = campaign.goods.first()
    return campaigns.delivery_record(
        campaign=campaign, station=station(world), by=user, delivered_on=timezone.localdate(),
        received_by="李站长", quantities={good.pk: 2},
    )  # fmt: skip


CASES += [
    ServiceCase(campaigns.campaign_open, AID, _campaign_open),
    ServiceCase(campaigns.campaign_allocate, AID, _campaign_allocate),
    ServiceCase(campaigns.delivery_record, UNION_A, _delivery),
]


def _alert_declare(world, user):
    return alerts.alert_declare(by=user, kind="heat", level=3, starts_on=_today(), ends_on=_today())


def _alert_end(world, user):
    alert = alerts.alert_declare(
        by=world.aid, kind="heat", level=3, starts_on=_today(), ends_on=_today()
    )
    return alerts.alert_end(by=user, alert=alert)


def _alert_hours(world, user):
    return alerts.station_alert_hours_set(
        by=user, station=station(world), kind="heat", entries=[alerts.read_entry(2, "7:00-22:00")]
    )


CASES += [
    ServiceCase(alerts.alert_declare, AID, _alert_declare),
    ServiceCase(alerts.alert_end, AID, _alert_end),
    ServiceCase(alerts.station_alert_hours_set, UNION_A, _alert_hours),
]
