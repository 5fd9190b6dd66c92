"""The quarter's unannounced plan: list, manual draw (aid center), a plan's summary."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stations.caches import lists_version
from unions.access import access
from unions.pages import key_page
from unions.roles import role_of

from ...permissions import SETUP_ROLES
from ..models import InspectionPlan, PlanVisit
from ..services.plans import plan_draw, plan_summary, quarter_of

# Plans are unannounced: never union staff (their scope also hides every PlanVisit).
PLAN_READ = SETUP_ROLES["plan_read"]


@access(*PLAN_READ)
def plan_list(request):
    year, quarter = quarter_of(timezone.localdate())
    return render(
        request,
        "inspections/orders/plan_list.html",
        {
            "plans": InspectionPlan.objects.all(),
            "year": year,
            "quarter": quarter,
            "drawn": InspectionPlan.objects.filter(year=year, quarter=quarter).first(),
            "may_draw": role_of(request.user) in SETUP_ROLES["plan_draw"],
        },
    )


@access(*SETUP_ROLES["plan_draw"], methods=("POST",))
@require_POST
def plan_draw_view(request):
    year, quarter = quarter_of(timezone.localdate())
    try:
        plan = plan_draw(year=year, quarter=quarter, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("inspections:plan_list")
    messages.success(request, _("This quarter's plan is drawn."))
    return redirect("inspections:plan_detail", pk=plan.pk)


# How long a user's copy of a plan's summary is kept at most (below).
SUMMARY_SECONDS = 300


def _summary(plan: InspectionPlan, user) -> dict:
    """The plan's summary (services.plans.plan_summary), kept per user and scope.

    It counts the plan's visits per inspector and looks for operating stations with none:
    150 ms a visit at national size, the whole of the page's cost. A plan's visits never
    change after the draw (the draw writes them once); the unplanned change with a station,
    so the key holds the stations' list version (stations/caches.py), which every announced
    change to a station replaces, and a copy lives SUMMARY_SECONDS at most."""
    profile = getattr(user, "profile", None)
    scope = (role_of(user), getattr(profile, "union_id", None), getattr(profile, "district", ""))
    digest = hashlib.sha1(repr(scope).encode(), usedforsecurity=False).hexdigest()[:16]
    key = f"plan:summary:{plan.pk}:{user.pk}:{digest}:{lists_version()}"
    return cache.get_or_set(key, lambda: plan_summary(plan, user), SUMMARY_SECONDS)


@access(*PLAN_READ)
def plan_detail(request, pk):
    plan = get_object_or_404(InspectionPlan, pk=pk)
    visits = (
        PlanVisit.objects.visible_to(request.user)
        .filter(plan=plan)
        .select_related("station", "union", "inspector")
        # What a row shows (plan_tags.plan_visit_rows), not the station's 46 columns.
        .only(
            "district",
            "station",
            "union",
            "inspector",
            "station__name",
            "station__plaque_number",
            "union__name",
            "inspector__username",
        )  # fmt: skip
    )
    return render(
        request,
        "inspections/orders/plan_detail.html",
        {
            "plan": plan,
            "page": key_page(
                request,
                visits,
                # By district and inspector, read from the plan's own index (migration
                # inspections 0011): ordering 180,000 visits by their inspectors' names and
                # their stations' plaques joined and sorted them all (2.3 s a page).
                order=("district", "inspector", "id"),
                per_page=100,
            ),
            **_summary(plan, request.user),
        },
    )
