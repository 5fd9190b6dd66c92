"""/awards/ and /awards/<year>/: a published year's honours, for everyone."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import path

from unions.access import access

from ..models import Award, AwardYear
from ..models.award import KIND_ORDER
from ..selectors import year_standing


def _honours(request, award_year: AwardYear | None):
    groups = []
    standing = None
    years = list(AwardYear.objects.published().values_list("year", flat=True))
    if award_year is not None:
        # Titles withdrawn after publication, and the count against the year's bounds, are
        # said on the page (issue 21): a year below its lower bound is not hidden.
        standing = year_standing(award_year)
        awards = list(Award.objects.public().filter(award_year=award_year).order_by("rank", "name"))
        for kind in KIND_ORDER:
            rows = [a for a in awards if a.kind == kind]
            if rows:
                groups.append((kind.label, kind.value, rows))
    return render(
        request,
        "awards/honours.html",
        {"award_year": award_year, "groups": groups, "years": years, "standing": standing},
    )


@access(public=True)
def honours_latest(request):
    """The latest published year; before any, the page says none is published yet."""
    return _honours(request, AwardYear.objects.published().first())


@access(public=True)
def honours_year(request, year: int):
    award_year = AwardYear.objects.published().filter(year=year).first()
    if award_year is None:
        # A draft year does not exist for the public, however far the selection has gone.
        raise Http404
    return _honours(request, award_year)


urlpatterns = [
    path("awards/", honours_latest, name="honours"),
    path("awards/<int:year>/", honours_year, name="honours_year"),
]
