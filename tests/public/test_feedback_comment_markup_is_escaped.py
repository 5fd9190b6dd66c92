"""A comment is shown as text on every page that shows it: moderation, ticket list, ticket."""

from __future__ import annotations

from stations.models import FeedbackTicket

from .feedback_helpers import phone, rate

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_markup_in_a_comment_is_escaped_everywhere(client, public_station, world):
    rate(phone(), public_station(), rating=1, problems=["refused"], comment=MARKUP)
    ticket = FeedbackTicket.objects.get()
    pages = {
        world.aid: [
            "/staff/feedback/",
            "/staff/feedback/tickets/",
            f"/staff/feedback/tickets/{ticket.pk}/",
        ],
        world.user_a: ["/staff/feedback/tickets/", f"/staff/feedback/tickets/{ticket.pk}/"],
    }
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            body = client.get(url).content.decode()
            assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body, url
            assert MARKUP not in body and "<img src=x" not in body, url
