"""整改 pages: the list (filter, pages; its CSV export is a job: exports.py), an order with
its items and answer, the union's answer form, close/escalate after a re-inspection, and
opening one by hand."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from stations.models import ACTIONS as STATION_ACTIONS
from stations.selectors import station_named
from unions.access import access
from unions.actions import available
from unions.pages import key_page
from unions.params import id_param
from unions.roles import STAFF_READ, role_of

from ...checks.models import INDEPENDENT_KINDS, Inspection, InspectionKind, InspectionStatus
from ...checks.services.photos import MAX_PHOTO_BYTES
from ...checks.views.photo_files import photo_response
from ..forms import OrderAnswerForm, OrderFilterForm, OrderOpenForm, order_params
from ..models import ORDER_ACTIONS, Rectification, RectificationStatus
from ..models.rectification import REINSPECTION_REQUIRED
from ..selectors import orders_listed, under_appeal_ids
from ..services.rectification import SERVICES, rectification_answer, rectification_open
from .common import FORM_METHODS

# The order page's buttons: every move of the table a person makes there.
BUTTONS = tuple(a for a in ORDER_ACTIONS.values() if a.button and a.name in SERVICES)


def _orders(request, params: dict[str, str]):
    """The filter form as the page shows it, and the orders it lists: the same scope and
    filters the CSV export's job applies for its requester (selectors.py)."""
    form = OrderFilterForm(request.GET or None)
    orders = orders_listed(request.user, params, today=timezone.localdate()).select_related(
        "station", "union"
    )
    return form, orders


@access(*STAFF_READ)
def order_list(request):
    from django.conf import settings

    params = order_params(request.GET)  # the list's filters, read once
    form, orders = _orders(request, params)
    return render(
        request,
        "inspections/orders/list.html",
        {
            "form": form,
            # Read by key (deadline, then id), however deep.
            "page": key_page(request, orders, order=("deadline", "id"), per_page=50),
            "total": orders.count(),
            "districts": settings.DISTRICTS,
            "today": timezone.localdate(),
            # The export button posts the list's filters (the job applies them again).
            "export_filters": params,
            "may_open": role_of(request.user) in ORDER_ACTIONS["open"].roles,
            # The one station the list is narrowed to, named where the user sees it.
            "station_filter": station_named(request.user, id_param(params.get("station"))),
        },
    )


# The re-inspection a decision rests on is one of the latest checks after the order opened;
# an order open for a year at a busy station would otherwise offer every check since.
REINSPECTIONS_OFFERED = 50


def _reinspections(order: Rectification, user):
    """The supervision team's standing checks of the station made after the order opened, as
    the user may see them: what may be offered as the re-inspection (a union's own
    self-check or peer review never is)."""
    return (
        Inspection.objects.visible_to(user)
        .filter(
            station_id=order.station_id,
            visited_at__gte=order.opened_at,
            status=InspectionStatus.RECORDED,
            kind__in=INDEPENDENT_KINDS,
        )
        .exclude(pk=order.inspection_id or 0)
        .order_by("-visited_at")
    )


def _reinspection_options(checks) -> str:
    """The re-inspection choices drawn once, as the template drew each: every button's select
    offers the same checks, up to the station's every standing check since the order opened.

    Each visit's local time as ``date_format(…, "Y-m-d H:i")`` shows it, and each kind's label
    looked up once: the 400 checks of the busiest station's order were a quarter of its page."""
    zone = timezone.get_current_timezone()
    kinds = {value: str(label) for value, label in InspectionKind.choices}
    return format_html_join(
        "",
        '<option value="{}">{} · {} · {}</option>',
        (
            (
                c.pk,
                c.visited_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                kinds.get(c.kind, c.kind),
                localize(c.score),
            )
            for c in checks
        ),
    )


