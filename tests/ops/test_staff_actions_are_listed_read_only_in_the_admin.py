"""An administrator reads every station move and record change in the admin, and can
neither add, change nor delete one."""

from __future__ import annotations

from history.models import RecordChange
from history.writer import record_change
from stations.models import StationTransition


def test_the_admin_lists_station_moves_and_record_changes(client, world):
    StationTransition.objects.create(
        station=world.station_a,
        from_status="draft",
        to_status="submitted",
        by=world.user_a,
        reason="提交备案-审计",
    )
    record_change(
        record=RecordChange.Record.STATION,
        record_id=world.station_a.pk,
        union_id=world.union_a.pk,
        stations=[world.station_a],
        action=RecordChange.Action.EDITED,
        by=world.user_a,
        reason="修改地址-审计",
    )
    client.force_login(world.admin)

    moves = client.get("/admin/stations/stationtransition/")
    changes = client.get("/admin/history/recordchange/")

    assert moves.status_code == 200
    assert "提交备案-审计" in moves.content.decode()
    assert changes.status_code == 200
    assert "修改地址-审计" in changes.content.decode()


def test_the_log_cannot_be_added_to_changed_or_deleted_in_the_admin(client, world):
    move = StationTransition.objects.create(
        station=world.station_a, from_status="draft", to_status="submitted", by=world.user_a
    )
    client.force_login(world.admin)

    assert client.get("/admin/stations/stationtransition/add/").status_code == 403
    assert client.get("/admin/history/recordchange/add/").status_code == 403
    delete = client.post(f"/admin/stations/stationtransition/{move.pk}/delete/", {"post": "yes"})
    assert delete.status_code in (302, 403)
    assert StationTransition.objects.filter(pk=move.pk).exists()
