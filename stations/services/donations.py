"""爱心互献 (issue 23, item 4): a donor's offer recorded, a station's need posted, offered
goods matched to a need, the delivery recorded or the match cancelled. Each checks its caller
and writes its history row in its transaction; a match beyond what the offer has left or what
the need still asks is refused with the numbers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from history.models import RecordChange
from history.writer import record_change
from unions.actions import NEW, check
from unions.roles import union_of

from ..models import (
    MATCH_ACTIONS,
    Campaign,
    DonationMatch,
    DonationOffer,
    DonationOfferArea,
    DonationOfferLine,
    MatchStatus,
    Station,
    StationNeed,
    StationNeedLine,
)
from ..permissions import record_check
from .campaigns import MAX_QUANTITY

# (goods, unit, quantity) as a form or a script gives them.
Lines = list[tuple[str, str, int]]


def _clean_lines(lines: Lines) -> Lines:
    cleaned = [(name.strip(), unit.strip(), quantity) for name, unit, quantity in lines]
    if not cleaned:
        raise ValidationError(_("Name at least one kind of goods."))
    for name, unit, quantity in cleaned:
        if not name or not unit:
            raise ValidationError(_("Give both the goods and their unit."))
        if not 1 <= quantity <= MAX_QUANTITY:
            raise ValidationError(
                _("%(goods)s: the quantity must be a whole number of at least 1.") % {"goods": name}
            )
    return cleaned


def _goods_text(lines: Lines) -> str:
    return "、".join(f"{name}{quantity}{unit}" for name, unit, quantity in lines)


@transaction.atomic
def donation_offer_record(
    *, by, donor_name: str, donor_kind: str, contact_name: str, contact_phone: str,
    lines: Lines, districts: list[str], citywide: bool = False, thank_publicly: bool = False,
    campaign: Campaign | None = None, note: str = "",
) -> DonationOffer:  # fmt: skip
    """A donor's offer, recorded by the aid center or by a union on the donor's behalf (the
    offer is then that union's too). The contact goes into no history row: history is read
    by the union, the contact by the aid center alone."""
    record_check(by, "donation_offer")
    lines = _clean_lines(lines)
    districts = list(dict.fromkeys(d for d in districts if d))
    unknown = [d for d in districts if d not in settings.DISTRICTS]
    if unknown:
        raise ValidationError(_("Unknown district: %(names)s.") % {"names": "、".join(unknown)})
    if not citywide and not districts:
        raise ValidationError(_("Say where the donor can deliver: a district, or the whole city."))
    if not donor_name.strip() or not contact_name.strip() or not contact_phone.strip():
        raise ValidationError(_("The donor's name and a contact person and phone are needed."))
    union = union_of(by)
    offer = DonationOffer.objects.create(
        donor_name=donor_name.strip(), donor_kind=donor_kind, union=union, citywide=citywide,
        contact_name=contact_name.strip(), contact_phone=contact_phone.strip(),
        thank_publicly=thank_publicly, campaign=campaign, note=note.strip(), by=by,
    )  # fmt: skip
    DonationOfferLine.objects.bulk_create(
        DonationOfferLine(offer=offer, name=name, unit=unit, quantity=quantity, position=i)
        for i, (name, unit, quantity) in enumerate(lines)
    )
    if not citywide:
        DonationOfferArea.objects.bulk_create(
            DonationOfferArea(offer=offer, district=district) for district in districts
        )
    record_change(
        record=RecordChange.Record.DONATION,
        record_id=offer.pk,
        union_id=union.pk if union else None,
        action=RecordChange.Action.RECORDED,
        by=by,
        changes={
            "donor_name": ["", offer.donor_name],
            "goods": ["", _goods_text(lines)],
            "districts": ["", _("the whole city") if citywide else "、".join(districts)],
            "thank_publicly": ["", _("yes") if thank_publicly else _("no")],
        },
    )
    return offer


@transaction.atomic
def need_post(*, by, station: Station, lines: Lines, note: str = "") -> StationNeed:
    """What one of the union's own operating stations lacks."""
    record_check(by, "station_need", station)
    station = Station.objects.get(pk=station.pk)
    if not station.is_public:
        raise ValidationError(
            _("%(name)s is not operating: only an operating station can post what it lacks.")
            % {"name": station.name}
        )
    lines = _clean_lines(lines)
    need = StationNeed.objects.create(
        station=station, union_id=station.union_id, district=station.district,
        note=note.strip(), by=by,
    )  # fmt: skip
    StationNeedLine.objects.bulk_create(
        StationNeedLine(need=need, name=name, unit=unit, quantity=quantity, position=i)
        for i, (name, unit, quantity) in enumerate(lines)
    )
    record_change(
        record=RecordChange.Record.NEED,
        record_id=need.pk,
        union_id=station.union_id,
        action=RecordChange.Action.RECORDED,
        by=by,
        stations=[station],
        changes={"goods": ["", _goods_text(lines)]},
        reason=need.note,
    )
    return need


def _still_operating(station: Station) -> None:
    """Goods go to an operating station only: one revoked or closed since it posted its need
    gets none (as a campaign's deliveries)."""
    station = Station.objects.get(pk=station.pk)
    if not station.is_public:
        raise ValidationError(
            _("%(name)s is no longer operating: no goods can be matched or delivered to it.")
            % {"name": station.name}
        )


@transaction.atomic
def donation_match(
    *, by, offer_line: DonationOfferLine, need_line: StationNeedLine, quantity: int
) -> DonationMatch:
    """Some of an offer's goods promised to a station's need. Refused beyond what the offer
    has left or the need still asks (with the numbers), in another unit, or to a district
    the donor does not deliver to."""
    need = need_line.need
    check(MATCH_ACTIONS, "match", need, by, status=NEW)
    # Both lines locked, the offer's first (every match takes them in this order): two
    # matches from the same offer at once are counted one after the other.
    offer_line = DonationOfferLine.objects.select_for_update().get(pk=offer_line.pk)
    need_line = StationNeedLine.objects.select_for_update().get(pk=need_line.pk)
    offer = offer_line.offer
    _still_operating(need.station)
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationError(_("The quantity must be a whole number of at least 1."))
    if offer_line.unit != need_line.unit:
        raise ValidationError(
            _("The offer counts %(offered)s in %(offer_unit)s, the need in %(need_unit)s.")
            % {
                "offered": offer_line.name,
                "offer_unit": offer_line.unit,
                "need_unit": need_line.unit,
            }
        )
    if not DonationOffer.objects.filter(pk=offer.pk).delivering_to(need.district).exists():
        raise ValidationError(
            _("%(donor)s does not deliver to %(district)s.")
            % {"donor": offer.donor_name, "district": need.district}
        )
    over = []
    if quantity > offer_line.left:
        over.append(
            _(
                "%(goods)s: the offer has %(left)s %(unit)s left (%(offered)s offered, %(matched)s matched)"
            )
            % {
                "goods": offer_line.name,
                "left": offer_line.left,
                "unit": offer_line.unit,
                "offered": offer_line.quantity,
                "matched": offer_line.matched,
            }  # fmt: skip
        )
    if quantity > need_line.left:
        over.append(
            _(
                "%(goods)s: the station still needs %(left)s %(unit)s (%(needed)s asked, %(matched)s matched)"
            )
            % {
                "goods": need_line.name,
                "left": need_line.left,
                "unit": need_line.unit,
                "needed": need_line.quantity,
                "matched": need_line.matched,
            }  # fmt: skip
        )
    if over:
        raise ValidationError(
            _("%(quantity)s is too many: %(lines)s.")
            % {"quantity": quantity, "lines": "；".join(over)}
        )
    match = DonationMatch.objects.create(
        offer_line=offer_line, need_line=need_line, union_id=need.union_id, quantity=quantity,
        by=by,
    )  # fmt: skip
    DonationOfferLine.objects.filter(pk=offer_line.pk).update(matched=F("matched") + quantity)
    StationNeedLine.objects.filter(pk=need_line.pk).update(matched=F("matched") + quantity)
    record_change(
        record=RecordChange.Record.DONATION_MATCH,
        record_id=match.pk,
        union_id=need.union_id,
        action=RecordChange.Action.MATCHED,
        by=by,
        stations=[need.station],
        changes={
            "donor_name": ["", offer.donor_name],
            "goods": ["", f"{need_line.name}{quantity}{need_line.unit}"],
            "need": ["", str(need.pk)],
        },
    )
    return match


def _locked(match: DonationMatch, name: str, by, reason: str = "") -> tuple[DonationMatch, str]:
    check(MATCH_ACTIONS, name, match, by, reason=reason)
    locked = (
        DonationMatch.objects.select_for_update().select_related("need_line__need").get(pk=match.pk)
    )
    # Checked again under the lock: two clicks at once move it once.
    reason = check(MATCH_ACTIONS, name, locked, by, reason=reason)
    return locked, reason


@transaction.atomic
def match_deliver(*, match: DonationMatch, by, delivered_on: dt.date) -> DonationMatch:
    match, _reason = _locked(match, "deliver", by)
    _still_operating(match.need_line.need.station)
    if delivered_on > timezone.localdate():
        raise ValidationError(_("The delivery date cannot be in the future."))
    if delivered_on < timezone.localtime(match.created_at).date():
        raise ValidationError(_("The goods cannot have been delivered before they were matched."))
    match.status = MATCH_ACTIONS["deliver"].target
    match.delivered_on = delivered_on
    match.save(update_fields=["status", "delivered_on"])
    record_change(
        record=RecordChange.Record.DONATION_MATCH,
        record_id=match.pk,
        union_id=match.union_id,
        action=RecordChange.Action.DELIVERED,
        by=by,
        stations=[match.need_line.need.station],
        changes={
            "status": [MatchStatus.MATCHED, MatchStatus.DELIVERED],
            "delivered_on": ["", str(delivered_on)],
        },
    )
    return match


@transaction.atomic
def match_cancel(*, match: DonationMatch, by, reason: str) -> DonationMatch:
    """A match the donor could not keep: its quantity is free again on both lines."""
    match, reason = _locked(match, "cancel", by, reason)
    DonationOfferLine.objects.filter(pk=match.offer_line_id).update(
        matched=F("matched") - match.quantity
    )
    StationNeedLine.objects.filter(pk=match.need_line_id).update(
        matched=F("matched") - match.quantity
    )
    match.status = MATCH_ACTIONS["cancel"].target
    match.reason = reason
    match.save(update_fields=["status", "reason"])
    record_change(
        record=RecordChange.Record.DONATION_MATCH,
        record_id=match.pk,
        union_id=match.union_id,
        action=RecordChange.Action.VOIDED,
        by=by,
        stations=[match.need_line.need.station],
        changes={"status": [MatchStatus.MATCHED, MatchStatus.CANCELLED]},
        reason=reason,
    )
    return match
