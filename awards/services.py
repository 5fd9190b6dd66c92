"""The annual selection's state changes, each one door: lock, check the caller and the move
against the year's or the title's table (awards/models: YEAR_ACTIONS, TITLE_ACTIONS),
change, history row, one transaction; notices and certificates after commit.

- ``award_selection_save``: the aid center's choice of excellent stations (count held to
  awards.rules.award_bounds of the year's base here, whatever form or script calls it), with
  the heads and superior units it proposes;
- ``award_confirm`` / ``award_citation_set``: confirming proposals, writing citations;
- ``award_year_publish``: the one door to the public, the unions' notices and certificates;
- ``award_citation_set`` (after publication) / ``award_withdraw``: changes after publication,
  recorded as such; a withdrawal takes back the title's certificate and the titles that
  follow from it, and re-checks the year's bounds;
- ``award_certificates_request``: asking again for a published year's certificates;
- ``award_support_set`` / ``award_year_budget_set``: 经费支持, a title's support amount and
  the year's awards budget (五、(三); 三、(六)), read by the funding ledger (awards/funding.py).
Every one of them takes the acting user (``by``) and checks it against the table itself:
the views' ``@access`` is a second door, not the only one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from documents.services import documents_withdraw
from history.models import RecordChange
from history.writer import record_change
from unions.actions import ActionRefused, check
from unions.notices import notify_union

from . import shortlist
from .certificates import CERTIFICATE_KIND, certificate_key
from .models import (
    TITLE_ACTIONS,
    YEAR_ACTIONS,
    Award,
    AwardKind,
    AwardYear,
    AwardYearStatus,
    TitleStatus,
)
from .rules import award_bounds
from .selectors import Candidate, YearStanding, award_base, candidates, year_standing

NOTICE_TOPIC = "award_winners"
YEAR_LABELS = dict(AwardYearStatus.choices)
TITLE_LABELS = dict(TitleStatus.choices)


def _locked_year(year: int) -> AwardYear:
    AwardYear.objects.get_or_create(year=year)
    return AwardYear.objects.select_for_update().get(year=year)


def _check_year(name: str, award_year: AwardYear, by) -> None:
    check(YEAR_ACTIONS, name, award_year, by, labels=YEAR_LABELS)


def _check_title(name: str, award: Award, by, *, reason: str = "") -> str:
    return check(TITLE_ACTIONS, name, award, by, reason=reason, labels=TITLE_LABELS)


def _history(award_year: AwardYear, action: str, by, *, award: Award | None = None, note=""):
    """The year's history row (history.RecordChange, record "award"), announced with the
    stations whose pages show the honours: the title's station, or every titled station
    of the year (a selection saved, a year published)."""
    if award is not None:
        stations = [award.station_id]
    else:
        stations = award_year.awards.values_list("station_id", flat=True).distinct()
    record_change(
        record=RecordChange.Record.AWARD,
        record_id=award_year.pk,
        union_id=None,
        action=action,
        by=by,
        changes={"award": f"{award.get_kind_display()} {award.name}"} if award else {},
        reason=note,
        concerns=[pk for pk in stations if pk is not None],
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
    the same title is kept. The chosen stations are judged by the rules as they stand now
    (not as the shortlist read them); their ranks are the shortlist's when it ranks them
    all, else worked out again. The shortlist's marks become the chosen stations."""
    award_year = _locked_year(year)
    _check_year("select", award_year, by)
    if year >= timezone.localdate().year:
        # The rules speak of the whole year (operating all year, its four quarters).
        raise ValidationError(_("A year's honours are selected once the year has ended."))
    chosen = list(dict.fromkeys(int(pk) for pk in station_ids))
    found = {c.station.pk: c for c in candidates(year, station_ids=chosen) if c.eligible}
    if any(pk not in found for pk in chosen):
        raise ValidationError(_("Only eligible candidates can be selected."))
    base = award_base(year).count()
    bounds = award_bounds(base)
    if not bounds.allows(len(chosen)):
        raise ValidationError(
            _(
                "Select between %(lower)s and %(upper)s stations (5%%–8%% of the %(n)s stations "
                "that operated the whole year with no standing red line); %(count)s selected."
            )
            % {"lower": bounds.lower, "upper": bounds.upper, "n": base, "count": len(chosen)}
        )
    rank_of = shortlist.ranks(award_year, chosen)
    if len(rank_of) < len(chosen):
        rank_of = {c.station.pk: c.rank for c in candidates(year) if c.eligible}
    for pk, candidate in found.items():
        candidate.rank = rank_of.get(pk)
    winners = sorted(found.values(), key=lambda c: (c.rank or 0, c.station.plaque_number))
    _titles_replace(award_year=award_year, winners=winners, base=base, by=by)
    award_year.shortlist.filter(selected=True).exclude(station_id__in=chosen).update(selected=False)
    award_year.shortlist.filter(station_id__in=chosen, selected=False).update(selected=True)
    return award_year


