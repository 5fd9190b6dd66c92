"""Demo training (issue 23, item 8 in part): the aid center's city-wide session of last month
with heads of three district unions ticked as attending, and a union's own session still to
come. Through the real services, as the aid center and the clerks would. Idempotent: a
session is keyed by its topic."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from .demo_campaigns import CLERKS
from .models import HOLDS_PLAQUE, Station, TrainingMode, TrainingSession
from .services.training import training_attendance_set, training_schedule

CITY_TOPIC = "接力站服务规范与防暑急救常识"
UNION_TOPIC = "站长服务礼仪与12351职工服务热线"


def seed_training() -> int:
    """Returns how many heads were recorded as attending."""
    User = get_user_model()
    aid = User.objects.filter(username="aidcenter").first()
    if aid is None or TrainingSession.objects.filter(topic=CITY_TOPIC).exists():
        return 0
    today = timezone.localdate()
    session = training_schedule(
        by=aid, topic=CITY_TOPIC, held_on=today - dt.timedelta(days=30),
        starts_at=dt.time(14, 0), ends_at=dt.time(16, 30), mode=TrainingMode.IN_PERSON,
        place="上海市职工援助服务中心 三楼培训室", capacity=60,
    )  # fmt: skip
    attended = 0
    for code, username in CLERKS.items():
        clerk = User.objects.filter(username=username).first()
        if clerk is None:
            continue
        ids = list(
            Station.objects.filter(union__code=code, status__in=HOLDS_PLAQUE)
            .order_by("plaque_seq")
            .values_list("pk", flat=True)[:5]
        )
        added, _removed = training_attendance_set(session=session, by=clerk, shown=ids, ticked=ids)
        attended += added
    clerk = User.objects.filter(username=CLERKS["huangpu"]).first()
    if clerk is not None:
        training_schedule(
            by=clerk, topic=UNION_TOPIC, held_on=today + dt.timedelta(days=14),
            starts_at=dt.time(9, 30), ends_at=dt.time(11, 0), mode=TrainingMode.ONLINE,
            online_link="https://meeting.tencent.com/dm/relay-demo", capacity=30,
        )  # fmt: skip
    return attended
