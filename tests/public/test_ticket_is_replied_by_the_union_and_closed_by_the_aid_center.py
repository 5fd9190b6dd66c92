"""The union replies to its ticket; the aid center closes it; both steps are history rows."""

from __future__ import annotations

from history.models import RecordChange
from stations.models import FeedbackTicket

from .feedback_helpers import phone, rate


def test_the_union_replies_and_the_aid_center_closes(client, public_station, world):
    rate(phone(), public_station(), rating=1, problems=["closed_in_hours"])
    ticket = FeedbackTicket.objects.get()
    url = f"/staff/feedback/tickets/{ticket.pk}/"

    client.force_login(world.user_a)
    assert client.post(url + "close/").status_code == 403  # closing is the aid center's
    response = client.post(url + "reply/", {"reply": "已约谈站长，恢复按时开放"})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == "replied" and ticket.replied_by == world.user_a

    client.force_login(world.aid)
    assert client.post(url + "reply/", {"reply": "x"}).status_code == 403  # the union's
    assert client.post(url + "close/", {"note": "已核实"}).status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == "closed" and ticket.closed_by == world.aid

    client.force_login(world.user_a)
    page = client.get(url).content.decode()
    assert "已约谈站长" in page and 'action="' + url + 'reply/"' not in page
    actions = list(
        RecordChange.objects.filter(record="feedback", record_id=ticket.feedback_id)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["answered", "closed"]


def test_an_empty_reply_is_refused_with_the_form(client, public_station, world):
    rate(phone(), public_station(), rating=1, problems=["refused"])
    ticket = FeedbackTicket.objects.get()
    client.force_login(world.user_a)

    response = client.post(f"/staff/feedback/tickets/{ticket.pk}/reply/", {"reply": " "})

    assert response.status_code == 400
    ticket.refresh_from_db()
    assert ticket.status == "open"
