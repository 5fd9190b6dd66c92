"""Each role's pending work, shown on its home page.

The cards are read lazily: a card's count and first rows are queried only when the home
template draws it, and the template keeps the drawn cards in the cache (``cache_key``), so a
warm visit reads one cache entry instead of a count and a list per card (issue 13: some
twenty queries and ninety rows drawn on every visit at national size). The copy is the
user's own (their scope), in their language, of the day (deadlines move with the date),
for ``STAFF_HOME_CACHE_SECONDS``; an announced change to any record the cards show
(history.changes) drops every copy at once (``STAFF_HOME`` in the registry).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from history.changes import NamedCache, register, replace_versions, versions
from inspections.checks.findings import open_findings
from inspections.checks.selectors import FINDINGS_QUERY, open_planned_visits
from inspections.models import (
    Appeal,
    AppealStatus,
    Inspection,
    InspectionPlan,
    PeerReviewPairing,
    PlanVisit,
    PositionReview,
    Rectification,
    RectificationStatus,
)
from stations.caches import LIST_COUNT_SECONDS, list_count_key
from stations.models import FilingForm, InsurancePolicy, Pledge, Station, StationStatus
from unions.counts import count_all
from unions.models import HostUnit, Profile, Role, SecurityEvent, Union
from unions.roles import STAFF_READ, district_scope, role_of


@dataclass
class WorkItem:
    title: str
    queryset: QuerySet
    url_name: str = ""
    # The list's filter that shows the same rows ("See all"), e.g. "finding=1".
    query: str = ""

    @cached_property
    def items(self) -> QuerySet | list:
        # A card its count (read first: pending_work) finds empty reads no rows.
        if self.__dict__.get("count") == 0:
            return []
        return self.queryset[:10]

    @cached_property
    def count(self) -> int:
        return self.queryset.count()


# What a card's row shows of each record (work_cards.work_rows: its str, its staff page, its
# union's name), read without the rest of the record's and its station's columns: a card of
# checks or orders read each station's 46 columns, four of them JSON, for its name (issue 26).
UNION_NAME = ("union", "union__name")
CHECK_ROW = ("visited_at", "kind", "station", "station__name", *UNION_NAME)


def _item(title, qs, url_name="", query="") -> WorkItem:
    return WorkItem(title=title, queryset=qs, url_name=url_name, query=query)


def _findings(user) -> WorkItem:
    """Red lines of self-checks and peer reviews the union has yet to follow up: the
    union's own evaluation (五、(三)), not orders."""
    return _item(
        _("Red-line findings of self-checks and peer reviews to follow up"),
        open_findings(Inspection.objects.visible_to(user))
        .select_related("station", "union")
        .only(*CHECK_ROW),
        "inspections:check_list",
        FINDINGS_QUERY,
    )


def _insurance_ending(user) -> WorkItem:
    """Policies still in force that end within INSURANCE_WARNING_DAYS."""
    today = timezone.localdate()
    until = today + dt.timedelta(days=settings.INSURANCE_WARNING_DAYS)
    policies = (
        InsurancePolicy.objects.visible_to(user)
        .filter(starts_on__lte=today, ends_on__gte=today, ends_on__lte=until)
        .select_related("station", "host_unit", "union")
        .only(
            "insurer",
            "policy_number",
            "ends_on",
            "station",
            "host_unit",
            "station__name",
            "host_unit__name",
            *UNION_NAME,
        )  # fmt: skip
        .order_by("ends_on")
    )
    return _item(_("Liability insurance ending soon"), policies)


def _pledges_overdue(user) -> WorkItem:
    """Approved stations whose signed pledge (附件3) is past its hand-in deadline."""
    pledges = (
        Pledge.objects.visible_to(user)
        .overdue()
        .select_related("station", "union")
        .only("due_by", "station", "station__name", "station__plaque_number", *UNION_NAME)
        .order_by("due_by")
    )
    return _item(_("Service pledges past their deadline"), pledges)


def _orders(user, *statuses: str) -> QuerySet:
    return (
        Rectification.objects.visible_to(user)
        .filter(status__in=statuses)
        .select_related("station", "union")
        .only("deadline", "station", "station__name", *UNION_NAME)
        .order_by("deadline", "pk")
    )


def pending_work(user) -> list[WorkItem]:
    """The cards of the user's role, their counts read (``count_together``).

    The station cards' counts are kept as the registry's count is, for a minute under the
    stations' list version, which any change to a station replaces: a home drawn again
    because a check or an order changed (its most frequent change) does not count the
    city's 180,000 active stations again (11 ms for a city inspector at national size;
    issue 26)."""
    cards = _cards(user)
    stations = [item for item in cards if item.queryset.model is Station]
    if not stations:
        return count_together(cards)
    count_together([item for item in cards if item.queryset.model is not Station])
    # The role and the scope (a union, a district, the city) in the key: a changed profile
    # reads its own counts.
    key = list_count_key(user, "home", role_of(user), _scope_key(user), timezone.localdate())
    counts = cache.get(key)
    if counts is None or len(counts) != len(stations):
        counts = [item.count for item in count_together(stations)]
        cache.set(key, counts, LIST_COUNT_SECONDS)
    for item, count in zip(stations, counts, strict=True):
        item.__dict__["count"] = count  # the cached_property's value
    return cards


