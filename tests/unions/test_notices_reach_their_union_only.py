"""A notice is shown to its own union in the portal and mailed to that union's staff."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from unions.models import Notice, Role
from unions.notices import notify_union

from ..factories import make_user


def test_it_mails_the_unions_staff_after_commit(
    world, django_capture_on_commit_callbacks, tasks_in_process
):
    world.user_a.email = "clerk-a@example.org"
    world.user_a.save()
    second = make_user("clerk_a2", Role.UNION_STAFF, union=world.union_a)
    second.email = "clerk-a2@example.org"
    second.save()
    world.user_b.email = "clerk-b@example.org"
    world.user_b.save()

    with django_capture_on_commit_callbacks(execute=True):
        notice = notify_union(
            world.union_a, topic="rectification_overdue", subject="整改逾期", link="/staff/"
        )

    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["clerk-a2@example.org", "clerk-a@example.org"]
    assert mail.outbox[0].subject == "整改逾期"
    notice.refresh_from_db()
    assert notice.mailed_to == 2


def test_it_shows_a_notice_to_its_union_and_not_to_another(world, client):
    Notice.objects.create(union=world.union_a, topic="report", subject="第三季度考核报告已生成")
    client.force_login(world.user_a)
    assert "第三季度考核报告已生成" in client.get(reverse("accounts:notices")).content.decode()
    client.force_login(world.user_b)
    assert "第三季度考核报告已生成" not in client.get(reverse("accounts:notices")).content.decode()


def test_marking_read_follows_only_links_inside_the_portal(world, client):
    notice = Notice.objects.create(
        union=world.union_a, topic="x", subject="s", link="https://evil.example/"
    )
    client.force_login(world.user_a)
    response = client.post(reverse("accounts:notice_read", args=[notice.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:notices")
    notice.refresh_from_db()
    assert notice.read_by == world.user_a


def test_another_unions_notice_cannot_be_marked_read(world, client):
    notice = Notice.objects.create(union=world.union_a, topic="x", subject="s")
    client.force_login(world.user_b)
    assert client.post(reverse("accounts:notice_read", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