def _titles_replace(*, award_year: AwardYear, winners: list[Candidate], base: int, by) -> None:
    """Write a draft year's titles for ``winners`` (best first), replacing the draft's
    previous ones, and its history row. award_selection_save holds the year's lock and has
    checked the caller and the rules. Written in batches: a city's selection is thousands
    of stations, three titles each."""
    bounds = award_bounds(base)
    kept = {
        (a.kind, a.station_id if a.kind != AwardKind.PARTNER else a.name): a
        for a in award_year.awards.only("kind", "station_id", "name", "citation", "confirmed")
    }
    award_year.awards.all().delete()
    partners_seen: set[str] = set()
    titles_made = []
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
                titles_made.append(
                    Award(
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
                )
    Award.objects.bulk_create(titles_made, batch_size=2000)
    award_year.operating_stations = base
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
        RecordChange.Action.SELECTED,
        by,
        note=", ".join(c.station.plaque_number for c in winners),
    )


def _locked_award(award: Award) -> tuple[Award, AwardYear]:
    award_year = AwardYear.objects.select_for_update().get(pk=award.award_year_id)
    award = Award.objects.select_for_update().get(pk=award.pk)
    award.award_year = award_year
    return award, award_year


@transaction.atomic
def award_confirm(*, award: Award, confirmed: bool, by) -> Award:
    award, award_year = _locked_award(award)
    try:
        _check_title("confirm" if confirmed else "unconfirm", award, by)
    except ActionRefused:
        if award.kind == AwardKind.EXCELLENT_STATION and not award_year.is_published:
            raise ValidationError(
                _("To drop an excellent station, change the selection.")
            ) from None
        raise
    award.confirmed = confirmed
    award.save(update_fields=["confirmed"])
    action = RecordChange.Action.CONFIRMED if confirmed else RecordChange.Action.UNCONFIRMED
    _history(award_year, action, by, award=award)
    return award


@transaction.atomic
def award_citation_set(*, award: Award, citation: str, by, reason: str = "") -> Award:
    """A draft's citation is edited freely; a published one is a recorded correction with
    its reason, and the certificate is drawn again (a new document version)."""
    award, award_year = _locked_award(award)
    published = award_year.is_published
    reason = _check_title("correct" if published else "cite", award, by, reason=reason)
    citation = citation.strip()
    if not citation:
        raise ValidationError(_("Write a citation."))
    if citation == award.citation:
        return award
    if published:
        note = _("Was: %(old)s. Why: %(reason)s") % {"old": award.citation, "reason": reason}
        action = RecordChange.Action.CORRECTED
    else:
        note, action = "", RecordChange.Action.CITATION
    award.citation = citation
    award.save(update_fields=["citation"])
    _history(award_year, action, by, award=award, note=note)
    if published:
        transaction.on_commit(partial(_request_certificates, [award.pk], by.pk), robust=True)
    return award


@dataclass
class Withdrawal:
    """What one withdrawal did: the title, the titles that followed it out, a partner title
    that now rests on another of its unit's stations, and where the year stands after."""

    award: Award
    followed: list[Award] = field(default_factory=list)
    moved: Award | None = None
    standing: YearStanding | None = None


def _standing_titles(award_year: AwardYear, kind: str):
    return award_year.awards.filter(kind=kind, confirmed=True, withdrawn_at__isnull=True)


def _take_back(award: Award, award_year: AwardYear, by, note: str) -> Award:
    """One title out: kept with its time, recorded, its certificate withdrawn (every
    version: none downloads or is listed again)."""
    award.withdrawn_at = timezone.now()
    award.save(update_fields=["withdrawn_at"])
    _history(award_year, RecordChange.Action.WITHDRAWN, by, award=award, note=note)
    documents_withdraw(kind=CERTIFICATE_KIND, record_key=certificate_key(award))
    return award


