"""The annual selection's state changes, each one door: lock, check, change, history row,
one transaction; notices and certificates after commit.

- ``award_selection_save``: the aid center's choice of excellent stations (count held to
  awards.rules.award_bounds here, whatever form or script calls it), with the heads and
  superior units it proposes;
- ``award_confirm`` / ``award_citation_set``: confirming proposals, writing citations;
- ``award_year_publish``: the one door to the public, the unions' notices and certificates;
- ``award_correct`` / ``award_withdraw``: changes after publication, recorded as such.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from unions.notices import notify_union

from .certificates import CERTIFICATE_KIND
from .models import Award, AwardChange, AwardKind, AwardYear, AwardYearStatus
from .rules import award_bounds
from .selectors import Candidate, candidates, operating_stations

NOTICE_TOPIC = "award_winners"


def _locked_year(year: int) -> AwardYear:
    AwardYear.objects.get_or_create(year=year)
    return AwardYear.objects.select_for_update().get(year=year)


def _require_draft(award_year: AwardYear) -> None:
    if award_year.is_published:
        raise ValidationError(
            _("The %(year)s honours are published: record a correction instead.")
            % {"year": award_year.year}
        )


def _history(award_year: AwardYear, action: str, by, *, award: Award | None = None, note=""):
    AwardChange.objects.create(
        award_year=award_year,
        award_name=f"{award.get_kind_display()} {award.name}" if award else "",
        action=action,
        by=by,
        note=note,
    )


def partner_name(station) -> str:
    """上级单位 (四、(五)): the host unit's superior unit when the registry names one, else
    the host unit itself (a single shop is its own superior unit)."""
    host = station.host_unit
    if host is None:
        return ""
    return host.parent_unit.strip() or host.name


def _citation(kind: str, candidate: Candidate, year: int) -> str:
    """A first draft of the citation, in the source document's words for the title (四、(五):
    管理严格、服务优质、运作良好、职工满意度高); the aid center edits it before publishing."""
    values = {"year": year, "score": candidate.mean, "station": candidate.station.name}
    if kind == AwardKind.EXCELLENT_STATION:
        if candidate.mean is None:
            return (
                _(
                    "In %(year)s: strictly managed, high-quality service, well run and well "
                    "liked by outdoor workers."
                )
                % values
            )
        return (
            _(
                "In %(year)s its quarterly assessments averaged %(score)s points: strictly "
                "managed, high-quality service, well run and well liked by outdoor workers."
            )
            % values
        )
    if kind == AwardKind.STAR_HEAD:
        return (
            _(
                "Head of %(station)s, an excellent station of %(year)s: warm, attentive service "
                "for every outdoor worker who came in."
            )
            % values
        )
    return (
        _(
            "Superior unit of %(station)s, an excellent station of %(year)s: it gave the "
            "station the room, resources and support that made its service possible."
        )
        % values
    )


@transaction.atomic
def award_selection_save(*, year: int, station_ids: list[int], by) -> AwardYear:
    """Name the year's excellent stations and propose their heads and superior units.

    Saving again replaces the draft's awards; a citation or a confirmation already given to
    the same title is kept."""
    if year >= timezone.localdate().year:
        # The rules speak of the whole year (operating all year, its four quarters).
        raise ValidationError(_("A year's honours are selected once the year has ended."))
    award_year = _locked_year(year)
    _require_draft(award_year)
    chosen = list(dict.fromkeys(int(pk) for pk in station_ids))
    ranked = {c.station.pk: c for c in candidates(year) if c.eligible}
    ineligible = [pk for pk in chosen if pk not in ranked]
    if ineligible:
        raise ValidationError(_("Only eligible candidates can be selected."))
    operating = operating_stations(year).count()
    bounds = award_bounds(operating)
    if not bounds.allows(len(chosen)):
        raise ValidationError(
            _(
                "Select between %(lower)s and %(upper)s stations (5%%–8%% of %(n)s operating "
                "stations); %(count)s selected."
            )
            % {"lower": bounds.lower, "upper": bounds.upper, "n": operating, "count": len(chosen)}
        )
    winners = sorted((ranked[pk] for pk in chosen), key=lambda c: c.rank)
    titles_replace(award_year=award_year, winners=winners, operating=operating, by=by)
    return award_year


def titles_replace(*, award_year: AwardYear, winners: list[Candidate], operating: int, by) -> None:
    """Write a draft year's titles for ``winners`` (best first), replacing the draft's
    previous ones, and its history row. The caller holds the year's lock and has checked
    the rules; award_selection_save is the door for people."""
    bounds = award_bounds(operating)
    kept = {
        (a.kind, a.station_id if a.kind != AwardKind.PARTNER else a.name): a
        for a in award_year.awards.all()
    }
    award_year.awards.all().delete()
    partners_seen: set[str] = set()
    with translation.override(settings.LANGUAGE_CODE):
        for candidate in winners:
            station = candidate.station
            titles = [
                (AwardKind.EXCELLENT_STATION, station.name, None),
                (AwardKind.STAR_HEAD, station.head_name, None),
            ]
            partner = partner_name(station)
            if partner and partner not in partners_seen:
                partners_seen.add(partner)
                titles.append((AwardKind.PARTNER, partner, station.host_unit))
            for kind, name, host_unit in titles:
                before = kept.get((kind, station.pk if kind != AwardKind.PARTNER else name))
                Award.objects.create(
                    award_year=award_year,
                    kind=kind,
                    station=station,
                    host_unit=host_unit,
                    union_id=station.union_id,
                    district=station.district,
                    name=name,
                    station_name=station.name,
                    plaque_number=station.plaque_number,
                    mean_score=candidate.mean,
                    rank=candidate.rank,
                    citation=before.citation
                    if before
                    else _citation(kind, candidate, award_year.year),
                    # Selecting the station is confirming its title; heads and partners
                    # are proposals the aid center confirms one by one.
                    confirmed=kind == AwardKind.EXCELLENT_STATION
                    or bool(before and before.confirmed),
                )
    award_year.operating_stations = operating
    award_year.lower_bound = bounds.lower
    award_year.upper_bound = bounds.upper
    award_year.selected_by = by
    award_year.selected_at = timezone.now()
    award_year.save(
        update_fields=[
            "operating_stations",
            "lower_bound",
            "upper_bound",
            "selected_by",
            "selected_at",
        ]
    )
    _history(
        award_year,
        AwardChange.Action.SELECTED,
        by,
        note=", ".join(c.station.plaque_number for c in winners),
    )


def _locked_award(award: Award) -> tuple[Award, AwardYear]:
    award_year = AwardYear.objects.select_for_update().get(pk=award.award_year_id)
    return Award.objects.select_for_update().get(pk=award.pk), award_year


@transaction.atomic
def award_confirm(*, award: Award, confirmed: bool, by) -> Award:
    award, award_year = _locked_award(award)
    _require_draft(award_year)
    if award.kind == AwardKind.EXCELLENT_STATION and not confirmed:
        raise ValidationError(_("To drop an excellent station, change the selection."))
    if award.confirmed == confirmed:
        return award
    award.confirmed = confirmed
    award.save(update_fields=["confirmed"])
    action = AwardChange.Action.CONFIRMED if confirmed else AwardChange.Action.UNCONFIRMED
    _history(award_year, action, by, award=award)
    return award


@transaction.atomic
def award_citation_set(*, award: Award, citation: str, by, reason: str = "") -> Award:
    """A draft's citation is edited freely; a published one is a recorded correction with
    its reason, and the certificate is drawn again (a new document version)."""
    award, award_year = _locked_award(award)
    citation = citation.strip()
    if not citation:
        raise ValidationError(_("Write a citation."))
    if citation == award.citation:
        return award
    if award_year.is_published:
        if not reason.strip():
            raise ValidationError(_("Say why a published citation is corrected."))
        note = _("Was: %(old)s. Why: %(reason)s") % {"old": award.citation, "reason": reason}
        action = AwardChange.Action.CORRECTED
    else:
        note, action = "", AwardChange.Action.CITATION
    award.citation = citation
    award.save(update_fields=["citation"])
    _history(award_year, action, by, award=award, note=note)
    if award_year.is_published and award.confirmed and award.withdrawn_at is None:
        transaction.on_commit(partial(_request_certificates, [award.pk], by.pk), robust=True)
    return award


@transaction.atomic
def award_withdraw(*, award: Award, reason: str, by) -> Award:
    """Take back a published title: the row stays, the page stops listing it."""
    award, award_year = _locked_award(award)
    if not award_year.is_published:
        raise ValidationError(_("Before publication, change the selection instead."))
    if not reason.strip():
        raise ValidationError(_("Say why the title is withdrawn."))
    if award.withdrawn_at is not None:
        return award
    award.withdrawn_at = timezone.now()
    award.save(update_fields=["withdrawn_at"])
    _history(award_year, AwardChange.Action.WITHDRAWN, by, award=award, note=reason.strip())
    return award


@transaction.atomic
def award_year_publish(*, year: int, by, certificates: bool = True) -> AwardYear:
    """The one door to the public: the honours page, the station pages' titles, each union's
    notice of its own winners and the certificates all follow from here. ``certificates``
    is False only for the demo data, which must load in seconds (the aid center can ask for
    them later from the certificates page)."""
    award_year = _locked_year(year)
    _require_draft(award_year)
    excellent = award_year.awards.filter(kind=AwardKind.EXCELLENT_STATION).count()
    bounds = award_bounds(award_year.operating_stations)
    if not excellent or not bounds.allows(excellent):
        raise ValidationError(_("Save a selection within the bounds before publishing."))
    award_year.status = AwardYearStatus.PUBLISHED
    award_year.published_by = by
    award_year.published_at = timezone.now()
    award_year.save(update_fields=["status", "published_by", "published_at"])
    _history(award_year, AwardChange.Action.PUBLISHED, by)
    confirmed = list(award_year.awards.filter(confirmed=True).select_related("union"))
    by_union: dict = {}
    for award in confirmed:
        by_union.setdefault(award.union, []).append(award)
    with translation.override(settings.LANGUAGE_CODE):
        for union, awards in by_union.items():
            lines = [f"{a.get_kind_display()}：{a.name}（{a.plaque_number}）" for a in awards]
            notify_union(
                union,
                topic=NOTICE_TOPIC,
                subject=ngettext(
                    "%(year)s annual honours: %(count)d title for your union",
                    "%(year)s annual honours: %(count)d titles for your union",
                    len(awards),
                )
                % {"year": year, "count": len(awards)},
                body="\n".join(lines),
                link=reverse("awards:certificates"),
            )
    if certificates:
        ids = [a.pk for a in confirmed]
        transaction.on_commit(partial(_request_certificates, ids, by.pk), robust=True)
    return award_year


def _request_certificates(award_ids: list[int], by_id: int) -> None:
    """Queue one certificate per title (documents.services: one row and one render per
    version, so a repeat asks for nothing new)."""
    from django.contrib.auth import get_user_model

    from documents.services import document_request

    by = get_user_model().objects.filter(pk=by_id).first()
    for award in Award.objects.filter(pk__in=award_ids).select_related("award_year"):
        document_request(kind=CERTIFICATE_KIND, record=award, by=by)


def award_certificates_request(*, year: int, by) -> int:
    """Ask again for every certificate of a published year (after a failure, or for the demo
    year, published without them); versions already made are found, not redrawn."""
    award_year = AwardYear.objects.published().filter(year=year).first()
    if award_year is None:
        raise ValidationError(_("Certificates are made only for a published year."))
    ids = list(Award.objects.public().filter(award_year=award_year).values_list("pk", flat=True))
    _request_certificates(ids, by.pk)
    return len(ids)
