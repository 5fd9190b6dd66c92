import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from history.models import RecordChange
from inspections.models import Rectification
from inspections.orders.services.rectification import rectification_open
from inspections.orders.tasks import rectifications_flag_overdue_task
from unions.models import Notice

from .factories_orders import operating_station

pytestmark = pytest.mark.django_db


def test_running_the_overdue_job_twice_flags_and_notifies_the_union_once(
    world, django_capture_on_commit_callbacks, tasks_in_process
):
    world.user_a.email = "clerk_a@example.org"
    world.user_a.save()
    order = rectification_open(station=operating_station(world.union_a), by=world.aid, items=["a"])
    Rectification.objects.filter(pk=order.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert rectifications_flag_overdue_task() == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("flag_overdue_orders")
    order.refresh_from_db()
    assert order.overdue_notified_at is not None
    assert Notice.objects.filter(union=world.union_a, topic="rectification_overdue").count() == 1
    assert RecordChange.objects.filter(record_id=order.pk, action="overdue").count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["clerk_a@example.org"]