def _rests_on(partner: Award, excellent: Award) -> bool:
    """Whether a partner title follows from this excellent station's title: the station is
    the one the partner title names, or one of the same superior unit (四、(五): 对其上级单位
    授予“年度优秀公益合作伙伴”称号)."""
    return excellent.station_id == partner.station_id or (
        partner_name(excellent.station) == partner.name
    )


def _partner_follows(award_year: AwardYear, excellent: Award, by, note: str, result) -> None:
    # Locks the title rows only: host_unit is nullable, and PostgreSQL locks no outer join.
    partners = _standing_titles(award_year, AwardKind.PARTNER).select_for_update(of=("self",))
    for partner in partners.select_related("station__host_unit"):
        if not _rests_on(partner, excellent):
            continue
        others = [
            other
            for other in _standing_titles(award_year, AwardKind.EXCELLENT_STATION)
            .exclude(pk=excellent.pk)
            .select_related("station__host_unit")
            .order_by("rank", "pk")
            if _rests_on(partner, other)
        ]
        if not others:
            result.followed.append(_take_back(partner, award_year, by, note))
        elif partner.station_id == excellent.station_id:
            result.moved = _partner_move(partner, others[0], award_year, by, note)


def _partner_move(partner: Award, to: Award, award_year: AwardYear, by, note: str) -> Award:
    """The unit still holds the title through another of its excellent stations: the title
    (and its certificate, drawn again) now names that station."""
    was = partner.plaque_number
    station = to.station
    partner.station = station
    partner.host_unit = station.host_unit
    partner.union_id = to.union_id
    partner.district = to.district
    partner.station_name = to.station_name
    partner.plaque_number = to.plaque_number
    partner.rank = to.rank
    partner.mean_score = to.mean_score
    partner.save(
        update_fields=[
            "station",
            "host_unit",
            "union",
            "district",
            "station_name",
            "plaque_number",
            "rank",
            "mean_score",
        ]
    )
    _history(
        award_year,
        RecordChange.Action.CORRECTED,
        by,
        award=partner,
        note=_("Now rests on %(new)s instead of %(old)s. %(why)s")
        % {"new": to.plaque_number, "old": was, "why": note},
    )
    documents_withdraw(kind=CERTIFICATE_KIND, record_key=certificate_key(partner))
    transaction.on_commit(partial(_request_certificates, [partner.pk], by.pk), robust=True)
    return partner


@transaction.atomic
def award_withdraw(*, award: Award, reason: str, by) -> Withdrawal:
    """Take back a published title: the row stays, the page stops listing it, its
    certificate is withdrawn. An excellent station's title takes its head's title with it,
    and its superior unit's, unless another excellent station of that unit still carries it.
    The year's count is checked against its bounds again; falling below the lower bound is
    recorded here and stated on the honours page."""
    award, award_year = _locked_award(award)
    reason = _check_title("withdraw", award, by, reason=reason)
    result = Withdrawal(award=award)
    if award.kind == AwardKind.EXCELLENT_STATION:
        follows = _("Follows from the withdrawn title of %(station)s: %(reason)s") % {
            "station": award.name,
            "reason": reason,
        }
        heads = _standing_titles(award_year, AwardKind.STAR_HEAD).filter(
            station_id=award.station_id
        )
        _take_back(award, award_year, by, reason)
        for head in heads.select_for_update():
            result.followed.append(_take_back(head, award_year, by, follows))
        _partner_follows(award_year, award, by, follows, result)
    else:
        _take_back(award, award_year, by, reason)
    result.standing = year_standing(award_year)
    if award.kind == AwardKind.EXCELLENT_STATION and result.standing.below:
        _history(
            award_year,
            RecordChange.Action.WITHDRAWN,
            by,
            note=_(
                "The year now has %(count)s excellent stations, below its lower bound of %(lower)s."
            )
            % {"count": result.standing.excellent, "lower": result.standing.lower},
        )
    return result


