"""The aid center's selection pages (/staff/awards/…) and the unions' certificates.

Every change goes through one service (awards.services); the views only read the form and
answer with the service's Chinese error when it refuses.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from documents.models import GeneratedDocument
from unions.access import access
from unions.actions import available
from unions.roles import AID, UNION_OR_AID

from ..certificates import CERTIFICATE_KIND
from ..models import TITLE_ACTIONS, YEAR_ACTIONS, Award, AwardYear
from ..models.award import KIND_ORDER
from ..rules import LOWER_PERCENT, UPPER_PERCENT, award_bounds
from ..selectors import award_base, candidates, year_standing
from ..services import (
    award_certificates_request,
    award_citation_set,
    award_confirm,
    award_selection_save,
    award_withdraw,
    award_year_publish,
)

# The years the staff list offers to open: the past few (a year is selected after it ends).
YEARS_BACK = 4


class CitationForm(forms.Form):
    citation = forms.CharField(
        label=gettext_lazy("Citation"), widget=forms.Textarea, max_length=500
    )
    reason = forms.CharField(label=gettext_lazy("Why (after publication)"), required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why the title is withdrawn"))


def _refused(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@access(*AID)
def year_list(request):
    this_year = timezone.localdate().year
    saved = {y.year: y for y in AwardYear.objects.all()}
    years = sorted(set(saved) | set(range(this_year - YEARS_BACK, this_year + 1)), reverse=True)
    return render(request, "awards/staff_years.html", {"rows": [(y, saved.get(y)) for y in years]})


@access(*AID)
def year_detail(request, year: int):
    award_year = AwardYear.objects.filter(year=year).first()
    base = award_base(year).count()
    bounds = award_bounds(base)
    ranked = candidates(year)
    awards = list(award_year.awards.select_related("station")) if award_year else []
    for award in awards:
        award.award_year = award_year
        # The title's buttons, from its table (awards/models/award.py: TITLE_ACTIONS).
        award.actions = {a.name: a for a in available(TITLE_ACTIONS.values(), award, request.user)}
    selected = {a.station_id for a in awards if a.kind == KIND_ORDER[0]}
    groups = [(k.label, [a for a in awards if a.kind == k]) for k in KIND_ORDER]
    year_actions = {
        a.name: a
        for a in available(YEAR_ACTIONS.values(), award_year or AwardYear(year=year), request.user)
    }
    return render(
        request,
        "awards/staff_year.html",
        {
            "year": year,
            "award_year": award_year,
            "base": base,
            "bounds": bounds,
            "lower_percent": LOWER_PERCENT,
            "upper_percent": UPPER_PERCENT,
            "eligible": [c for c in ranked if c.eligible],
            "excluded": [c for c in ranked if not c.eligible],
            "selected": selected,
            "groups": groups,
            "year_actions": year_actions,
            "standing": year_standing(award_year)
            if award_year and award_year.is_published
            else None,
            "history": award_year.changes.select_related("by") if award_year else [],
            "min_quarters": settings.AWARDS_MIN_QUARTERS,
            "year_over": year < timezone.localdate().year,
        },
    )


@access(*AID, methods=("POST",))
@require_POST
def selection_save(request, year: int):
    try:
        award_selection_save(
            year=year, station_ids=request.POST.getlist("station"), by=request.user
        )
    except ValidationError as exc:
        _refused(request, exc)
    except ValueError:
        # A station id that is not a number (station=abc): never Python's own message.
        _refused(request, ValidationError(_("Only eligible candidates can be selected.")))
    else:
        messages.success(request, _("Selection saved."))
    return redirect("awards:staff_year", year=year)


def _award(request, pk: int) -> Award:
    return get_object_or_404(Award.objects.visible_to(request.user), pk=pk)


@access(*AID, methods=("POST",))
@require_POST
def award_confirm_view(request, pk: int):
    award = _award(request, pk)
    try:
        award_confirm(award=award, confirmed=request.POST.get("confirmed") == "1", by=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("awards:staff_year", year=award.award_year.year)


@access(*AID, methods=("POST",))
@require_POST
def award_citation_view(request, pk: int):
    award = _award(request, pk)
    form = CitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a citation."))
    else:
        try:
            award_citation_set(
                award=award,
                citation=form.cleaned_data["citation"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Citation saved."))
    return redirect("awards:staff_year", year=award.award_year.year)


def _withdrawn_message(request, result) -> None:
    text = _("Title withdrawn, with its certificate.")
    if result.followed:
        text += " " + _("Withdrawn with it: %(titles)s.") % {
            "titles": "、".join(f"{a.get_kind_display()} {a.name}" for a in result.followed)
        }
    if result.moved:
        text += " " + _("The partner title now rests on %(station)s.") % {
            "station": result.moved.station_name
        }
    messages.success(request, text)
    standing = result.standing
    if standing is not None and standing.below:
        messages.warning(
            request,
            _(
                "The year now has %(count)s excellent stations, below its lower bound of "
                "%(lower)s; the honours page says so."
            )
            % {"count": standing.excellent, "lower": standing.lower},
        )


@access(*AID, methods=("POST",))
@require_POST
def award_withdraw_view(request, pk: int):
    award = _award(request, pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the title is withdrawn."))
    else:
        try:
            result = award_withdraw(
                award=award, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as exc:
            _refused(request, exc)
        else:
            _withdrawn_message(request, result)
    return redirect("awards:staff_year", year=award.award_year.year)


@access(*AID, methods=("POST",))
@require_POST
def year_publish(request, year: int):
    try:
        award_year_publish(year=year, by=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The %(year)s honours are published.") % {"year": year})
    return redirect("awards:staff_year", year=year)


@access(*AID, methods=("POST",))
@require_POST
def certificates_make(request, year: int):
    try:
        count = award_certificates_request(year=year, by=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("%(count)s certificates asked for.") % {"count": count})
    return redirect("awards:staff_year", year=year)


@access(*UNION_OR_AID)
def certificates(request):
    """Each union's own winners' certificates (GeneratedDocument's union scope); the aid
    center sees every union's. A withdrawn title's certificate is not listed."""
    documents = (
        GeneratedDocument.objects.visible_to(request.user)
        .filter(kind=CERTIFICATE_KIND)
        .exclude(state=GeneratedDocument.State.WITHDRAWN)
        .select_related("union")
        .order_by("-created_at", "-id")
    )
    return render(request, "awards/certificates.html", {"documents": documents})


urlpatterns = [
    path("staff/awards/", year_list, name="staff_years"),
    path("staff/awards/certificates/", certificates, name="certificates"),
    path("staff/awards/<int:year>/", year_detail, name="staff_year"),
    path("staff/awards/<int:year>/selection/", selection_save, name="selection_save"),
    path("staff/awards/<int:year>/publish/", year_publish, name="publish"),
    path("staff/awards/<int:year>/certificates/", certificates_make, name="certificates_make"),
    path("staff/awards/award/<int:pk>/confirm/", award_confirm_view, name="confirm"),
    path("staff/awards/award/<int:pk>/citation/", award_citation_view, name="citation"),
    path("staff/awards/award/<int:pk>/withdraw/", award_withdraw_view, name="withdraw"),
]
