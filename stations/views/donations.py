"""爱心互献 on the staff side (issue 23, item 4): the aid center records donors' offers and
matches them to what stations lack, and records delivery; a union posts its own stations'
needs and follows their matches, never another union's."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from unions.access import access
from unions.actions import available
from unions.models import Union
from unions.pages import key_page
from unions.params import id_param
from unions.roles import UNION_OR_AID

from ..forms.donations import (
    DonationMatchForm,
    DonationOfferForm,
    MatchActionForm,
    StationNeedForm,
)
from ..models import (
    MATCH_ACTIONS,
    DonationMatch,
    DonationOffer,
    StationNeed,
    StationNeedLine,
)
from ..permissions import RECORD_ROLES, may
from ..services.donations import (
    donation_match,
    donation_offer_record,
    match_cancel,
    match_deliver,
    need_post,
)
from .common import FORM_METHODS

PER_PAGE = 30
# The lists' status filters: goods left to match, or all matched.
OPEN, MET = "open", "met"


def _district(request) -> str:
    district = request.GET.get("district", "")
    return district if district in settings.DISTRICTS else ""


def _status(request) -> str:
    status = request.GET.get("status", "")
    return status if status in (OPEN, MET) else ""


@access(*UNION_OR_AID)
def offer_list(request):
    offers = DonationOffer.objects.visible_to(request.user)
    district, status = _district(request), _status(request)
    if district:
        offers = offers.delivering_to(district)
    if status:
        offers = offers.with_goods_left(status == OPEN)
    page = key_page(
        request,
        offers,
        order=("-id",),
        per_page=PER_PAGE,
        rows=DonationOffer.objects.prefetch_related("lines", "areas"),
    )
    return render(
        request,
        "stations/donation_offer_list.html",
        {
            "page": page,
            "districts": settings.DISTRICTS,
            "district": district,
            "status": status,
            "may_record": may(request.user, "donation_offer"),
        },
    )


@access(*RECORD_ROLES["donation_offer"], methods=FORM_METHODS)
def offer_create(request):
    form = DonationOfferForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer = donation_offer_record(
                by=request.user,
                donor_name=data["donor_name"],
                donor_kind=data["donor_kind"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                lines=data["lines"],
                districts=data["districts"],
                citywide=data["citywide"],
                thank_publicly=data["thank_publicly"],
                campaign=data["campaign"],
                note=data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Offer of %(donor)s recorded.") % {"donor": offer.donor_name}
            )
            return redirect("stations:donation_offer_detail", pk=offer.pk)
    return render(
        request,
        "stations/donation_offer_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@access(*UNION_OR_AID)
def offer_detail(request, pk):
    offer = get_object_or_404(
        DonationOffer.objects.visible_to(request.user).select_related("campaign"), pk=pk
    )
    matches = key_page(
        request,
        DonationMatch.objects.visible_to(request.user).filter(offer_line__offer=offer),
        order=("-id",),
        per_page=PER_PAGE,
        rows=DonationMatch.objects.select_related("offer_line", "need_line__need__station"),
    )
    return render(
        request,
        "stations/donation_offer_detail.html",
        {
            "offer": offer,
            "lines": list(offer.lines.all()),
            "areas": [a.district for a in offer.areas.all()],
            "matches": matches,
            "show_contact": may(request.user, "donation_contact"),
        },
    )


def _needs(request):
    needs = StationNeed.objects.visible_to(request.user)
    district, status = _district(request), _status(request)
    matching = may(request.user, "donation_match")
    union = None
    if matching and id_param(request.GET.get("union")) is not None:
        union = Union.objects.filter(pk=id_param(request.GET["union"])).first()
    if district:
        needs = needs.filter(district=district)
    if union is not None:
        needs = needs.filter(union=union)
    if status:
        wanting = Exists(
            StationNeedLine.objects.filter(need=OuterRef("pk"), matched__lt=F("quantity"))
        )
        needs = needs.filter(wanting if status == OPEN else ~wanting)
    return needs, {
        "districts": settings.DISTRICTS,
        "district": district,
        "status": status,
        "union": union,
        # The unions are a fixed list of the city's (a few dozen), not data that grows.
        "unions": list(Union.objects.order_by("kind", "name")) if matching else [],
    }


@access(*UNION_OR_AID)
def need_list(request):
    needs, filters = _needs(request)
    page = key_page(
        request,
        needs,
        order=("-id",),
        per_page=PER_PAGE,
        rows=StationNeed.objects.select_related("station", "union").prefetch_related("lines"),
    )
    return render(
        request,
        "stations/station_need_list.html",
        {
            "page": page,
            **filters,
            "may_post": may(request.user, "station_need"),
            "may_match": may(request.user, "donation_match"),
        },
    )


@access(*RECORD_ROLES["station_need"], methods=FORM_METHODS)
def need_create(request):
    form = StationNeedForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            need = need_post(
                by=request.user,
                station=form.station,
                lines=form.cleaned_data["lines"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Need of %(name)s posted.") % {"name": form.station.name})
            return redirect("stations:station_need_detail", pk=need.pk)
    return render(
        request,
        "stations/station_need_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _need_page(request, need, *, form=None, status=200):
    matching = may(request.user, "donation_match")
    if matching and form is None:
        form = DonationMatchForm(need=need, search=request.GET.get("q", ""))
    matches = key_page(
        request,
        DonationMatch.objects.visible_to(request.user).filter(need_line__need=need),
        order=("-id",),
        per_page=PER_PAGE,
        rows=DonationMatch.objects.select_related("offer_line__offer", "need_line"),
    )
    return render(
        request,
        "stations/station_need_detail.html",
        {
            "need": need,
            "lines": list(need.lines.all()),
            "matches": matches,
            "match_rows": [
                (m, available(MATCH_ACTIONS.values(), m, request.user)) for m in matches
            ],
            "form": form,
            "shortlist": form.shortlist() if form is not None else [],
            "today": timezone.localdate(),
        },
        status=status,
    )


def _need(request, pk) -> StationNeed:
    return get_object_or_404(
        StationNeed.objects.visible_to(request.user).select_related("station", "union"), pk=pk
    )


@access(*UNION_OR_AID)
def need_detail(request, pk):
    return _need_page(request, _need(request, pk))


@access(*RECORD_ROLES["donation_match"], methods=("POST",))
def need_match(request, pk):
    need = _need(request, pk)
    form = DonationMatchForm(request.POST, need=need, search=request.POST.get("q", ""))
    if form.is_valid():
        try:
            donation_match(
                by=request.user,
                offer_line=form.cleaned_data["offer_line"],
                need_line=form.cleaned_data["need_line"],
                quantity=form.cleaned_data["quantity"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Matched. Record the delivery once the goods arrive."))
            return redirect("stations:station_need_detail", pk=need.pk)
    return _need_page(request, need, form=form, status=400)


@access(*RECORD_ROLES["donation_match"], methods=("POST",))
def match_action(request, pk):
    match = get_object_or_404(
        DonationMatch.objects.visible_to(request.user).select_related("need_line"), pk=pk
    )
    name = request.POST.get("action", "")
    form = MatchActionForm(request.POST)
    try:
        if name not in ("deliver", "cancel"):
            raise ValidationError(_("Unknown action."))
        if not form.is_valid():
            # The form's own words: a day that does not exist, a reason too long.
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        if name == "deliver":
            delivered_on = form.cleaned_data["delivered_on"]
            if delivered_on is None:
                raise ValidationError(_("Give the day the goods were delivered."))
            match_deliver(match=match, by=request.user, delivered_on=delivered_on)
        else:
            match_cancel(match=match, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(action)s: done.") % {"action": MATCH_ACTIONS[name].label})
    return redirect("stations:station_need_detail", pk=match.need_line.need_id)


urlpatterns = [
    path("staff/donations/offers/", offer_list, name="donation_offer_list"),
    path("staff/donations/offers/new/", offer_create, name="donation_offer_create"),
    path("staff/donations/offers/<int:pk>/", offer_detail, name="donation_offer_detail"),
    path("staff/donations/needs/", need_list, name="station_need_list"),
    path("staff/donations/needs/new/", need_create, name="station_need_create"),
    path("staff/donations/needs/<int:pk>/", need_detail, name="station_need_detail"),
    path("staff/donations/needs/<int:pk>/match/", need_match, name="station_need_match"),
    path("staff/donations/matches/<int:pk>/action/", match_action, name="donation_match_action"),
]
