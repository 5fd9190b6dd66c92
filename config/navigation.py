"""The staff navigation, derived from the access rules of the pages it links to.

A link shows exactly when its page's own ``@access`` rule admits the user's role, so the
menu and the rules cannot disagree (no ``role == "aid_center"`` in templates).
"""

from __future__ import annotations

from functools import cache

from django.urls import get_script_prefix, resolve, reverse
from django.utils.translation import gettext_lazy as _

from unions.access import rule_for

LINKS = (
    ("stations:review_queue", _("Review queue")),
    ("stations:filing_list", _("Filing forms")),
    ("stations:registry", _("Station registry")),
    ("stations:listings_due", _("Listings to confirm")),
    ("stations:campaign_list", _("Campaigns")),
    ("stations:station_need_list", _("Donations (爱心互献)")),
    ("stations:alert_list", _("Heat and cold alerts")),
    ("stations:training_list", _("Station head training")),
    ("inspections:today", _("Today's visits")),
    ("inspections:check_list", _("Checks")),
    ("inspections:order_list", _("Rectification orders")),
    ("inspections:appeal_list", _("Appeals")),
    ("inspections:plan_list", _("Inspection plans")),
    ("inspections:pairing_list", _("Peer review pairings")),
    ("stations:feedback_moderation", _("Worker feedback")),
    ("stations:ticket_list", _("Feedback tickets")),
    ("awards:staff_years", _("Annual awards")),
    ("awards:certificates", _("Award certificates")),
    ("awards:funding", _("Funding (经费支持)")),
    ("inspections:assessment_list", _("Quarterly assessments")),
    ("accounts:notices", _("Notices")),
    ("admin:index", _("Administration")),
)


@cache
def _rule(url_name: str):
    match = resolve(reverse(url_name))
    return rule_for(match.func, match.namespaces)


def links_for(role: str | None) -> list[tuple[str, str]]:
    """The role's links as (address, label): the addresses reversed once per process (and
    script prefix), not twenty times on every staff page."""
    if role is None:
        return []
    return list(_links(role, get_script_prefix()))


@cache
def _links(role: str, prefix: str) -> tuple[tuple[str, str], ...]:
    return tuple((reverse(name), label) for name, label in LINKS if role in _rule(name).roles)
