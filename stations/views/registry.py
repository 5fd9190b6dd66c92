"""The registry (基础信息数据库): the scoped list, a staff page per station, its actions."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unions.access import access
from unions.models import CarrierType, Role, Union
from unions.pages import key_page
from unions.roles import STAFF_READ, role_of
from unions.scopes import sees_kind, sees_row, visible

from ..caches import LIST_COUNT_SECONDS, list_count_key
from ..models import (
    ACTIONS,
    Acceptance,
    Agreement,
    Audience,
    CampaignDelivery,
    CampaignDeliveryLine,
    InsurancePolicy,
    Station,
    StationStatus,
    TrainingAttendance,
)
from ..permissions import STATION_ACTORS
from ..selectors import (
    HISTORY_BY,
    REGISTRY_PARAMS,
    registry_filter,
    registry_params,
    search_page_ids,
    station_history,
)
from ..services import lifecycle
from ..services.records import insurance_for
from ..services.review import latest_acceptance
from .messages import action_done_message


def _count_key(request) -> str:
    """Where the registry's count for this user and these filters is cached.

    Counting 200,000 stations (or 16,000 matches of a search) costs more than the rest of
    the page; paging through the same list reuses one count. The key holds the user (the
    scope) and the stations' list version (stations/caches.py), which every announced change
    to a station, a filing, a host unit or a union replaces, so a change starts a new count
    at once.
    """
    filters = sorted((k, v) for k, v in request.GET.items() if k not in ("after", "before"))
    digest = hashlib.sha1(repr(filters).encode(), usedforsecurity=False).hexdigest()
    return list_count_key(request.user, digest)


# What a row of the list shows (templates/stations/registry.html), the rest of a station's
# 36 columns left in the table; a field shown and left out here would cost a query a row
# (tests/stations/test_list_query_counts.py).
ROW_FIELDS = (
    "plaque_number",
    "name",
    "address",
    "audience",
    "district",
    "status",
    "updated_at",
    "union__name",
    "host_unit__name",
)


@access(*STAFF_READ)
def registry(request):
    visible = Station.objects.visible_to(request.user)
    stations = registry_filter(visible, request.GET)
    key = _count_key(request)
    # Read by key in registry order (plaque number, then id; stations without one last):
    # a deep page starts at the last one's plaque in the index instead of skipping over
    # every station before it.
    page = key_page(
        request,
        stations,
        order=("plaque_seq", "id"),
        per_page=50,
        # The page's ids come from the filtered list: its rows are looked up by id in the
        # user's scope alone, without testing the search again on each (and planning the
        # host units' ids a second time).
        rows=visible.select_related("union", "host_unit").only(*ROW_FIELDS),
        count=lambda: cache.get_or_set(key, stations.count, LIST_COUNT_SECONDS),
        read_ids=search_page_ids if request.GET.get("q", "").strip() else None,
    )
    role = role_of(request.user)
    return render(
        request,
        "stations/registry.html",
        {
            "page": page,
            # The paginator's count: counting the list a second time cost as much again.
            "total": page.paginator.count,
            "statuses": StationStatus.choices,
            "districts": settings.DISTRICTS,
            "audiences": Audience.choices,
            "carriers": CarrierType.choices,
            "unions": Union.objects.visible_to(request.user) if role != Role.UNION_STAFF else [],
            "query": request.GET.urlencode(),
            # A plain dict with every filter the form shows: the template's lookups of a
            # filter not in the query string (one per option of each select, some fifty)
            # each made a QueryDict list its attributes before giving up.
            "params": {name: request.GET.get(name, "") for name in REGISTRY_PARAMS},
            # What the export button posts, so that the workbook holds what the list shows.
            "export_filters": registry_params(request.GET),
        },
    )


# A station's training shown on its staff page: years of sessions.
TRAININGS_SHOWN = 20
# What the staff page shows of a row of each of its lists (templates/stations/staff_detail.html),
# the rest of their columns and of the rows joined to them left in the tables: the busiest
# station's page asked for some sixty columns it never showed (issue 26).
ACCEPTANCE_FIELDS = (
    "checked_on",
    *(f"has_{part}" for part in ("place", "sign", "staff", "service", "facilities", "support")),
    "notes",
    *HISTORY_BY,
)
AGREEMENT_FIELDS = ("signed_on", "host_unit__name")
TRAINING_FIELDS = ("head_name", "session__held_on", "session__topic")
DELIVERY_FIELDS = ("delivered_on", "corrects", "campaign__title")
DELIVERY_LINE_FIELDS = ("delivery", "quantity", "good__name", "good__unit")
# Campaign deliveries shown on its staff page: a few campaigns a year, a delivery or two each.
DELIVERIES_SHOWN = 10
# The query parameter that shows a station's history on its staff page (?history=1).
HISTORY_PARAM = "history"


def staff_detail_context(request, station: Station) -> dict:
    """What a station's staff page shows of the stations app's own records. The page itself
    is composed above (config/station_page.py), where the cards of the apps above stations
    (checks, orders, appeals) are added beside these."""
    user = request.user
    today = timezone.localdate()
    # Each list is read through its own scope: an inspector sees the station, its pledge
    # and its history, never its agreements, acceptances, insurance or filing.
    policies = list(visible(insurance_for(station), user))
    valid = [p for p in policies if p.starts_on <= today <= p.ends_on]
    warn_until = today + timezone.timedelta(days=settings.INSURANCE_WARNING_DAYS)
    acceptances = Acceptance.objects.visible_to(user).filter(station=station)
    # The history is read when asked for (HISTORY_PARAM, or a page of it): its two
    # statements and thirty entries were a sixth of the busiest station's page (issue 26),
    # for a card most visits never read.
    history_shown = HISTORY_PARAM in request.GET or "history_before" in request.GET
    history, earlier = (
        station_history(station, user, request.GET.get("history_before"))
        if history_shown
        else ([], "")
    )
    trainings = list(
        TrainingAttendance.objects.visible_to(user)
        .filter(station=station)
        .select_related("session")
        .only(*TRAINING_FIELDS)
        .order_by("-session__held_on", "-id")[:TRAININGS_SHOWN]
    )
    return {
        "station": station,
        "history": history,
        "history_earlier": earlier,
        "history_paged": bool(request.GET.get("history_before")),
        "history_shown": history_shown,
        "acceptances": acceptances.select_related("by").only(*ACCEPTANCE_FIELDS),
        # Read only where the page shows it: beside the actions of a station under review.
        "latest_acceptance": latest_acceptance(station) if station.is_submitted else None,
        "agreements": Agreement.objects.visible_to(user)
        .filter(stations=station)
        .select_related("host_unit")
        .only(*AGREEMENT_FIELDS),
        # Read with the station (config/station_page.py), shown where its scope admits it.
        "pledge": pledge
        if (pledge := getattr(station, "pledge", None)) and sees_row(user, pledge)
        else None,
        "policies": policies,
        "insured": bool(valid),
        "insurance_ending": [p for p in valid if p.ends_on <= warn_until],
        "missing": lifecycle.activation_missing(station)
        if station.status == StationStatus.APPROVED
        else [],
        "actions": station.available_actions(user),
        "sees_filing": sees_row(user, station.filing),
        # The training its heads attended, newest first (a few a year): the present head's
        # and, marked, a former head's.
        "trainings": trainings,
        "head_trained": any(t.head_name == station.head_name for t in trainings),
        # The campaign goods it received (issue 23, item 7): its union, the aid center and the
        # inspectors in scope, who may verify on a check that the goods arrived.
        "deliveries": list(
            CampaignDelivery.objects.visible_to(user)
            .filter(station=station)
            .select_related("campaign")
            .only(*DELIVERY_FIELDS)
            # Each line with its good, in one read rather than one for the lines and one for
            # their goods.
            .prefetch_related(
                Prefetch(
                    "lines",
                    queryset=CampaignDeliveryLine.objects.select_related("good").only(
                        *DELIVERY_LINE_FIELDS
                    ),
                )
            )
            .order_by("-delivered_on", "-id")[:DELIVERIES_SHOWN]
        ),
        # What this role never sees is left out, not shown as "none on file".
        "sees": {
            "acceptances": sees_kind(user, Acceptance),
            "agreements": sees_kind(user, Agreement),
            "insurance": sees_kind(user, InsurancePolicy),
            "training": sees_kind(user, TrainingAttendance),
            "deliveries": sees_kind(user, CampaignDelivery),
        },
    }


@access(*STATION_ACTORS, methods=("POST",))
@require_POST
def station_action(request, pk):
    station = get_object_or_404(Station.objects.visible_to(request.user), pk=pk)
    name = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    action = ACTIONS.get(name)
    service = lifecycle.SERVICES.get(name)
    try:
        # Moves without a button are made by the system or by another page (submission of a
        # filing, rectification through its orders), never posted here.
        if action is None or service is None or not action.button:
            raise ValidationError(_("Unknown action."))
        kwargs = {"station": station, "by": request.user}
        if action.needs_reason or reason:
            kwargs["reason"] = reason
        station = service(**kwargs)
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, action_done_message(action, station, reason))
    next_url = request.POST.get("next", "")
    if next_url == "review":
        return redirect("stations:review_queue")
    return redirect("stations:staff_detail", pk=station.pk)


urlpatterns = [
    path("staff/stations/", registry, name="registry"),
    path("staff/stations/<int:pk>/action/", station_action, name="station_action"),
]
