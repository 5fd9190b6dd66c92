"""The funding ledger (经费支持, issue 23 item 6): each union's support received in a year,
campaign goods and award support, on a page and as a workbook; the aid center's year
against its budgets, and the two forms that set amounts (a title's support, the awards
budget).

The pages read awards.funding through the scope table: union staff reach their own union's
ledger only (another union's id is a 404), inspectors are not admitted.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from stations.views.excel import xlsx_bytes_response
from unions.access import access
from unions.models import Union
from unions.roles import AID, AID_OR_ADMIN, UNION_OR_AID, role_of, union_of

from ..funding import funding_budgets, funding_ledger
from ..funding_workbook import funding_workbook
from ..models import Award
from ..services import MOST_YUAN, award_support_set, award_year_budget_set

# The years a ledger answers for: the programme's (沪工总基〔2018〕35号) to next year's budget.
FIRST_YEAR = 2018


class AmountForm(forms.Form):
    amount = forms.DecimalField(
        label=gettext_lazy("Amount (yuan)"),
        min_value=0,
        max_value=MOST_YUAN,
        max_digits=12,
        decimal_places=2,
    )


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404
    return year


def _years() -> range:
    """Newest first, for the pages' year links."""
    return range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1)


def _sees_city(user) -> bool:
    return role_of(user) in AID_OR_ADMIN


@access(*UNION_OR_AID)
def funding_index(request):
    return redirect("awards:funding_year", year=timezone.localdate().year)


@access(*UNION_OR_AID)
def funding_year(request, year: int):
    """The aid center: every union's totals and the year against its budgets. A union's
    staff: their own union's ledger, line by line."""
    year = _year(year)
    union = union_of(request.user)
    if union is not None:
        return _union_page(request, year, union)
    return render(
        request,
        "awards/funding_year.html",
        {
            "year": year,
            "ledger": funding_ledger(year, request.user),
            "budgets": funding_budgets(year, request.user),
            "years": _years(),
        },
    )


def _union(request, pk: int) -> Union:
    return get_object_or_404(Union.objects.visible_to(request.user), pk=pk)


def _union_page(request, year: int, union: Union):
    ledger = funding_ledger(year, request.user, union=union)
    return render(
        request,
        "awards/funding_union.html",
        {
            "year": year,
            "union": union,
            "ledger": ledger,
            "row": ledger.unions[0],
            "city": _sees_city(request.user),
            "years": _years(),
        },
    )


@access(*UNION_OR_AID)
def funding_union(request, year: int, pk: int):
    return _union_page(request, _year(year), _union(request, pk))


def _filename(year: int, name: str) -> str:
    return _("%(year)s funding ledger of %(name)s.xlsx") % {"year": year, "name": name}


@access(*UNION_OR_AID)
def funding_export(request, year: int):
    """The whole city's ledger and its budgets for the aid center; a union's own otherwise."""
    year = _year(year)
    union = union_of(request.user)
    if union is not None:
        ledger = funding_ledger(year, request.user, union=union)
        return xlsx_bytes_response(funding_workbook(ledger), _filename(year, union.name))
    ledger = funding_ledger(year, request.user)
    content = funding_workbook(ledger, funding_budgets(year, request.user))
    return xlsx_bytes_response(content, _filename(year, _("the city")))


@access(*UNION_OR_AID)
def funding_union_export(request, year: int, pk: int):
    year = _year(year)
    union = _union(request, pk)
    ledger = funding_ledger(year, request.user, union=union)
    return xlsx_bytes_response(funding_workbook(ledger), _filename(year, union.name))


@access(*AID, methods=("POST",))
@require_POST
def funding_budget(request, year: int):
    year = _year(year)
    form = AmountForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter an amount in yuan, zero or more."))
    else:
        try:
            award_year_budget_set(year=year, budget=form.cleaned_data["amount"], by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Awards budget saved."))
    return redirect("awards:funding_year", year=year)


@access(*AID, methods=("POST",))
@require_POST
def award_support(request, pk: int):
    """A title's support amount, set from the selection page's list of titles."""
    award = get_object_or_404(
        Award.objects.visible_to(request.user).select_related("award_year"), pk=pk
    )
    form = AmountForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter an amount in yuan, zero or more."))
    else:
        try:
            award_support_set(award=award, amount=form.cleaned_data["amount"], by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Support amount saved."))
    return redirect("awards:staff_year", year=award.award_year.year)


urlpatterns = [
    path("staff/funding/", funding_index, name="funding"),
    path("staff/funding/<int:year>/", funding_year, name="funding_year"),
    path("staff/funding/<int:year>/ledger.xlsx", funding_export, name="funding_export"),
    path("staff/funding/<int:year>/budget/", funding_budget, name="funding_budget"),
    path("staff/funding/<int:year>/union/<int:pk>/", funding_union, name="funding_union"),
    path(
        "staff/funding/<int:year>/union/<int:pk>/ledger.xlsx",
        funding_union_export,
        name="funding_union_export",
    ),
    path("staff/awards/award/<int:pk>/support/", award_support, name="support"),
]
