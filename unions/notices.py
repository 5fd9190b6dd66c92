"""Telling a union (or the aid center) something: one Notice row in the portal, and an
e-mail to its staff.

The row is written in the caller's transaction; the mail goes after commit through a Celery
task with retries, so a rolled-back change sends nothing and a slow mail server slows no
request. Mail uses Django's mail settings (EMAIL_URL)."""

from __future__ import annotations

from functools import partial

from django.db import transaction

from .models import Notice, Union
from .tasks import notice_mail


def notify_union(
    union: Union, *, topic: str, subject: str, body: str = "", link: str = ""
) -> Notice:
    notice = Notice.objects.create(union=union, topic=topic, subject=subject, body=body, link=link)
    transaction.on_commit(partial(notice_mail.delay, notice.pk), robust=True)
    return notice


def notify_aid_center(*, topic: str, subject: str, body: str = "", link: str = "") -> Notice:
    """A notice to the aid center (no union): on its notices page, mailed to its staff."""
    notice = Notice.objects.create(union=None, topic=topic, subject=subject, body=body, link=link)
    transaction.on_commit(partial(notice_mail.delay, notice.pk), robust=True)
    return notice
