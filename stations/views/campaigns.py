"""送清凉 / 送温暖 campaigns on the staff side (issue 23): the aid center opens one and
allocates its goods to the unions and follows progress; a union records what its stations
received."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from unions.access import access
from unions.models import Union
from unions.pages import key_page
from unions.roles import UNION_OR_AID

from ..campaign_progress import campaign_progress
from ..forms.campaigns import CampaignForm, DeliveryForm
from ..models import Campaign, CampaignDelivery
from ..permissions import RECORD_ROLES, may
from ..services.campaigns import campaign_allocate, campaign_open, delivery_record
from .campaign_reports import report_rows
from .common import FORM_METHODS

# A delivery's own columns, all read (only() would otherwise defer them).
DELIVERY_FIELDS = tuple(f.name for f in CampaignDelivery._meta.concrete_fields)


@access(*UNION_OR_AID)
def campaign_list(request):
    page = key_page(request, Campaign.objects.all(), order=("-starts_on", "-id"), per_page=20)
    return render(
        request,
        "stations/campaign_list.html",
        {"page": page, "may_open": may(request.user, "campaign")},
    )


@access(*RECORD_ROLES["campaign"], methods=FORM_METHODS)
def campaign_create(request):
    form = CampaignForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = campaign_open(
                by=request.user,
                kind=data["kind"],
                title=data["title"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                offer=data["offer"],
                budget=data["budget"],
                goods=data["goods"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Campaign opened. Allocate its goods to the unions."))
            return redirect("stations:campaign_detail", pk=campaign.pk)
    return render(
        request, "stations/campaign_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _detail(request, campaign, *, status=200, delivery_form=None):
    progress = campaign_progress(campaign, request.user)
    deliveries = key_page(
        request,
        CampaignDelivery.objects.visible_to(request.user)
        .filter(campaign=campaign)
        .select_related("station")
        # Of the station, what a row shows (campaign_tags.campaign_delivery_rows).
        .only(*DELIVERY_FIELDS, "station__name", "station__plaque_number"),
        order=("-id",),
        per_page=50,
    )
    allocating = may(request.user, "campaign")
    unions = list(Union.objects.order_by("kind", "name")) if allocating else []
    allocated = {(u.union.pk, g): q for u in progress.unions for g, q in u.allocated.items()}
    return render(
        request,
        "stations/campaign_detail.html",
        {
            "campaign": campaign,
            "progress": progress,
            "deliveries": deliveries,
            "may_allocate": allocating,
            "may_deliver": may(request.user, "campaign_delivery"),
            "allocation_rows": [
                (union, [(g, allocated.get((union.pk, g.pk), 0)) for g in progress.goods])
                for union in unions
            ],
            "delivery_form": delivery_form,
            "report_rows": report_rows(campaign, request.user, progress),
        },
        status=status,
    )


@access(*UNION_OR_AID)
def campaign_detail(request, pk):
    return _detail(request, get_object_or_404(Campaign, pk=pk))


@access(*RECORD_ROLES["campaign"], methods=("POST",))
def campaign_allocation(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    quantities = {}
    for key, value in request.POST.items():
        if not key.startswith("alloc_"):
            continue
        try:
            _prefix, union_id, good_id = key.split("_")
            quantities[(int(union_id), int(good_id))] = int(value or 0)
        except ValueError:
            messages.error(request, _("Quantities are whole numbers of at least 0."))
            return _detail(request, campaign, status=400)
    try:
        changed = campaign_allocate(campaign=campaign, by=request.user, quantities=quantities)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _detail(request, campaign, status=400)
    messages.success(request, _("Allocation saved (%(n)s changed).") % {"n": changed})
    return redirect("stations:campaign_detail", pk=campaign.pk)


@access(*RECORD_ROLES["campaign_delivery"], methods=FORM_METHODS)
def delivery_create(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    posted = request.method == "POST"
    form = DeliveryForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        campaign=campaign,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            delivery_record(
                campaign=campaign,
                station=form.station,
                by=request.user,
                delivered_on=form.cleaned_data["delivered_on"],
                received_by=form.cleaned_data["received_by"],
                quantities=form.quantities(),
                photo=form.cleaned_data.get("photo"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Delivery to %(name)s recorded.") % {"name": form.station.name}
            )
            return redirect("stations:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "stations/campaign_delivery_form.html",
        {"campaign": campaign, "form": form},
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path("staff/campaigns/", campaign_list, name="campaign_list"),
    path("staff/campaigns/new/", campaign_create, name="campaign_create"),
    path("staff/campaigns/<int:pk>/", campaign_detail, name="campaign_detail"),
    path("staff/campaigns/<int:pk>/allocation/", campaign_allocation, name="campaign_allocation"),
    path("staff/campaigns/<int:pk>/delivery/", delivery_create, name="delivery_create"),
]
