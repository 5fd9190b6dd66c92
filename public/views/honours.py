"""/awards/ and /awards/<year>/: a published year's honours, for everyone."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import path

from awards.models import Award, AwardYear
from awards.models.award import KIND_ORDER
from awards.selectors import year_standing
from stations import public_cache
from unions.access import access

from ..caches import HONOURS_VERSION

# Titles of one kind on one page. A city-wide year names thousands (5%–8% of 200,000
# stations, then their heads and partners): the page shows each kind's first page and a link
# to the rest, by kind and district, instead of every title at once (issue 26: 8.1 MB).
PER_PAGE = 60


@dataclass
class KindOnPage:
    label: str
    kind: str
    page: Page

    @property
    def awards(self):
        return self.page.object_list

    @property
    def more(self) -> int:
        """Titles of the kind beyond this page, when the page shows every kind's first."""
        return self.page.paginator.count - len(self.page.object_list)


def _honours(request, award_year: AwardYear | None):
    """The page, kept rendered for anonymous visitors (stations.public_cache) under the
    honours' version, which every announced change to a year's honours replaces (a
    selection, a publication, a withdrawal, a corrected citation: the registry's
    "honours-pages", public/caches.py), and the filters as read. A kept copy is one cache
    read and no query; drawing the page read every kind's titles (80–90 ms at national
    size, 100 times the anonymous trivial view)."""
    query = tuple((k, request.GET.get(k, "")) for k in ("kind", "district", "page"))
    digest = hashlib.sha1(repr(query).encode(), usedforsecurity=False).hexdigest()
    version = public_cache.versioned(HONOURS_VERSION)
    key = f"honours:{version}:{award_year.year if award_year else 0}:{digest}"
    cached = public_cache.served(request, key)
    if cached is not None:
        return cached
    years = list(AwardYear.objects.published().values_list("year", flat=True))
    return public_cache.render_and_keep(
        request, key, lambda extra: _draw(request, award_year, years, extra)
    )


def _draw(request, award_year: AwardYear | None, years: list[int], extra: dict):
    groups = []
    standing = None
    districts: list[str] = []
    chosen_kind = request.GET.get("kind", "")
    if chosen_kind not in {k.value for k in KIND_ORDER}:
        chosen_kind = ""
    district = request.GET.get("district", "")
    large = False
    if award_year is not None:
        # Titles withdrawn after publication, and the count against the year's bounds, are
        # said on the page (issue 21): a year below its lower bound is not hidden.
        standing = year_standing(award_year)
        titles = Award.objects.public().filter(award_year=award_year)
        districts = sorted(set(titles.values_list("district", flat=True).distinct()))
        if district not in districts:
            district = ""
        if district:
            titles = titles.filter(district=district)
        for kind in KIND_ORDER:
            if chosen_kind and kind.value != chosen_kind:
                continue
            rows = titles.filter(kind=kind).order_by("rank", "name", "pk")
            page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page") if chosen_kind else 1)
            large = large or page.paginator.num_pages > 1
            if page.paginator.count:
                groups.append(KindOnPage(kind.label, kind.value, page))
        large = large or bool(chosen_kind or district)
    return render(
        request,
        "awards/honours.html",
        {
            "award_year": award_year,
            "groups": groups,
            "years": years,
            "standing": standing,
            # The kind and district filter, shown when the year fills more than a page.
            "large": large,
            "districts": districts,
            "district": district,
            "chosen_kind": chosen_kind,
            "kinds": KIND_ORDER,
            **extra,
        },
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