@access(*STAFF_READ)
def order_detail(request, pk):
    user = request.user
    order = get_object_or_404(
        Rectification.objects.visible_to(user).select_related(
            "station", "union", "inspection", "reinspection"
        ),
        pk=pk,
    )
    # Who opened and who answered, in one read of their own: joined too, they tripled the
    # order's planning time in PostgreSQL (0.5 to 2.1 ms at national size; issue 26).
    people = get_user_model().objects.in_bulk({order.opened_by_id, order.answered_by_id} - {None})
    order.opened_by = people.get(order.opened_by_id)
    order.answered_by = people.get(order.answered_by_id)
    actions = available(ORDER_ACTIONS.values(), order, user)
    buttons = [a for a in actions if a in BUTTONS]
    reinspections = (
        list(
            _reinspections(order, user).only("visited_at", "kind", "score")[
                : REINSPECTIONS_OFFERED + 1
            ]
        )
        if buttons
        else []
    )
    more_reinspections = len(reinspections) > REINSPECTIONS_OFFERED
    reinspections = reinspections[:REINSPECTIONS_OFFERED]
    return render(
        request,
        "inspections/orders/detail.html",
        {
            "order": order,
            "items": order.items.all(),
            "photos": order.photos.all(),
            "actions": buttons,
            "may_answer": ORDER_ACTIONS["answer"] in actions,
            "reinspections": reinspections,
            "reinspection_options": _reinspection_options(reinspections),
            "more_reinspections": more_reinspections,
            "reinspections_offered": REINSPECTIONS_OFFERED,
            "reinspection_required": list(REINSPECTION_REQUIRED),
            "reinspection_optional": [n for n, need in REINSPECTION_REQUIRED.items() if not need],
            "under_appeal": bool(order.inspection_id and under_appeal_ids([order.inspection_id])),
            # Revocation is the station lifecycle's own action, on the station's page.
            "may_revoke": order.status == RectificationStatus.ESCALATED
            and STATION_ACTIONS["revoke"].allows(order.station, role_of(user)),
        },
    )


@access(*ORDER_ACTIONS["answer"].roles, methods=FORM_METHODS)
def order_answer(request, pk):
    order = get_object_or_404(
        Rectification.objects.visible_to(request.user).select_related("station"), pk=pk
    )
    form = OrderAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rectification_answer(
                order=order,
                by=request.user,
                note=form.cleaned_data["note"],
                photos=request.FILES.getlist("photos"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your answer was sent to the inspectors."))
            return redirect("inspections:order_detail", pk=order.pk)
    return render(
        request,
        "inspections/orders/answer.html",
        {"order": order, "form": form, "max_mb": MAX_PHOTO_BYTES // (1024 * 1024)},
        status=400 if request.method == "POST" else 200,
    )


DONE = {
    "close": gettext_lazy("The order is closed."),
    "decide": gettext_lazy("The order is closed on the aid center's decision."),
    "escalate": gettext_lazy("The order is escalated to the aid center."),
}

# Whoever may press one of the order page's buttons; the service checks the row itself.
ACTORS = frozenset().union(*(a.roles for a in BUTTONS))


@access(*ACTORS, methods=("POST",))
@require_POST
def order_action(request, pk):
    order = get_object_or_404(Rectification.objects.visible_to(request.user), pk=pk)
    name = request.POST.get("action", "")
    kwargs = {}
    if name in REINSPECTION_REQUIRED:
        reinspection_id = request.POST.get("reinspection", "")
        kwargs["reinspection"] = (
            _reinspections(order, request.user).filter(pk=reinspection_id).first()
            if id_param(reinspection_id) is not None
            else None
        )
    try:
        if name not in SERVICES:
            raise ValidationError(_("Unknown action."))
        service, reason_argument = SERVICES[name]
        kwargs[reason_argument] = request.POST.get("reason", "")
        service(order=order, by=request.user, **kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, DONE[name])
    return redirect("inspections:order_detail", pk=order.pk)


@access(*ORDER_ACTIONS["open"].roles, methods=FORM_METHODS)
def order_open(request):
    initial = {}
    if id_param(request.GET.get("station")) is not None:
        initial["station"] = request.GET["station"]
    search = request.GET.get("q", "").strip()
    form = OrderOpenForm(request.POST or None, user=request.user, initial=initial, search=search)
    if request.method == "POST" and form.is_valid():
        try:
            order = rectification_open(
                station=form.cleaned_data["station"],
                by=request.user,
                items=form.item_lines(),
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The rectification order is open."))
            return redirect("inspections:order_detail", pk=order.pk)
    return render(
        request,
        "inspections/orders/open.html",
        {"form": form, "search": search},
        status=400 if request.method == "POST" else 200,
    )


@access(*STAFF_READ)
def order_photo(request, pk, photo_pk):
    order = get_object_or_404(Rectification.objects.visible_to(request.user), pk=pk)
    photo = get_object_or_404(order.photos, pk=photo_pk)
    # The thumbnail to show, or the original as a download.
    return photo_response(request, photo, photo.image, stem=f"order-{order.pk}-photo-{photo.pk}")
