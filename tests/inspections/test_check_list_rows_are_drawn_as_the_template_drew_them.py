"""The check list's rows are drawn by tags (inspections/templatetags/check_list_tags.py)
rather than by the template loop they replaced (issue 26): every kind of row, voided, red
line, far, accepted, under appeal, with markup in its names, comes out as the loop drew it,
in both languages.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.utils import timezone
from django.utils.translation import override

from inspections.checks.models import Inspection, InspectionKind, InspectionStatus, PositionReview
from stations.models import Station

# The loops as templates/inspections/check_list.html had them (the table's and the cards').
BEFORE = Template(
    "{% load i18n stations_tags %}<tbody>\n  {% for inspection in page %}\n    <tr>\n"
    '      <td class="small">{{ inspection.visited_at|date:"Y-m-d H:i" }}</td>\n'
    "      <td><a href=\"{% url 'inspections:check_detail' inspection.pk %}\">"
    '{{ inspection.station.name }}</a> <span class="small font-monospace text-muted">'
    '{{ inspection.station.plaque_number }}</span>{% include "inspections/_position_badge.html" %}'
    "</td>\n"
    '      <td class="small">{{ inspection.district }}</td>\n'
    '      <td class="small">{{ inspection.get_kind_display }}</td>\n'
    '      <td class="small">{{ inspection.by|person }}</td>\n'
    '      <td>{% include "inspections/_score.html" %}</td>\n    </tr>\n  {% empty %}\n'
    '    <tr><td colspan="6" class="text-muted">{% translate "No check matches." %}</td></tr>\n'
    "  {% endfor %}\n  </tbody>"
    "|{% for inspection in page %}\n"
    '  <a class="list-group-item list-group-item-action" href="{% url \'inspections:check_detail\' inspection.pk %}">\n'  # noqa: E501
    '    <div class="d-flex justify-content-between align-items-start gap-2"><strong>'
    '{{ inspection.station.name }}</strong><span class="text-nowrap">'
    '{% include "inspections/_score.html" %}</span></div>\n'
    '    <div class="small text-muted">{{ inspection.visited_at|date:"Y-m-d H:i" }} · '
    "{{ inspection.get_kind_display }} · {{ inspection.district }}"
    '{% include "inspections/_position_badge.html" %}</div>\n  </a>\n  {% empty %}\n'
    '  <div class="list-group-item text-muted">{% translate "No check matches." %}</div>\n'
    "  {% endfor %}"
)
AFTER = Template(
    "{% load check_list_tags %}<tbody>\n  {% check_table_rows page under_appeal %}\n  </tbody>"
    "|{% check_cards page under_appeal %}"
)


def _checks() -> list[Inspection]:
    station = Station(id=7, name='<b>"站"</b> & 店', plaque_number="SH00007")
    people = [
        get_user_model()(id=1, username="insp<1>", first_name="芳", last_name="刘"),
        get_user_model()(id=2, username="bob", first_name="Bob", last_name="Lee"),
    ]
    at = timezone.make_aware(dt.datetime(2026, 3, 31, 23, 59))
    variants = [
        {},
        {"status": InspectionStatus.VOIDED},
        {"red_line": True, "score": Decimal("40.00")},
        {"red_line": True, "status": InspectionStatus.VOIDED},
        {"position_review": PositionReview.FAR, "distance_m": 1234},
        {"position_review": PositionReview.ACCEPTED, "distance_m": 2000},
        {"score": Decimal("89.99"), "kind": InspectionKind.SELF_CHECK},
        {"score": Decimal("90.00"), "district": "<i>区</i>"},
    ]
    checks = []
    for n, changes in enumerate(variants, start=100):
        fields = {
            "id": n,
            "station": station,
            "by": people[n % 2],
            "visited_at": at - dt.timedelta(hours=n),
            "kind": InspectionKind.FLYING,
            "district": "徐汇区",
            "score": Decimal("94.81"),
            "status": InspectionStatus.RECORDED,
            "red_line": False,
            "position_review": PositionReview.NEAR,
            **changes,
        }
        checks.append(Inspection(**fields))
    return checks


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("appealed", [set(), {100, 102, 105}])
def test_every_kind_of_row_as_the_loop_drew_it(language, appealed):
    with override(language):
        for page in (_checks(), []):
            context = {"page": page, "under_appeal": appealed}
            before = BEFORE.render(Context(context))
            assert AFTER.render(Context(context)) == before
            if page:  # every branch was drawn, the markup in names escaped
                for part in (
                    "1234",
                    'data-testid="far-accepted"',
                    "text-bg-secondary",
                    "text-bg-danger",
                    "text-bg-warning",
                    "&lt;b&gt;",
                    "刘芳",
                ):
                    assert part in before, part
                assert ("text-bg-info" in before) == bool(appealed)
