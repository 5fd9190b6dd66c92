"""Training sessions for the training tests and the access harness, made through the service
as the aid center or union A's clerk would."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from stations.models import TrainingMode, TrainingSession
from stations.services.training import training_schedule


def session_of(user, *, days_ago: int = 1, capacity: int = 30, topic: str = "") -> TrainingSession:
    """A session held ``days_ago`` days ago (negative: still to come), organised by ``user``:
    city-wide for the aid center, the union's own for a clerk."""
    return training_schedule(
        by=user,
        topic=topic or "接力站服务规范",
        held_on=timezone.localdate() - dt.timedelta(days=days_ago),
        starts_at=dt.time(14, 0),
        ends_at=dt.time(16, 0),
        mode=TrainingMode.IN_PERSON,
        place="黄浦区职工服务中心 二楼",
        capacity=capacity,
    )