def count_together(items: list[WorkItem]) -> list[WorkItem]:
    """Each card's count, all in one statement (unions.counts.count_all)."""
    counts = count_all([item.queryset for item in items])
    for item, count in zip(items, counts, strict=True):
        item.__dict__["count"] = count  # the cached_property's value
    return items


def _cards(user) -> list[WorkItem]:
    role = role_of(user)
    # A row shows the station's name, its union's and a link by id: the forty other
    # columns (three of them JSON to decode) of up to fifty stations are left unread.
    stations = Station.objects.visible_to(user).select_related("union").only("name", "union__name")
    if role == Role.UNION_STAFF:
        return [
            _item(
                _("Filing forms in draft"),
                FilingForm.objects.visible_to(user)
                .filter(status=FilingForm.Status.DRAFT)
                .select_related("union"),
                "stations:filing_list",
            ),
            _item(
                _("Stations returned for changes"),
                stations.filter(status=StationStatus.RETURNED),
                "stations:registry",
            ),
            _item(
                _("Stations awaiting review"),
                stations.filter(status=StationStatus.SUBMITTED),
                "stations:registry",
            ),
            _item(
                _("Approved stations awaiting agreement or pledge"),
                stations.filter(status=StationStatus.APPROVED),
                "stations:registry",
            ),
            _item(_("Plaques delivered but not yet hung"), stations.plaque_not_hung()),
            _pledges_overdue(user),
            _insurance_ending(user),
            _item(
                _("Rectification orders to answer"),
                _orders(user, RectificationStatus.OPEN),
                "inspections:order_list",
            ),
            _findings(user),
        ]
    if role == Role.AID_CENTER:
        return [
            _item(
                _("Stations awaiting review"),
                stations.filter(status=StationStatus.SUBMITTED),
                "stations:review_queue",
            ),
            _item(
                _("Approved stations awaiting agreement or pledge"),
                stations.filter(status=StationStatus.APPROVED),
                "stations:registry",
            ),
            _item(
                _("Stations under rectification"),
                stations.filter(status=StationStatus.RECTIFYING),
                "stations:registry",
            ),
            # 附件1 备注1: two signed paper copies come to the aid center.
            _item(
                _("Submitted filing forms whose paper copies have not arrived"),
                FilingForm.objects.visible_to(user)
                .filter(status=FilingForm.Status.SUBMITTED, paper_received_on__isnull=True)
                .select_related("union"),
                "stations:filing_list",
            ),
            _item(_("Plaques not yet delivered"), stations.plaque_not_delivered()),
            _pledges_overdue(user),
            _insurance_ending(user),
            _item(
                _("Appeals to decide"),
                Appeal.objects.visible_to(user)
                .filter(status=AppealStatus.OPEN)
                .select_related("inspection__station", "union")
                .only(
                    "inspection",
                    "inspection__visited_at",
                    "inspection__station",
                    "inspection__station__name",
                    *UNION_NAME,
                )  # fmt: skip
                .order_by("created_at", "pk"),
                "inspections:appeal_list",
            ),
            _item(
                _("Escalated rectification orders"),
                _orders(user, RectificationStatus.ESCALATED),
                "inspections:order_list",
            ),
            _findings(user),
            # Not the station's planned visit until accepted
            # (inspections/checks/services/position.py).
            _item(
                _("Checks made far from their station"),
                Inspection.objects.visible_to(user)
                .filter(position_review=PositionReview.FAR)
                .select_related("station", "union")
                .only(*CHECK_ROW)
                .order_by("-visited_at", "-pk"),
                "inspections:check_list",
                "far=1",
            ),
        ]
    if role == Role.INSPECTOR:
        return [
            _item(
                _("Planned visits not yet made this quarter"),
                # Each row names the visit's union too; of the station, what the row shows.
                open_planned_visits(user)
                .select_related("union")
                .only("station", "station__name", "station__plaque_number", *UNION_NAME),
                "inspections:today",
            ),
            _item(
                _("Answered orders awaiting re-inspection"),
                _orders(user, RectificationStatus.ANSWERED),
                "inspections:order_list",
            ),
            _item(
                _("Stations under rectification"),
                stations.filter(status=StationStatus.RECTIFYING),
                "stations:registry",
            ),
            _item(
                _("Active stations in your area"),
                stations.filter(status=StationStatus.ACTIVE),
                "stations:registry",
            ),
        ]
    if role == Role.ADMIN:
        return [
            _item(
                _("Recent refused accesses and lockouts"),
                SecurityEvent.objects.filter(
                    kind__in=(SecurityEvent.Kind.REFUSED, SecurityEvent.Kind.LOCKED_OUT)
                ),
            )
        ]
    return []


