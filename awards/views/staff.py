"""The aid center's selection pages (/staff/awards/…) and the unions' certificates.

Every change goes through one service (awards.services); the views only read the form and
answer with the service's Chinese error when it refuses.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from documents.models import GeneratedDocument
from history.models import RecordChange
from stations.training import head_training
from unions.access import access
from unions.actions import available
from unions.models import Union
from unions.pages import key_page
from unions.roles import AID, UNION_OR_AID

from ..caches import title_counts
from ..certificates import CERTIFICATE_KIND
from ..models import TITLE_ACTIONS, YEAR_ACTIONS, Award, AwardYear, Shortlisted, ShortlistState
from ..models.award import KIND_ORDER
from ..rules import LOWER_PERCENT, UPPER_PERCENT, Bounds, award_bounds
from ..selectors import EXCLUSIONS, STANDING_COUNTS, award_base, year_standing
from ..services import (
    award_certificates_request,
    award_citation_set,
    award_confirm,
    award_selection_save,
    award_withdraw,
    award_year_publish,
)
from ..shortlist import (
    building,
    marked_count,
    marked_ids,
    shortlist_mark,
    shortlist_request,
    shortlist_take_top,
)

# The years the staff list offers to open: the past few (a year is selected after it ends).
YEARS_BACK = 4
# The newest changes of a year shown under its titles.
HISTORY_SHOWN = 50


class CitationForm(forms.Form):
    citation = forms.CharField(
        label=gettext_lazy("Citation"), widget=forms.Textarea, max_length=500
    )
    reason = forms.CharField(label=gettext_lazy("Why (after publication)"), required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why the title is withdrawn"))


def _refused(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _history(award_year) -> list:
    """The year's history rows (history.RecordChange, record "award"), oldest first. They
    belong to no union (the honours are the city's): everyone the page admits reads them,
    as the page's own access rule says (tests/access/test_history_is_read_through_its_scope)."""
    rows = RecordChange.objects.filter(record=RecordChange.Record.AWARD, record_id=award_year.pk)
    return list(rows.select_related("by").order_by("at", "id")[:HISTORY_SHOWN])


@access(*AID)
def year_list(request):
    this_year = timezone.localdate().year
    saved = {y.year: y for y in AwardYear.objects.all()}
    years = sorted(set(saved) | set(range(this_year - YEARS_BACK, this_year + 1)), reverse=True)
    return render(request, "awards/staff_years.html", {"rows": [(y, saved.get(y)) for y in years]})


# Rows a page: candidates and the left out read by key (unions/pages.py), titles a page per
# kind. At national size a year has 200,000 candidates and 17,000 titles (issue 26).
CANDIDATES_PER_PAGE = 50
LEFT_OUT_PER_PAGE = 100
TITLES_PER_PAGE = 10
# A title is found by its name, its station's name or its plaque number (?title_q=).
TITLE_SEARCH_MAX = 50
# A shortlist row's own columns, all read (only() would otherwise defer them).
SHORTLIST_FIELDS = tuple(f.name for f in Shortlisted._meta.concrete_fields)
# The query parameters a post returns to the page with.
PAGE_PARAMETERS = ("district", "union", "min_mean", "marked", "left_out", "after", "before")


class ShortlistFilter(forms.Form):
    district = forms.ChoiceField(label=gettext_lazy("District"), required=False)
    union = forms.ModelChoiceField(
        label=gettext_lazy("Union"),
        queryset=Union.objects.order_by("code"),
        required=False,
        empty_label=gettext_lazy("All unions"),
    )
    min_mean = forms.DecimalField(
        label=gettext_lazy("Mean at least"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        max_digits=5,
    )
    marked = forms.BooleanField(label=gettext_lazy("Marked only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("district", "union"):
            self.fields[name].widget.attrs["class"] = "form-select"
        self.fields["min_mean"].widget.attrs["class"] = "form-control"
        self.fields["marked"].widget.attrs["class"] = "form-check-input"
        self.fields["district"].choices = [("", gettext_lazy("All districts"))] + [
            (d, d) for d in settings.DISTRICTS
        ]

    def apply(self, rows):
        if not self.is_valid():
            return rows, False
        data = self.cleaned_data
        filtered = False
        if data["district"]:
            rows, filtered = rows.filter(district=data["district"]), True
        if data["union"]:
            rows, filtered = rows.filter(union=data["union"]), True
        if data["min_mean"] is not None:
            rows, filtered = rows.filter(mean__gte=data["min_mean"]), True
        if data["marked"]:
            rows, filtered = rows.filter(selected=True), True
        return rows, filtered


def _quarters(row) -> list:
    """The stored quarters as (score, satisfaction) decimals, or None."""
    return [
        None if q is None else tuple(None if v is None else Decimal(v) for v in q)
        for q in row.quarters
    ] + [None] * (4 - len(row.quarters))


def _shortlist_page(request, award_year: AwardYear, filters: ShortlistFilter) -> dict:
    """The candidates (or, with ?left_out=1, the stations left out) a page at a time."""
    rows, filtered = filters.apply(award_year.shortlist.all())
    left_out = request.GET.get("left_out") == "1"
    if left_out:
        rows = rows.filter(rank__isnull=True)
        # Written in plaque order after the ranked ones (awards.shortlist): by id is by plaque,
        # read from the (year, rank, id) index.
        order = ("id",)
        count = award_year.shortlist_left_out
        per_page = LEFT_OUT_PER_PAGE
    else:
        rows = rows.filter(rank__isnull=False)
        order = ("rank", "id")
        count = award_year.shortlist_eligible
        per_page = CANDIDATES_PER_PAGE
    page = key_page(
        request,
        rows,
        order=order,
        per_page=per_page,
        # Of the station, what the rows show (awards_tags.candidate_rows, the left-out list)
        # and head_training reads: its 46 columns, four of them JSON, were a fifth of the page.
        rows=rows.select_related("station", "union").only(
            *SHORTLIST_FIELDS,
            "station__name",
            "station__plaque_number",
            "station__head_name",
            "union__name",
        ),
        count=rows.count if filtered else count,
    )
    # Their heads are the 明星站长 candidates: what each present head attended (issue 23),
    # counted in the database for this page's stations only.
    training = head_training(row.station for row in page) if not left_out else {}
    for row in page:
        row.figures = _quarters(row)
        row.reasons = [EXCLUSIONS[c] for c in row.exclusions.split(",") if c in EXCLUSIONS]
        row.training = training.get(row.station_id)
    return {"page": page, "left_out": left_out, "filtered": filtered}


def _titles(request, award_year: AwardYear | None, user) -> tuple[list, dict | None]:
    """Each kind's titles: a page of them, with how many in all (?kind=…&tpage=…), those
    matching ?title_q= when it is given; and, counted in the same pass when the titles are
    all of the year's, a published year's standing (selectors.STANDING_COUNTS)."""
    if award_year is None:
        return [], None
    awards = award_year.awards.all()
    query = request.GET.get("title_q", "").strip()[:TITLE_SEARCH_MAX]
    if query:
        awards = awards.filter(
            Q(name__icontains=query)
            | Q(station_name__icontains=query)
            | Q(plaque_number__iexact=query)
        )
    standing = award_year.is_published and not query

    def count() -> dict:
        return awards.aggregate(
            **{kind: Count("id", filter=Q(kind=kind)) for kind in KIND_ORDER},
            **(STANDING_COUNTS if standing else {}),
        )

    # The year's counts, the same on every page of its titles, kept until an award changes
    # (awards/caches.py); a search's are counted each time.
    counts = count() if query else title_counts(award_year.pk, standing, count)
    chosen = request.GET.get("kind")
    groups = []
    for kind in KIND_ORDER:
        titles = awards.filter(kind=kind).order_by("rank", "id")
        paginator = Paginator(titles, TITLES_PER_PAGE)
        # Counted once for the three kinds above (Paginator.count is a cached property).
        paginator.__dict__["count"] = counts.get(kind, 0)
        page = paginator.get_page(request.GET.get("tpage") if chosen == kind else 1)
        for award in page:
            award.award_year = award_year
            # The title's buttons, from its table (awards/models/award.py: TITLE_ACTIONS).
            award.actions = {a.name: a for a in available(TITLE_ACTIONS.values(), award, user)}
        groups.append((kind, kind.label, page))
    return groups, ({name: counts[name] for name in STANDING_COUNTS} if standing else None)


def _bounds(award_year: AwardYear | None, year: int) -> tuple[int, Bounds]:
    if award_year is not None and award_year.shortlist_state == ShortlistState.READY:
        base = award_year.shortlist_base
    else:
        base = award_base(year).count()
    return base, award_bounds(base)


@access(*AID)
def year_detail(request, year: int):
    award_year = AwardYear.objects.filter(year=year).first()
    year_actions = {
        a.name: a
        for a in available(YEAR_ACTIONS.values(), award_year or AwardYear(year=year), request.user)
    }
    if (award_year is None or not award_year.shortlist_state) and "shortlist" in year_actions:
        # The first visit asks for the shortlist: a job, as it reads the whole city.
        award_year = shortlist_request(year=year, by=request.user)
        award_year.refresh_from_db()
    base, bounds = _bounds(award_year, year)
    ready = award_year is not None and award_year.shortlist_state == ShortlistState.READY
    filters = ShortlistFilter(request.GET or None)
    groups, standing_counts = _titles(request, award_year, request.user)
    context = {
        "year": year,
        "award_year": award_year,
        "base": base,
        "bounds": bounds,
        "lower_percent": LOWER_PERCENT,
        "upper_percent": UPPER_PERCENT,
        "ready": ready,
        "building": award_year is not None and building(award_year),
        "filters": filters,
        "marked": marked_count(award_year) if ready else 0,
        "reasons": [
            (EXCLUSIONS[code], n)
            for code, n in (award_year.shortlist_reasons if ready else {}).items()
            if code in EXCLUSIONS
        ],
        "groups": groups,
        "year_actions": year_actions,
        "standing": (
            year_standing(award_year, standing_counts)
            if award_year and award_year.is_published
            else None
        ),
        "history": _history(award_year) if award_year else [],
        "min_quarters": settings.AWARDS_MIN_QUARTERS,
        "year_over": year < timezone.localdate().year,
        "back": urlencode([(k, v) for k, v in request.GET.items() if k in PAGE_PARAMETERS]),
    }
    # Once published, the titles are what the page is for: the shortlist is shown on asking
    # (a link, or any of its filters), not drawn on every visit.
    context["show_shortlist"] = ready and (
        not award_year.is_published
        or "shortlist" in request.GET
        or any(k in request.GET for k in PAGE_PARAMETERS)
    )
    if context["show_shortlist"]:
        context.update(_shortlist_page(request, award_year, filters))
    return render(request, "awards/staff_year.html", context)


def _back(request, year: int):
    """The page the form was on, with its filters and place in the list."""
    query = QueryDict(request.POST.get("back", ""))
    kept = urlencode([(k, v) for k, v in query.items() if k in PAGE_PARAMETERS])
    url = reverse("awards:staff_year", args=[year])
    return redirect(f"{url}?{kept}" if kept else url)


@access(*AID, methods=("POST",))
@require_POST
def shortlist_make(request, year: int):
    try:
        shortlist_request(year=year, by=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("awards:staff_year", year=year)


@access(*AID, methods=("POST",))
@require_POST
def shortlist_top(request, year: int):
    try:
        n = int(request.POST.get("n", ""))
    except ValueError:
        _refused(request, ValidationError(_("Give the number of stations to mark.")))
        return _back(request, year)
    try:
        marked = shortlist_take_top(year=year, n=n, by=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("%(count)s stations marked.") % {"count": marked})
    return _back(request, year)


@access(*AID, methods=("POST",))
@require_POST
def selection_save(request, year: int):
    """A page of the shortlist posts the rows it showed (``shown``) and the ticked ones
    (``station``): their marks are saved, then with "save" the titles of every marked
    station. A post without ``shown`` names the whole selection (a script, an old form)."""
    post = request.POST
    try:
        if "shown" in post:
            marked = shortlist_mark(
                year=year,
                shown=post.getlist("shown"),
                marked=post.getlist("station"),
                by=request.user,
            )
            if post.get("action") == "mark":
                messages.success(
                    request, _("Marks of this page saved: %(count)s marked.") % {"count": marked}
                )
                return _back(request, year)
            station_ids = marked_ids(AwardYear.objects.get(year=year))
        else:
            station_ids = post.getlist("station")
        award_selection_save(year=year, station_ids=station_ids, by=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    except ValueError:
        # A station id that is not a number (station=abc): never Python's own message.
        _refused(request, ValidationError(_("Only eligible candidates can be selected.")))
    else:
        messages.success(request, _("Selection saved."))
    return _back(request, year)


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
    path("staff/awards/<int:year>/shortlist/", shortlist_make, name="shortlist_make"),
    path("staff/awards/<int:year>/shortlist/top/", shortlist_top, name="shortlist_top"),
    path("staff/awards/<int:year>/publish/", year_publish, name="publish"),
    path("staff/awards/<int:year>/certificates/", certificates_make, name="certificates_make"),
    path("staff/awards/award/<int:pk>/confirm/", award_confirm_view, name="confirm"),
    path("staff/awards/award/<int:pk>/citation/", award_citation_view, name="citation"),
    path("staff/awards/award/<int:pk>/withdraw/", award_withdraw_view, name="withdraw"),
]
