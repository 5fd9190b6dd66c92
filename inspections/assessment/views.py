"""Staff pages of the quarterly assessment (aid center): start a run, watch it, review the
draft against the previous quarter, publish (one door: services.publication). The publish
button is the row of ASSESSMENT_ACTIONS that applies (a first publication or a correction);
while the quarter may not be published it says why, and when it will be allowed."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from unions.access import access
from unions.models import Role

from ..reports.delivery import assessment_documents
from ..rules import rules_in_words
from .models import ASSESSMENT_ACTIONS, AssessmentStatus, QuarterlyAssessment
from .selectors import rankings
from .services.publication import assessment_publish, publish_action, publish_refusal
from .tasks import assessment_compute

PAGE_SIZE = 50


class RunForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2018, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("Quarter"), coerce=int, choices=[(q, f"Q{q}") for q in range(1, 5)]
    )


class PublishForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Correction note (shown on the public page)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


@access(Role.AID_CENTER)
def assessment_list(request):
    assessments = QuarterlyAssessment.objects.select_related("started_by", "published_by")[:60]
    today = timezone.localdate()
    form = RunForm(initial={"year": today.year, "quarter": (today.month - 1) // 3 + 1})
    running = any(a.status == AssessmentStatus.RUNNING for a in assessments)
    return render(
        request,
        "inspections/assessment/list.html",
        {"assessments": assessments, "form": form, "running": running},
    )


@access(Role.AID_CENTER, methods=("POST",))
@require_POST
def assessment_start(request):
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a year and a quarter."))
        return redirect("inspections:assessment_list")
    year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    try:
        result = assessment_compute.delay(year, quarter, request.user.pk)
    except Exception:  # embedded mode runs the task here; the row says it failed, and why
        messages.error(request, _("The computation failed; the list shows why."))
        return redirect("inspections:assessment_list")
    if result.ready() and result.result == "busy":
        messages.error(request, _("The assessment of this quarter is being computed already."))
    else:
        messages.success(request, _("The assessment is being computed; this page follows it."))
    return redirect("inspections:assessment_list")


@access(Role.AID_CENTER)
def assessment_detail(request, pk):
    assessment = get_object_or_404(QuarterlyAssessment, pk=pk)
    previous = rankings.previous_published(assessment)
    stations = rankings.with_previous(rankings.station_rows(assessment), previous)
    summary = rankings.staff_summary(assessment)
    page = rankings.paginator(stations, PAGE_SIZE, summary).get_page(request.GET.get("page"))
    is_draft = assessment.status == AssessmentStatus.DRAFT
    action = ASSESSMENT_ACTIONS[publish_action(assessment)] if is_draft else None
    return render(
        request,
        "inspections/assessment/detail.html",
        {
            "assessment": assessment,
            "previous": previous,
            "page": page,
            "unions": rankings.union_rows(assessment, previous),
            "publish_action": action,
            # Why it may not be published yet, and when it may: the button says it.
            "refusal": publish_refusal(assessment) if is_draft else "",
            "needs_note": bool(action and action.needs_reason),
            "publish_form": PublishForm(),
            "documents": assessment_documents(assessment).order_by("kind", "title"),
            "rules": rules_in_words(assessment.parameters),
        },
    )


@access(Role.AID_CENTER, methods=("POST",))
@require_POST
def assessment_publish_view(request, pk):
    assessment = get_object_or_404(QuarterlyAssessment, pk=pk)
    form = PublishForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        assessment_publish(assessment=assessment, by=request.user, note=note)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Published. The reports are being made and sent to the unions.")
        )
    return redirect("inspections:assessment_detail", pk=assessment.pk)