# --- The cached copy of the cards ---------------------------------------------------------

# Every model whose rows, or whose names shown in a row, the cards of a cached role read.
# The administrator's card (security events, written at every login) is not kept: it is one
# small query, and its events would drop everyone's copy all day.
WORK_MODELS = (
    Station,
    FilingForm,
    Pledge,
    InsurancePolicy,
    HostUnit,
    Union,
    Rectification,
    Appeal,
    Inspection,
    InspectionPlan,
    PlanVisit,
    # A union's checks in its scope include the peer reviews it made (the findings card).
    PeerReviewPairing,
    # A changed role, union or district changes what the user sees.
    Profile,
)
CACHED_ROLES = STAFF_READ
VERSION_KEY = "staff_home:version"
# Per-scope freshness (issue 22, item 3): a copy is keyed by the version of what its user
# sees. The aid center and city-wide inspectors see the city ("all"); a union's staff their
# union; a district inspector their district. A change reaches the city's version and the
# versions of the unions and districts it names, so a check logged in 黄浦 redraws the aid
# center's home, 黄浦's clerks' and 黄浦's inspectors', and no other union's or district's.
# A change that names no union or station (a plan drawn, a role changed, a name shown
# everywhere) replaces EVERYONE, which every key holds.
EVERYONE = f"{VERSION_KEY}:everyone"
CITY = f"{VERSION_KEY}:all"
WIDE_RECORDS = frozenset({"plan", "profile", "union", "host_unit", "demo"})


def _scope_key(user) -> str:
    role = role_of(user)
    if role == Role.UNION_STAFF:
        return f"{VERSION_KEY}:union:{user.profile.union_id}"
    district = district_scope(user)
    if district:
        return f"{VERSION_KEY}:district:{district}"
    return CITY


def cache_key(user) -> str | None:
    """What the home template's copy of the cards varies on, or None: not kept."""
    role = role_of(user)
    if role not in CACHED_ROLES or settings.STAFF_HOME_CACHE_SECONDS <= 0:
        return None
    today = timezone.localdate().isoformat()
    everyone, scope = versions(EVERYONE, _scope_key(user))
    return f"{user.pk}:{role}:{get_language()}:{today}:{everyone}:{scope}"


def _scopes_of(changes) -> set[str]:
    """The version keys a change reaches: the city's, and its unions' and districts'."""
    keys = {CITY}
    stations = set()
    for change in changes:
        if change.record in WIDE_RECORDS or not (change.unions or change.stations):
            return {EVERYONE}
        keys |= {f"{VERSION_KEY}:union:{union}" for union in change.unions}
        stations |= change.stations
    for district, union in Station.objects.filter(pk__in=stations).values_list(
        "district", "union_id"
    ):
        keys |= {f"{VERSION_KEY}:district:{district}", f"{VERSION_KEY}:union:{union}"}
    return keys


def _drop_copies(changes) -> None:
    replace_versions(*_scopes_of(changes))


def _keys_for_station(station) -> list[tuple[str, str]]:
    """The homes that show the station: the city's, its union's, its district's."""
    scopes = [CITY, f"{VERSION_KEY}:union:{station.union_id}"]
    if station.district:
        scopes.append(f"{VERSION_KEY}:district:{station.district}")
    return [(EVERYONE, scope) for scope in scopes]


# The records whose announced change (history.changes) drops every copy: those of
# WORK_MODELS, by the names their services announce them under.
WORK_RECORDS = frozenset(
    {
        "station",
        "status",
        "filing",
        "acceptance",
        "agreement",
        "pledge",
        "insurance",
        "host_unit",
        "union",
        "rectification",
        "appeal",
        "inspection",
        "plan",
        "pairing",
        "profile",
        "demo",
    }
)

STAFF_HOME = register(
    NamedCache(
        name="staff-home",
        prefixes=("template.cache.staff_home_work.",),
        key="staff_home:version:everyone and :all, :union:<id>, :district:<name>, in the "
        "home template's fragment <user>:<role>:<language>:<day>:<everyone>:<scope>",
        lifetime="STAFF_HOME_CACHE_SECONDS; the version forever, until replaced",
        saves="drawing the cards: 7.3–7.4 ms kept; a first visit after a change 239 ms (aid "
        "center), 106 ms (a union's clerk), 76 ms (an inspector)",
        dropped_by=WORK_RECORDS,
        drop=_drop_copies,
        keys_for_station=_keys_for_station,
    )
)
