from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(
    name="unions.tasks.notice_mail",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notice_mail(notice_id: int) -> int:
    """Mail one notice to its union's staff; returns how many were mailed."""
    from .models import Notice

    notice = Notice.objects.select_related("union").get(pk=notice_id)
    recipients = notice_recipients(notice.union)
    if not recipients:
        return 0
    body = notice.body
    if notice.link:
        body = f"{body}\n\n{settings.PUBLIC_BASE_URL}{notice.link}".strip()
    send_mail(notice.subject, body, None, recipients)
    Notice.objects.filter(pk=notice.pk).update(mailed_to=len(recipients))
    return len(recipients)


def notice_recipients(union) -> list[str]:
    """The e-mail addresses of the union's active staff accounts; of the aid center's for a
    notice with no union."""
    from django.contrib.auth import get_user_model

    from .roles import Role

    active = get_user_model().objects.filter(is_active=True).exclude(email="")
    if union is None:
        users = active.filter(profile__role=Role.AID_CENTER)
    else:
        users = active.filter(profile__union=union, profile__role=Role.UNION_STAFF)
    return sorted(set(users.values_list("email", flat=True)))
