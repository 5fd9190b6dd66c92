"""Tickets belong to the station's union: another union neither lists nor opens them; the
aid center sees all of them."""

from __future__ import annotations

from stations.models import FeedbackTicket

from .feedback_helpers import phone, rate


def test_union_b_neither_lists_nor_opens_union_a_tickets(client, public_station, world):
    rate(phone(), public_station(name="甲工会的站"), rating=1, problems=["refused"])
    ticket = FeedbackTicket.objects.get()

    client.force_login(world.user_b)
    assert "甲工会的站" not in client.get("/staff/feedback/tickets/").content.decode()
    assert client.get(f"/staff/feedback/tickets/{ticket.pk}/").status_code == 404
    assert (
        client.post(f"/staff/feedback/tickets/{ticket.pk}/reply/", {"reply": "x"}).status_code
        == 404
    )

    client.force_login(world.user_a)
    assert "甲工会的站" in client.get("/staff/feedback/tickets/").content.decode()
    client.force_login(world.aid)
    assert "甲工会的站" in client.get("/staff/feedback/tickets/").content.decode()
