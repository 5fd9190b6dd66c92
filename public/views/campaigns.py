"""/campaigns/ and /campaigns/<id>/ (DESIGN's public contract; issue 23): what outdoor
workers can get in each 送清凉 / 送温暖 campaign and at which stations. Public facts only:
the goods, the dates, the operating stations that took part, the donors who agreed to be
thanked (by name only); never who received them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from stations import public_cache
from stations.models import Campaign, DonationOffer, Station
from stations.services.campaigns import reached_filter
from unions.access import access
from unions.pages import key_page


@access(public=True)
def campaign_index(request):
    today = timezone.localdate()
    campaigns = list(Campaign.objects.filter(starts_on__lte=today + _AHEAD)[:100])
    return render(
        request,
        "public/campaign_list.html",
        {
            "running": [c for c in campaigns if c.runs_on(today)],
            "coming": [c for c in campaigns if c.starts_on > today],
            "past": [c for c in campaigns if c.ends_on < today],
        },
    )


@access(public=True)
def campaign_page(request, pk: int):
    # An anonymous visitor gets the page kept for this campaign, district and page
    # (stations/public_cache.py; dropped by a delivery, a donation or a station's change).
    key = public_cache.campaign_page(
        pk, tuple(request.GET.get(name, "") for name in ("district", "after", "before"))
    )
    cached = public_cache.served(request, key)
    if cached is not None:
        return cached
    return public_cache.render_and_keep(request, key, lambda extra: _campaign(request, pk, extra))


def _campaign(request, pk: int, extra: dict):
    campaign = get_object_or_404(Campaign, pk=pk)
    district = request.GET.get("district", "")
    # In the directory's order, read from its index, each station asked whether the
    # campaign's goods reached it and stayed (the deliveries' index by campaign and station).
    stations = Station.objects.public().filter(reached_filter(campaign))
    if district in settings.DISTRICTS:
        stations = stations.filter(district=district)
    page = key_page(
        request,
        stations.only("plaque_number", "name", "address", "district"),
        order=("listing_doubtful", "district", "plaque_number", "id"),
        per_page=settings.DIRECTORY_PAGE_SIZE,
    )
    return render(
        request,
        "public/campaign_detail.html",
        {
            **extra,
            "campaign": campaign,
            "goods": list(campaign.goods.all()),
            "running": campaign.runs_on(timezone.localdate()),
            "page": page,
            "thanked": _thanked(campaign),
            "districts": settings.DISTRICTS,
            "district": district if district in settings.DISTRICTS else "",
        },
    )


# A campaign's thanks name at most this many donors (the page does not grow with them).
THANKED_SHOWN = 200


def _thanked(campaign: Campaign) -> list[str]:
    """The donors to thank by name (爱心互献): those who agreed, for offers given for this
    campaign that reached a station. Their names only: never a contact or a quantity."""
    return list(
        DonationOffer.objects.thanked_on(campaign)
        .order_by("donor_name")
        .values_list("donor_name", flat=True)
        .distinct()[:THANKED_SHOWN]
    )


# Announced campaigns up to a month ahead show as coming.
_AHEAD = dt.timedelta(days=31)

urlpatterns = [
    path("campaigns/", campaign_index, name="campaigns"),
    path("campaigns/<int:pk>/", campaign_page, name="campaign"),
]
