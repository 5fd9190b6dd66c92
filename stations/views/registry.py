"""The registry (基础信息数据库): the scoped list, a staff page per station, its actions."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unions.access import access
from unions.models import CarrierType, Role, Union
from unions.roles import role_of

from ..models import Audience, Station, StationStatus
from ..selectors import registry_filter
from ..services import lifecycle
from ..services.records import insurance_for
from ..services.review import latest_acceptance, station_accept_and_approve
from .common import STAFF_READ, paginate


@access(*STAFF_READ)
def registry(request):
    stations = registry_filter(
        Station.objects.visible_to(request.user).select_related("union", "host_unit"),
        request.GET,
    ).order_by("plaque_seq", "id")
    role = role_of(request.user)
    return render(
        request,
        "stations/registry.html",
        {
            "page": paginate(request, stations, 50),
            "total": stations.count(),
            "statuses": StationStatus.choices,
            "districts": settings.DISTRICTS,
            "audiences": Audience.choices,
            "carriers": CarrierType.choices,
            "unions": Union.objects.visible_to(request.user) if role != Role.UNION_STAFF else [],
            "query": request.GET.urlencode(),
            "params": request.GET,
        },
    )


@access(*STAFF_READ)
def staff_detail(request, pk):
    station = get_object_or_404(
        Station.objects.visible_to(request.user).select_related("union", "host_unit", "filing"),
        pk=pk,
    )
    today = timezone.localdate()
    policies = list(insurance_for(station))
    valid = [p for p in policies if p.starts_on <= today <= p.ends_on]
    warn_until = today + timezone.timedelta(days=settings.INSURANCE_WARNING_DAYS)
    return render(
        request,
        "stations/staff_detail.html",
        {
            "station": station,
            "history": station.transitions.select_related("by"),
            "acceptances": station.acceptances.select_related("by"),
            "latest_acceptance": latest_acceptance(station),
            "agreements": station.agreements.select_related("host_unit"),
            "pledge": getattr(station, "pledge", None),
            "policies": policies,
            "insured": bool(valid),
            "insurance_ending": [p for p in valid if p.ends_on <= warn_until],
            "missing": lifecycle.activation_missing(station)
            if station.status == StationStatus.APPROVED
            else [],
            "actions": _actions_for(station, request.user),
            "role": role_of(request.user),
        },
    )


# action name -> (service, needs a reason)
ACTIONS = {
    "return": (lifecycle.station_return, True),
    "reject": (lifecycle.station_reject, True),
    "revoke": (lifecycle.station_revoke, True),
    "close": (lifecycle.station_close, True),
    "rectify_start": (lifecycle.station_rectify_start, True),
    "rectify_end": (lifecycle.station_rectify_end, False),
    "upgrade": (lifecycle.station_upgrade, True),
    "plaque_reissue": (lifecycle.plaque_reissue, True),
}
ACTION_FOR_TARGET = {
    StationStatus.RETURNED: "return",
    StationStatus.REJECTED: "reject",
    StationStatus.REVOKED: "revoke",
    StationStatus.CLOSED: "close",
    StationStatus.RECTIFYING: "rectify_start",
}


def _actions_for(station: Station, user) -> list[str]:
    """The buttons to show, asked of the one table of allowed transitions."""
    actions = []
    for target in station.allowed_transitions(user):
        if target == StationStatus.APPROVED:
            actions.append("approve")
        elif target == StationStatus.ACTIVE and station.status == StationStatus.RECTIFYING:
            actions.append("rectify_end")
        elif target in ACTION_FOR_TARGET:
            actions.append(ACTION_FOR_TARGET[target])
    if role_of(user) == Role.AID_CENTER:
        if station.audience == Audience.SANITATION and station.status in (
            StationStatus.APPROVED,
            StationStatus.ACTIVE,
            StationStatus.RECTIFYING,
        ):
            actions.append("upgrade")
        if station.plaque_number and station.status in (
            StationStatus.APPROVED,
            StationStatus.ACTIVE,
            StationStatus.RECTIFYING,
        ):
            actions.append("plaque_reissue")
    return actions


@access(Role.UNION_STAFF, Role.AID_CENTER, Role.INSPECTOR, methods=("POST",))
@require_POST
def station_action(request, pk):
    station = get_object_or_404(Station.objects.visible_to(request.user), pk=pk)
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    try:
        if action == "approve":
            station = station_accept_and_approve(station=station, by=request.user, reason=reason)
            messages.success(
                request,
                _("Approved. Plaque number %(number)s.") % {"number": station.plaque_number},
            )
        elif action in ACTIONS:
            service, needs_reason = ACTIONS[action]
            kwargs = {"station": station, "by": request.user}
            if needs_reason or reason:
                kwargs["reason"] = reason
            service(**kwargs)
            messages.success(request, _("Done."))
        else:
            messages.error(request, _("Unknown action."))
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    next_url = request.POST.get("next", "")
    if next_url == "review":
        return redirect("stations:review_queue")
    return redirect("stations:staff_detail", pk=station.pk)


urlpatterns = [
    path("staff/stations/", registry, name="registry"),
    path("staff/stations/<int:pk>/", staff_detail, name="staff_detail"),
    path("staff/stations/<int:pk>/action/", station_action, name="station_action"),
]