@transaction.atomic
def award_year_publish(*, year: int, by, certificates: bool = True) -> AwardYear:
    """The one door to the public: the honours page, the station pages' titles, each union's
    notice of its own winners and the certificates all follow from here. ``certificates``
    is False only for the demo data, which must load in seconds (the aid center can ask for
    them later from the certificates page)."""
    award_year = _locked_year(year)
    _check_year("publish", award_year, by)
    excellent = award_year.awards.filter(kind=AwardKind.EXCELLENT_STATION).count()
    bounds = award_bounds(award_year.operating_stations)
    if not excellent or not bounds.allows(excellent):
        raise ValidationError(_("Save a selection within the bounds before publishing."))
    award_year.status = AwardYearStatus.PUBLISHED
    award_year.published_by = by
    award_year.published_at = timezone.now()
    award_year.save(update_fields=["status", "published_by", "published_at"])
    _history(award_year, RecordChange.Action.PUBLISHED, by)
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
    """Queue one certificate per standing title (documents.services: one row and one render
    per version, so a repeat asks for nothing new)."""
    from django.contrib.auth import get_user_model

    from documents.services import document_request

    by = get_user_model().objects.filter(pk=by_id).first()
    for award in Award.objects.public().filter(pk__in=award_ids).select_related("award_year"):
        document_request(kind=CERTIFICATE_KIND, record=award, by=by)


def award_certificates_request(*, year: int, by) -> int:
    """Ask again for every certificate of a published year (after a failure, or for the demo
    year, published without them); versions already made are found, not redrawn."""
    award_year = AwardYear.objects.filter(year=year).first() or AwardYear(year=year)
    _check_year("certificates", award_year, by)
    ids = list(Award.objects.public().filter(award_year=award_year).values_list("pk", flat=True))
    _request_certificates(ids, by.pk)
    return len(ids)


# Yuan with fen: the ledger's and the workbook's precision (Award.support_amount), up to
# what its twelve digits hold.
FEN = Decimal("0.01")
MOST_YUAN = Decimal("9999999999.99")


def _yuan(amount) -> Decimal:
    """An amount in yuan, refused when it is negative or not a number."""
    try:
        value = Decimal(str(amount)).quantize(FEN)
    except ArithmeticError:
        raise ValidationError(_("Enter an amount in yuan.")) from None
    if value < 0 or value > MOST_YUAN:
        raise ValidationError(_("Enter an amount in yuan, zero or more."))
    return value


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


@transaction.atomic
def award_support_set(*, award: Award, amount, by) -> Award:
    """Put a support amount (经费支持, 五、(三); 附件2 第6条) on a standing title. Zero takes it
    off. The change is a history row of the year with the old and the new amount."""
    award, award_year = _locked_award(award)
    _check_title("fund", award, by)
    value = _yuan(amount)
    if value == award.support_amount:
        return award
    old = award.support_amount
    award.support_amount = value
    award.save(update_fields=["support_amount"])
    with translation.override(settings.LANGUAGE_CODE):
        note = _("Support amount: %(old)s → %(new)s yuan") % {
            "old": _money(old),
            "new": _money(value),
        }
        record_change(
            record=RecordChange.Record.AWARD,
            record_id=award_year.pk,
            union_id=None,
            action=RecordChange.Action.EDITED,
            by=by,
            changes={
                "award": f"{award.get_kind_display()} {award.name}",
                "support_amount": [str(old), str(value)],
            },
            reason=note,
            concerns=[award.station_id],
        )
    return award


@transaction.atomic
def award_year_budget_set(*, year: int, budget, by) -> AwardYear:
    """The year's awards budget (市总工会安排经费预算, 三、(六)), which the funding ledger sets
    the titles' support amounts against."""
    award_year = _locked_year(year)
    _check_year("budget", award_year, by)
    value = _yuan(budget)
    if value == award_year.budget:
        return award_year
    old = award_year.budget
    award_year.budget = value
    award_year.save(update_fields=["budget"])
    with translation.override(settings.LANGUAGE_CODE):
        # No station shows the budget: nothing to announce beyond the year's own row.
        record_change(
            record=RecordChange.Record.AWARD,
            record_id=award_year.pk,
            union_id=None,
            action=RecordChange.Action.EDITED,
            by=by,
            changes={"budget": [str(old), str(value)]},
            reason=_("Awards budget: %(old)s → %(new)s yuan")
            % {"old": _money(old), "new": _money(value)},
        )
    return award_year
