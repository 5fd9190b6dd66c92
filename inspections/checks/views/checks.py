"""Logging a check on a phone, and reading checks: the list, a check, its photos.

The form page works without JavaScript (a plain multipart POST, errors shown on the page);
with it, static/js/inspection_form.js sends the same fields to ``check_send`` and keeps
the check on the phone when there is no signal (static/js/inspection_outbox.js).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations.geo import parse_point
from stations.selectors import station_named
from stations.views.common import grown_count
from unions.access import ANY_STAFF, access
from unions.pages import key_page
from unions.params import id_param, id_params
from unions.roles import role_of
from unions.scopes import sees_kind

from ...orders.models import PlanVisit
from ...orders.selectors import open_appeal_of, under_appeal_ids
from ...permissions import CHECK_LOGGERS
from ..forms import CheckForm
from ..models import Inspection, InspectionKind
from ..selectors import (
    check_filter,
    form_stations_and_found,
    plan_visit_for,
    station_candidates,
)
from ..services.check_fingerprint import CheckConflict, stored_summary
from ..services.inspection import inspection_record
from .checklist import checklist_edit
from .photo_files import photo_response
from .position import ACCEPT, PositionAcceptForm


def _record(form: CheckForm, user) -> tuple[Inspection, bool]:
    data = form.cleaned_data
    return inspection_record(
        station=data["station"],
        by=user,
        kind=data["kind"],
        visited_at=data["visited_at"],
        findings=form.findings(),
        idempotency_key=data["idempotency_key"],
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        accuracy_m=data.get("accuracy_m"),
        note=data.get("note", ""),
        photos=form.photos,
        plan_visit=plan_visit_for(user, data["station"], data["kind"], data["visited_at"]),
        checklist=form.checklist,
    )


def _form_context(request, form: CheckForm) -> dict:
    # The plan, the stations checked lately, the one a link or a post names, and, for a
    # phone without JavaScript, a page of candidates its search found: never the scope.
    named = str(form["station"].value() or request.GET.get("station", ""))
    also = id_params([named])
    q = request.GET.get("q", "").strip()
    near = parse_point(request.GET.get("near", "").strip())
    stations, found_any = form_stations_and_found(request.user, also=tuple(also), q=q, near=near)
    return {
        "form": form,
        "station_groups": [
            (value, label, [s for s in stations if s["group"] == value])
            for value, label in STATION_GROUPS
        ],
        "found_any": found_any,
        "search": request.GET.get("q", "")[:100],
        "searched": "q" in request.GET or "near" in request.GET,
        "any_planned": any(s["planned"] for s in stations),
        "kinds": form.fields["kind"].choices,
        "checklist": form.checklist,
        "item_groups": form.grouped_items(),
        "idempotency_key": form["idempotency_key"].value() or uuid.uuid4(),
        "selected_station": str(form["station"].value() or request.GET.get("station", "")),
        "selected_kind": form["kind"].value() or request.GET.get("kind", ""),
    }


# The chooser's groups, in the order the <select> shows them.
STATION_GROUPS = (
    ("selected", gettext_lazy("Chosen")),
    ("found", gettext_lazy("Found")),
    ("planned", gettext_lazy("Planned for you this quarter")),
    ("near", gettext_lazy("Nearest to you")),
    ("recent", gettext_lazy("Checked recently")),
)


def _candidates(request) -> list[dict]:
    q = request.GET.get("q", "").strip()
    near = parse_point(request.GET.get("near", "").strip())
    if not q and near is None:
        return []
    return station_candidates(request.user, q=q, near=near)


@access(*CHECK_LOGGERS)
def check_stations(request):
    """A page of stations for the check form's chooser: ``?q=`` by name, address or plaque
    number, ``?near=lat,lng`` nearest first; at most selectors.py: CANDIDATES, whatever
    the scope. The phone keeps what it was given for searching without signal."""
    return JsonResponse({"stations": _candidates(request)})


@access(*CHECK_LOGGERS, methods=("GET", "HEAD", "POST"))
def check_new(request):
    posted = request.method == "POST"
    form = CheckForm(
        request.POST if posted else None, request.FILES if posted else None, user=request.user
    )
    conflict = False
    if posted and form.is_valid():
        try:
            inspection, created = _record(form, request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        except CheckConflict as exc:
            form.add_error(None, str(exc))
            conflict = True
        else:
            if created:
                messages.success(request, _("The check is saved."))
            return redirect("inspections:check_detail", inspection.pk)
    status = 409 if conflict else 400 if form.is_bound else 200
    return render(
        request, "inspections/check_form.html", _form_context(request, form), status=status
    )


def _errors(form: CheckForm) -> dict[str, list[str]]:
    return {field: [str(m) for m in errors] for field, errors in form.errors.items()}


@access(*CHECK_LOGGERS, methods=("POST",))
def check_send(request):
    """What the phone's queue posts: the form's fields and photos; JSON back.

    201 when the check is new, 200 when the key was seen before with the same content (a
    repeat is harmless), 409 naming both versions when the key was used for another content
    (the phone keeps its copy), 400 with the errors by field when the check cannot be
    recorded as it is, or when the phone says the check is another account's.
    """
    owner = request.POST.get("owner", "")
    if owner and owner != request.user.get_username():
        # The phone's queue keeps each check under the account that saved it; a check of
        # another inspector's is theirs to send, even from the same phone.
        message = _("This check was saved on this phone by another account; only it can send it.")
        return JsonResponse({"errors": {"__all__": [message]}, "message": message}, status=400)
    form = CheckForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        try:
            inspection, created = _record(form, request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        except CheckConflict as exc:
            return JsonResponse(
                {
                    "conflict": True,
                    "message": str(exc),
                    "stored": {
                        **stored_summary(exc.existing),
                        "url": reverse("inspections:check_detail", args=[exc.existing.pk]),
                    },
                    "sent": exc.sent,
                },
                status=409,
            )
        else:
            return JsonResponse(
                {
                    "id": inspection.pk,
                    "created": created,
                    "url": reverse("inspections:check_detail", args=[inspection.pk]),
                    "score": str(inspection.score),
                    "red_line": inspection.red_line,
                    "station": inspection.station.name,
                },
                status=201 if created else 200,
            )
    return JsonResponse(
        {"errors": _errors(form), "message": _("The check could not be saved as it is.")},
        status=400,
    )


# What a row of the check list shows: a whole station (39 fields, some JSON) and a whole
# user were read and built for each of the page's 30 checks to show a name and a plaque.
LIST_FIELDS = (
    "visited_at", "district", "kind", "score", "red_line", "status", "position_review",
    "distance_m",
    "station", "station__name", "station__plaque_number",
    "by", "by__username", "by__first_name", "by__last_name",
)  # fmt: skip


@access(*ANY_STAFF)
def check_list(request):
    # Counting 2,000,000 checks cost more than the rest of the page: the count is kept and
    # the checks added since are added to it (checks are never removed, and the fields the
    # filters read never change once recorded); the page's 30 ids are found before their
    # stations and inspectors.
    # Pages are read by key (newest first, from the index on visit time and id), so the
    # thousandth page costs what the first does.
    checks = check_filter(Inspection.objects.visible_to(request.user), request.GET)
    page = key_page(
        request,
        checks,
        order=("-visited_at", "-id"),
        per_page=30,
        rows=checks.select_related("station", "by").only(*LIST_FIELDS),
        # Findings leave the list when a later check clears them, and far checks when
        # accepted, not only by new rows: counted afresh (a handful, a partial index) rather
        # than carried forward.
        count=(lambda: checks.count())
        if request.GET.get("finding") == "1" or request.GET.get("far") == "1"
        else (lambda: grown_count(checks)),
    )
    station = id_param(request.GET.get("station"))
    return render(
        request,
        "inspections/check_list.html",
        {
            "page": page,
            # The one station the list is narrowed to (check_filter), named where the user
            # sees it; a value that is not an id narrows nothing and is not shown.
            "station_id": station,
            "station_filter": station_named(request.user, station),
            "under_appeal": under_appeal_ids(i.pk for i in page),
            "kinds": InspectionKind.choices,
            "districts": settings.DISTRICTS,
            "params": request.GET,
            "may_log": role_of(request.user) in CHECK_LOGGERS,
            # The editor's own access rule decides, as the staff menu does.
            "may_edit_checklist": role_of(request.user) in checklist_edit.access_rule.roles,
        },
    )


@access(*ANY_STAFF)
def check_detail(request, pk):
    inspection = get_object_or_404(
        Inspection.objects.visible_to(request.user).select_related(
            "station", "by", "checklist", "plan_visit", "peer_pairing__reviewer"
        ),
        pk=pk,
    )
    findings = inspection.findings.select_related("item").order_by("item__position")
    return render(
        request,
        "inspections/check_detail.html",
        {
            "inspection": inspection,
            "findings": findings,
            "photos": inspection.photos.all(),
            # Union staff never learn which checks a plan drew (DESIGN: plans unannounced).
            "sees_plans": sees_kind(request.user, PlanVisit),
            "rectifications": inspection.rectifications.all(),
            "appeal": open_appeal_of(inspection),
            "now": timezone.now(),
            "distance_limit": settings.CHECK_DISTANCE_LIMIT_M,
            "position_form": PositionAcceptForm()
            if ACCEPT.allows(inspection, role_of(request.user), inspection.position_review)
            else None,
        },
    )


@access(*ANY_STAFF)
def check_photo(request, pk, photo_pk):
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user), pk=pk)
    photo = get_object_or_404(inspection.photos, pk=photo_pk)
    # The thumbnail to show, or the original as a download (photo_files.py).
    return photo_response(
        request, photo, photo.image, stem=f"check-{inspection.pk}-photo-{photo.pk}"
    )
