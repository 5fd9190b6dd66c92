"""Training of station heads on the staff side (issue 23, item 5; 五、(二)): the aid center
and the unions schedule sessions and tick the heads who attended; a union lists its heads
never trained. Every list is read a page at a time by key: a union's thousands of stations,
the aid center's 200,000, never on one page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Subquery
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unions.access import access
from unions.models import Union
from unions.pages import key_page
from unions.params import id_param
from unions.roles import UNION_OR_AID, union_of

from ..forms.training import TrainingSessionForm
from ..models import HOLDS_PLAQUE, Station, TrainingAttendance, TrainingSession
from ..permissions import RECORD_ROLES, may
from ..selectors import registry_search, search_ids_reader
from ..services.training import training_attendance_set, training_schedule
from ..training import never_trained, untrained_heads
from .common import FORM_METHODS

SESSIONS_PER_PAGE = 20
HEADS_PER_PAGE = 50
# A search box's longest useful text (a station's name is at most 100 characters).
SEARCH_MAX = 50
# The query parameters of the heads' list a post returns to.
HEAD_PARAMETERS = ("q", "district", "union", "attended", "untrained", "after", "before")


@access(*UNION_OR_AID)
def training_list(request):
    sessions = TrainingSession.objects.visible_to(request.user)
    page = key_page(
        request,
        sessions,
        order=("-held_on", "-id"),
        per_page=SESSIONS_PER_PAGE,
        rows=sessions.select_related("union").annotate(taken=Count("attendance")),
    )
    return render(
        request,
        "stations/training_list.html",
        {"page": page, "may_schedule": may(request.user, "training")},
    )


@access(*RECORD_ROLES["training"], methods=FORM_METHODS)
def training_create(request):
    form = TrainingSessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = training_schedule(
                by=request.user,
                topic=data["topic"],
                held_on=data["held_on"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                mode=data["mode"],
                place=data["place"],
                online_link=data["online_link"],
                capacity=data["capacity"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("Training session scheduled."))
            return redirect("stations:training_detail", pk=session.pk)
    return render(
        request,
        "stations/training_form.html",
        {"form": form, "union": union_of(request.user)},
        status=400 if form.errors else 200,
    )


def _filters(request) -> dict[str, str]:
    return {
        "q": request.GET.get("q", "").strip()[:SEARCH_MAX],
        "district": request.GET.get("district", ""),
        "union": request.GET.get("union", ""),
    }


def _filtered(stations, filters: dict[str, str]):
    if filters["q"]:
        # The registry's search (name, address, plaque number, head, host unit), through
        # the character-pair indexes on PostgreSQL: a text match over 200,000 names was a
        # scan of every station for the aid center.
        stations = registry_search(stations, filters["q"])
    if filters["district"] in settings.DISTRICTS:
        stations = stations.filter(district=filters["district"])
    if id_param(filters["union"]) is not None:
        stations = stations.filter(union_id=id_param(filters["union"]))
    return stations


def _union_choices(user) -> list:
    """The unions the aid center may filter by; a union's staff see their own alone."""
    return [] if union_of(user) else list(Union.objects.order_by("kind", "name"))


@access(*UNION_OR_AID)
def training_detail(request, pk):
    user = request.user
    session = get_object_or_404(
        TrainingSession.objects.visible_to(user).select_related("union", "created_by"), pk=pk
    )
    filters = _filters(request)
    attended_here = TrainingAttendance.objects.filter(session=session, station=OuterRef("pk"))
    stations = Station.objects.visible_to(user).filter(status__in=HOLDS_PLAQUE)
    if session.union_id is not None:
        # A union's own session is for its own stations' heads.
        stations = stations.filter(union_id=session.union_id)
    stations = _filtered(stations, filters)
    attended_only = request.GET.get("attended") == "1"
    untrained_only = request.GET.get("untrained") == "1"
    if attended_only:
        stations = stations.filter(Exists(attended_here))
    elif untrained_only:
        stations = stations.filter(never_trained())
    page = key_page(
        request,
        stations,
        order=("plaque_seq", "id"),
        per_page=HEADS_PER_PAGE,
        # The page's rows by their ids alone: the ids came through the scope and the
        # filters, and repeating a search's text match on them cost more than the page.
        rows=Station.objects.select_related("union").annotate(
            attended_as=Subquery(attended_here.values("head_name")[:1])
        ),
        read_ids=search_ids_reader(stations) if filters["q"] else None,
    )
    today = timezone.localdate()
    return render(
        request,
        "stations/training_detail.html",
        {
            "session": session,
            "taken": session.attendance.count(),
            # The caller's own heads at the session: a union sees its own, the center all.
            "ours": TrainingAttendance.objects.visible_to(user).filter(session=session).count(),
            "page": page,
            "filters": filters,
            "attended_only": attended_only,
            "untrained_only": untrained_only,
            "districts": settings.DISTRICTS,
            "unions": _union_choices(user) if session.union_id is None else [],
            "may_record": may(user, "training_attendance") and session.held_on <= today,
            "not_yet": session.held_on > today,
            "back": request.GET.urlencode(),
        },
    )


@access(*RECORD_ROLES["training_attendance"], methods=("POST",))
def training_attendance(request, pk):
    session = get_object_or_404(TrainingSession.objects.visible_to(request.user), pk=pk)
    try:
        added, removed = training_attendance_set(
            session=session,
            by=request.user,
            shown=request.POST.getlist("shown"),
            ticked=request.POST.getlist("attended"),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Attendance saved: %(added)s added, %(removed)s taken back.")
            % {"added": added, "removed": removed},
        )
    back = QueryDict(request.POST.get("back", ""))
    kept = QueryDict(mutable=True)
    for name in HEAD_PARAMETERS:
        if name in back:
            kept[name] = back[name]
    url = reverse("stations:training_detail", kwargs={"pk": session.pk})
    return redirect(f"{url}?{kept.urlencode()}" if kept else url)


@access(*UNION_OR_AID)
def training_untrained(request):
    filters = _filters(request)
    stations = _filtered(untrained_heads(request.user), filters)
    page = key_page(
        request,
        stations,
        order=("plaque_seq", "id"),
        per_page=HEADS_PER_PAGE,
        rows=stations.select_related("union"),
    )
    return render(
        request,
        "stations/training_untrained.html",
        {
            "page": page,
            "filters": filters,
            "districts": settings.DISTRICTS,
            "unions": _union_choices(request.user),
        },
    )


urlpatterns = [
    path("staff/training/", training_list, name="training_list"),
    path("staff/training/new/", training_create, name="training_create"),
    path("staff/training/untrained/", training_untrained, name="training_untrained"),
    path("staff/training/<int:pk>/", training_detail, name="training_detail"),
    path("staff/training/<int:pk>/attendance/", training_attendance, name="training_attendance"),
]
