"""Badges, buttons and conditions in templates read the records' tables: no template spells
a status or a role of its own (issue 21, item 8; STYLE habit 11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from inspections.models import (
    Appeal,
    AppealStatus,
    Rectification,
    RectificationStatus,
)
from inspections.orders.models.appeal import APPEAL_BADGES
from inspections.orders.models.rectification import ORDER_BADGES
from stations.models import FeedbackTicket, TicketStatus
from stations.models.feedback_ticket import TICKET_BADGES

# {% if order.status == "open" %}, {% if role == "aid_center" %}, and the like.
SPELLED = re.compile(
    r"""\.(status|state|role)\s*[!=]=\s*["']|["'](aid_center|inspector|union)["']\s*(==|in)\b"""
)


def _templates():
    root = Path(settings.BASE_DIR) / "templates"
    for path in sorted(root.rglob("*.html")):
        yield path.relative_to(root).as_posix(), path.read_text(encoding="utf-8")


def test_no_template_spells_a_status_or_a_role():
    spelled = [
        f"{name}:{n}: {line.strip()[:100]}"
        for name, text in _templates()
        for n, line in enumerate(text.splitlines(), 1)
        if SPELLED.search(line)
    ]
    assert not spelled, "\n".join(spelled)


@pytest.mark.parametrize(
    ("model", "statuses", "badges"),
    [
        (Rectification, RectificationStatus, ORDER_BADGES),
        (Appeal, AppealStatus, APPEAL_BADGES),
        (FeedbackTicket, TicketStatus, TICKET_BADGES),
    ],
)
def test_the_badge_is_the_status_label_in_the_colour_its_table_gives(model, statuses, badges):
    tag = Template("{% load records %}{% badge record %}")
    with translation.override("zh-hans"):
        for status in statuses:
            drawn = tag.render(Context({"record": model(status=status)}))
            assert drawn == (
                f'<span class="badge text-bg-{badges[status]}">{statuses(status).label}</span>'
            )
    assert set(badges) == set(statuses.values)
