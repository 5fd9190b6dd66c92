"""Recording that the signed pledge came back (its date, its arrival) changes no printed
word of 附件3, so the pledge already printed stays the current version (issue 8, item 6)."""

from __future__ import annotations

import datetime as dt

from documents.models import GeneratedDocument
from stations.documents.codes import Kind
from stations.services.records import pledge_update


def test_the_printed_pledge_stays_current_after_the_signed_copy_is_recorded(
    make, station, pledge, world
):
    printed = make(Kind.PLEDGE, station)
    pledge_update(
        pledge=pledge,
        by=world.aid,
        pledged_on=dt.date(2018, 11, 2),
        received_on=dt.date(2018, 11, 5),
    )
    station.refresh_from_db()
    again = make(Kind.PLEDGE, station)
    assert again.pk == printed.pk
    assert GeneratedDocument.objects.filter(kind=Kind.PLEDGE).count() == 1


def test_a_changed_pledging_unit_is_still_a_new_version(make, station, pledge, world):
    printed = make(Kind.PLEDGE, station)
    pledge_update(pledge=pledge, by=world.aid, pledging_unit="中国工商银行上海市分行")
    station.refresh_from_db()
    assert make(Kind.PLEDGE, station).pk != printed.pk
