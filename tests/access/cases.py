"""The access harness's table: how to fill each URL pattern's arguments with real objects.

Every URL pattern of the project needs an entry here (the harness fails on a pattern it
does not know). An entry names the arguments, which union owns the object (so that the other
union's staff must get 404), the status an allowed GET answers with, and per-role overrides
where a view answers differently by design (the login page sends a signed-in user on).
"""

from __future__ import annotations

from . import (
    cases_awards,
    cases_checks,
    cases_excel,
    cases_feedback,
    cases_orders,
    cases_rankings,
    cases_training,
)
from .case import Case
from .cases_documents import CASES as DOCUMENT_CASES
from .cases_donations import CASES as DONATION_CASES
from .cases_donations import VARIANTS as DONATION_VARIANTS
from .cases_excel import CASES as EXCEL_CASES
from .cases_public import CASES as PUBLIC_CASES
from .cases_stations import CASES as STATION_CASES
from .cases_stations import VARIANTS as STATION_VARIANTS

SIGNED_IN = dict.fromkeys(
    ("union_a", "union_b", "inspector", "inspector_own", "inspector_other", "aid_center", "admin"),
    302,
)


def _notice_a(w):
    from unions.models import Notice

    notice = Notice.objects.create(union=w.union_a, topic="test", subject="整改通知逾期")
    return {"pk": notice.pk}


# Notices are addressed to unions: inspectors are refused the list; only union staff mark
# their own read.
NOT_INSPECTORS = dict.fromkeys(("inspector", "inspector_own", "inspector_other"), 403)

CASES: dict[str, Case] = {
    "public_home": Case(),
    "healthz": Case(),
    # The harness's client comes from 127.0.0.1, inside METRICS_ALLOWED_NETWORKS' default;
    # from elsewhere it is a 404 (tests/ops/test_metrics_are_for_operators_only.py).
    "metrics": Case(),
    # nginx's page for a request over its cap (error_page 413): the same for everyone.
    "upload_too_large": Case(ok=413),
    "home": Case(),
    "accounts:login": Case(override=SIGNED_IN),
    "accounts:logout": Case(post_ok=(302,)),
    "accounts:password_change": Case(),
    "accounts:notices": Case(override=NOT_INSPECTORS),
    "accounts:notice_read": Case(
        kwargs=_notice_a, owner="a", post_ok=(302,), override={"aid_center": 403, "admin": 403}
    ),
    **STATION_CASES,
    **DONATION_CASES,
    **EXCEL_CASES,
    **DOCUMENT_CASES,
    **PUBLIC_CASES,
    **cases_checks.CASES,
    **cases_orders.CASES,
    **cases_rankings.CASES,
    **cases_awards.CASES,
    **cases_feedback.CASES,
    **cases_training.CASES,
}

# Extra rows: (pattern key, case) for answers that depend on the object's state or district.
VARIANTS: list[tuple[str, Case]] = [
    *STATION_VARIANTS,
    *DONATION_VARIANTS,
    *cases_checks.VARIANTS,
    *cases_orders.VARIANTS,
    *cases_rankings.VARIANTS,
    *cases_awards.VARIANTS,
    *cases_feedback.VARIANTS,
    *cases_excel.VARIANTS,
    *cases_training.VARIANTS,
]

# Django's admin site, declared as one unit in unions/access.py (NAMESPACE_RULES). Its
# patterns are filled with these values; anonymous visitors are sent to the admin login.
ADMIN_VALUES = {
    "app_label": "unions",
    "object_id": "1",
    "content_type_id": "1",
    "url": "nothing-here/",
    "id": "1",
}
