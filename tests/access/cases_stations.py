"""Harness cases for the stations views: filings, review, registry, records, public."""

from __future__ import annotations

import datetime as dt

from tests.campaigns import running_campaign

from .case import INSPECTORS, OTHER_DISTRICT, Case

# world.station_a is union A's draft station; records below hang off it or its filing.
# Inspectors never see draft stations, so the station's scope hides it from them.
STATION_A = {
    "kwargs": lambda w: {"pk": w.station_a.pk},
    "owner": "a",
    "hidden_from": INSPECTORS,
}
FILING_A = {"kwargs": lambda w: {"pk": w.filing_a.pk}, "owner": "a"}


def _agreement(w):
    from stations.models import Agreement

    agreement = Agreement.objects.create(
        union=w.union_a,
        host_unit=w.host_a,
        party_b="上海市总工会、上海市绿化和市容管理局",
        signatory_a="张三",
        signed_on="2018-11-01",
    )
    agreement.stations.add(w.station_a)
    return {"pk": agreement.pk}


def _pledge(w):
    from stations.models import Pledge

    pledge = Pledge.objects.create(
        station=w.station_a,
        union=w.union_a,
        pledging_unit=w.host_a.name,
        service_hours="9:00-17:00",
        head_name="李红",
        # A date, not its text: the station keeps this pledge in memory, and a later case
        # prints it (the pledge's snapshot reads its deadline's year).
        due_by=dt.date(2018, 12, 1),
    )
    return {"pk": pledge.pk}


def _pledged_station(w):
    _pledge(w)
    return {"pk": w.station_a.pk}


def _public_station(w):
    w.station_a.plaque_number = "SH00001"
    w.station_a.plaque_seq = 1
    w.station_a.status = "active"
    w.station_a.save()
    return {"plaque_no": "SH00001"}


def _alert(w):
    import datetime as dt

    from django.utils import timezone

    from stations.services.alerts import alert_declare

    today = timezone.localdate()
    alert = alert_declare(
        by=w.aid, kind="heat", level=3, starts_on=today, ends_on=today + dt.timedelta(days=2)
    )
    return {"pk": alert.pk}


CASES: dict[str, Case] = {
    "stations:public_detail": Case(kwargs=_public_station),
    "stations:filing_list": Case(),
    "stations:filing_create": Case(),
    "stations:filing_detail": Case(**FILING_A),
    "stations:filing_edit": Case(**FILING_A),
    "stations:filing_station_add": Case(**FILING_A),
    "stations:filing_submit": Case(**FILING_A, post_ok=(302,)),
    # No scan uploaded in the world: the owner and the aid center get 404, not the file.
    "stations:filing_scan": Case(**FILING_A, ok=404),
    "stations:station_edit": Case(**STATION_A),
    "stations:review_queue": Case(),
    # The harness posts nothing: no station ticked, so the queue comes back with the message.
    "stations:review_bulk_approve": Case(post_ok=(400,)),
    "stations:acceptance_create": Case(**STATION_A),
    "stations:listings_due": Case(),
    # Campaigns: the city's, read by unions and the aid center; opened and allocated by the
    # aid center; a union records its own deliveries (an empty POST: the form comes back).
    "stations:campaign_list": Case(),
    "stations:campaign_create": Case(post_ok=(400,)),
    "stations:campaign_detail": Case(kwargs=lambda w: {"pk": running_campaign(w).pk}),
    "stations:campaign_allocation": Case(
        kwargs=lambda w: {"pk": running_campaign(w).pk}, post_ok=(302,)
    ),
    "stations:delivery_create": Case(
        kwargs=lambda w: {"pk": running_campaign(w).pk}, post_ok=(400,)
    ),
    # Nothing ticked: the list comes back with the message.
    "stations:listings_confirm": Case(post_ok=(400,)),
    # Heat and cold alerts: every member of staff reads them, the aid center declares (an
    # empty post: the form comes back) and ends them; a union records its station's hours.
    "stations:alert_list": Case(),
    "stations:alert_create": Case(post_ok=(400,)),
    "stations:alert_end": Case(kwargs=_alert, post_ok=(302,)),
    "stations:station_alert_hours": Case(**STATION_A, post_ok=(400,)),
    "stations:registry": Case(),
    "stations:staff_detail": Case(**STATION_A),
    "stations:station_action": Case(**STATION_A, post_ok=(302,)),
    # Dated paper steps: POST only; an empty post is refused with a message and a redirect.
    "stations:filing_paper_received": Case(**FILING_A, post_ok=(302,)),
    "stations:plaque_delivered": Case(**STATION_A, post_ok=(302,)),
    "stations:plaque_hung": Case(**STATION_A, post_ok=(302,)),
    "stations:agreement_create": Case(**STATION_A),
    "stations:agreement_detail": Case(kwargs=_agreement, owner="a"),
    "stations:agreement_scan": Case(kwargs=_agreement, owner="a", ok=404),
    "stations:pledge_edit": Case(kwargs=_pledged_station, owner="a"),
    "stations:pledge_scan": Case(kwargs=_pledge, owner="a", ok=404),
    "stations:insurance_create": Case(**STATION_A),
}


def _submitted_station(w):
    """Union A's station, submitted: inspectors of the city and of 黄浦区 see it now."""
    w.station_a.status = "submitted"
    w.station_a.save()
    return {"pk": w.station_a.pk}


def _agreement_of_active_station(w):
    w.station_a.status = "active"
    w.station_a.save()
    return _agreement(w)


# Further rows for patterns whose answer depends on the object's state or district.
VARIANTS: list[tuple[str, Case]] = [
    (
        "stations:staff_detail",
        Case(
            kwargs=_submitted_station,
            owner="a",
            hidden_from=OTHER_DISTRICT,
            label="a submitted station: its district's and the city's inspectors see it",
        ),
    ),
    (
        "stations:station_edit",
        # Union A is sent back to the station's page: a submitted station is not editable.
        Case(kwargs=_submitted_station, owner="a", ok=302, label="inspectors never edit"),
    ),
    (
        "stations:agreement_detail",
        Case(
            kwargs=_agreement_of_active_station,
            owner="a",
            label="no inspector reads an agreement, even of an operating station",
        ),
    ),
]
