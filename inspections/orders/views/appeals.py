"""申诉 pages: a union appeals a check of its station, with its evidence; the aid center
decides."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stations.selectors import station_named
from unions.access import access
from unions.actions import available
from unions.pages import key_page
from unions.params import id_param
from unions.roles import STAFF_READ

from ...checks.models import Inspection
from ...checks.services.photos import MAX_EVIDENCE_FILES, MAX_PHOTO_BYTES
from ...checks.views.photo_files import photo_response
from ..forms import AppealDecisionForm, AppealForm
from ..models import APPEAL_ACTIONS, APPEAL_DECISIONS, Appeal, AppealStatus
from ..services.appeals import appeal_deadline, appeal_decide, appeal_open, appeal_refusal
from .common import FORM_METHODS

# Who may decide an appeal, as its table says.
DECIDERS = frozenset().union(*(a.roles for a in APPEAL_DECISIONS))


@access(*STAFF_READ)
def appeal_list(request):
    appeals = (
        Appeal.objects.visible_to(request.user)
        .select_related("inspection__station", "union")
        .with_evidence_count()
    )
    status = request.GET.get("status", "")
    if status in AppealStatus.values:
        appeals = appeals.filter(status=status)
    # One station's appeals (its staff page's "all appeals"): an id, or no filter. The scope
    # above still decides which of them the user sees.
    station = id_param(request.GET.get("station"))
    if station is not None:
        appeals = appeals.filter(inspection__station_id=station)
    return render(
        request,
        "inspections/orders/appeal_list.html",
        {
            "page": key_page(request, appeals, order=("-created_at", "-id"), per_page=50),
            "statuses": AppealStatus.choices,
            "status": status,
            "station": station,
            # The station named where the user sees it, if the user may see it.
            "station_filter": station_named(request.user, station),
        },
    )


@access(*STAFF_READ)
def appeal_detail(request, pk):
    appeal = get_object_or_404(
        Appeal.objects.visible_to(request.user).select_related(
            "inspection__station", "inspection__by", "union", "by", "decided_by"
        ),
        pk=pk,
    )
    may_decide = (
        bool(available(APPEAL_DECISIONS, appeal, request.user))
        and appeal.inspection.by_id != request.user.pk
    )
    return render(
        request,
        "inspections/orders/appeal_detail.html",
        {
            "appeal": appeal,
            "evidence": appeal.evidence.all(),
            "form": AppealDecisionForm() if may_decide else None,
        },
    )


@access(*STAFF_READ)
def appeal_evidence(request, pk, evidence_pk):
    # Whoever may see the appeal may see its evidence: the Appeal scope decides, 404 else.
    appeal = get_object_or_404(Appeal.objects.visible_to(request.user), pk=pk)
    evidence = get_object_or_404(appeal.evidence, pk=evidence_pk)
    # A photo's thumbnail to show, or the file (a photo or a PDF) as a download.
    return photo_response(
        request, evidence, evidence.file, stem=f"appeal-{appeal.pk}-evidence-{evidence.pk}"
    )


@access(*DECIDERS, methods=("POST",))
@require_POST
def appeal_decide_view(request, pk):
    appeal = get_object_or_404(Appeal.objects.visible_to(request.user), pk=pk)
    form = AppealDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("inspections:appeal_detail", pk=appeal.pk)
    try:
        appeal_decide(
            appeal=appeal,
            by=request.user,
            upheld=form.cleaned_data["outcome"] != AppealStatus.DISMISSED,
            decision=form.cleaned_data["decision"],
            amended_score=form.cleaned_data["amended_score"]
            if form.cleaned_data["outcome"] == AppealStatus.AMENDED
            else None,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The decision is recorded."))
    return redirect("inspections:appeal_detail", pk=appeal.pk)


@access(*APPEAL_ACTIONS["open"].roles, methods=FORM_METHODS)
def appeal_create(request, inspection_pk):
    inspection = get_object_or_404(
        Inspection.objects.visible_to(request.user).select_related("station"), pk=inspection_pk
    )
    refusal = appeal_refusal(inspection, request.user)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            appeal = appeal_open(
                inspection=inspection,
                by=request.user,
                reason=form.cleaned_data["reason"],
                evidence=request.FILES.getlist("evidence"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your appeal is sent to the aid center."))
            return redirect("inspections:appeal_detail", pk=appeal.pk)
    return render(
        request,
        "inspections/orders/appeal_form.html",
        {
            "inspection": inspection,
            "form": form,
            "refusal": refusal,
            "deadline": appeal_deadline(inspection),
            "max_files": MAX_EVIDENCE_FILES,
            "max_mb": MAX_PHOTO_BYTES // (1024 * 1024),
            "max_megapixels": settings.PHOTO_MAX_MEGAPIXELS,
        },
        status=400 if request.method == "POST" else 200,
    )
