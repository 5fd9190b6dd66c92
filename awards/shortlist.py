"""The year's shortlist (awards.models.shortlist): worked out by a job, read a page at a
time, marked across pages.

- ``shortlist_build(year)``: the rules of the selection (selectors.candidates) applied once
  and written as rows, with progress on the year (the page waiting for it shows it). The
  marks already made stay on the stations that are still eligible.
- ``shortlist_mark(year, shown, marked, by)``: the marks of one page of the list (the rows
  it showed, the ones ticked), leaving every other page's marks as they were.
- ``shortlist_take_top(year, n, by)``: the first ``n`` by rank marked, every other unmarked,
  in one statement (the aid center's "the best N").
- ``marked_ids(year)``: what saving the titles names.
Marks are a working list: they are not titles, carry no bounds (a page of 100 is never
within 5%–8% of 200,000) and need no history; saving the titles does both
(services.award_selection_save).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unions.actions import check

from .models import YEAR_ACTIONS, AwardKind, AwardYear, AwardYearStatus, Shortlisted
from .models import ShortlistState as S
from .selectors import award_base, candidates

# Rows written per statement, and how often the progress is told.
BATCH = 2000
YEAR_LABELS = dict(AwardYearStatus.choices)
# Longer than the job's hard time limit (awards.tasks): a shortlist still "being worked
# out" after it was lost with its worker.
STALE_AFTER = dt.timedelta(minutes=35)


def _year(year: int) -> AwardYear:
    return AwardYear.objects.get_or_create(year=year)[0]


def shortlist_request(*, year: int, by) -> AwardYear:
    """Ask for the shortlist to be worked out (again); the job runs after commit."""
    with transaction.atomic():
        AwardYear.objects.get_or_create(year=year)
        award_year = AwardYear.objects.select_for_update().get(year=year)
        check(YEAR_ACTIONS, "shortlist", award_year, by, labels=YEAR_LABELS)
        if building(award_year):
            raise ValidationError(_("The shortlist is being worked out already."))
        award_year.shortlist_state = S.BUILDING
        award_year.shortlist_done = award_year.shortlist_total = 0
        award_year.shortlist_asked_at = timezone.now()
        award_year.save(
            update_fields=[
                "shortlist_state",
                "shortlist_done",
                "shortlist_total",
                "shortlist_asked_at",
            ]
        )
        transaction.on_commit(lambda: shortlist_build_task.delay(year))
    return award_year


def building(award_year: AwardYear) -> bool:
    """A job is at work on the shortlist: asked for less than the job's own time limit ago
    (a job lost with its worker does not block asking again)."""
    return (
        award_year.shortlist_state == S.BUILDING
        and award_year.shortlist_asked_at is not None
        and timezone.now() - award_year.shortlist_asked_at < STALE_AFTER
    )


def _quarters(candidate) -> list:
    return [
        None if q is None else [_text(q.score), _text(q.satisfaction)] for q in candidate.quarters
    ]


def _text(value) -> str | None:
    return None if value is None else str(value)


def shortlist_build(year: int) -> AwardYear:
    """Apply the rules once and write them down (module docstring)."""
    award_year = _year(year)
    AwardYear.objects.filter(pk=award_year.pk).update(
        shortlist_state=S.BUILDING, shortlist_done=0, shortlist_total=0
    )
    try:
        ranked = candidates(year)
        base = award_base(year).count()
        kept = set(award_year.shortlist.filter(selected=True).values_list("station_id", flat=True))
        if not kept:
            # A selection saved before the shortlist existed: its stations are the marks.
            kept = set(
                award_year.awards.filter(kind=AwardKind.EXCELLENT_STATION).values_list(
                    "station_id", flat=True
                )
            )

        def row(c) -> Shortlisted:
            return Shortlisted(
                award_year=award_year,
                station_id=c.station.pk,
                union_id=c.station.union_id,
                district=c.station.district,
                rank=c.rank,
                mean=c.mean,
                quarters=_quarters(c),
                orders=c.orders,
                exclusions=",".join(c.codes),
                selected=c.eligible and c.station.pk in kept,
            )

        total = len(ranked)
        # One transaction: the page keeps showing the last shortlist until this one is whole.
        with transaction.atomic():
            award_year.shortlist.all().delete()
            for start in range(0, total, BATCH):
                # Made a batch at a time: 200,000 model objects at once would double the
                # job's memory.
                Shortlisted.objects.bulk_create([row(c) for c in ranked[start : start + BATCH]])
            eligible = sum(1 for c in ranked if c.eligible)
            reasons = Counter(code for c in ranked for code in c.codes)
            AwardYear.objects.filter(pk=award_year.pk).update(
                shortlist_state=S.READY,
                shortlist_at=timezone.now(),
                shortlist_done=total,
                shortlist_total=total,
                shortlist_base=base,
                shortlist_eligible=eligible,
                shortlist_left_out=total - eligible,
                shortlist_reasons=dict(reasons),
            )
    except Exception:
        AwardYear.objects.filter(pk=award_year.pk).update(shortlist_state=S.FAILED)
        raise
    award_year.refresh_from_db()
    return award_year


@shared_task(name="awards.shortlist_build", soft_time_limit=1800, time_limit=1900)
def shortlist_build_task(year: int) -> int:
    """The job (registered for the worker through awards/tasks.py)."""
    return shortlist_build(year).shortlist_total


def _locked(year: int, by) -> AwardYear:
    AwardYear.objects.get_or_create(year=year)
    award_year = AwardYear.objects.select_for_update().get(year=year)
    check(YEAR_ACTIONS, "select", award_year, by, labels=YEAR_LABELS)
    if building(award_year):
        raise ValidationError(
            _("The shortlist is being worked out again: mark stations once it is ready.")
        )
    if award_year.shortlist_state != S.READY:
        raise ValidationError(_("Work out the shortlist first."))
    return award_year


def _ids(values) -> set[int]:
    try:
        return {int(v) for v in values}
    except (TypeError, ValueError):
        raise ValidationError(_("Only eligible candidates can be selected.")) from None


@transaction.atomic
def shortlist_mark(*, year: int, shown, marked, by) -> int:
    """Mark the ticked rows of one page and unmark the rest of that page; return how many
    stations are marked in all."""
    award_year = _locked(year, by)
    shown, marked = _ids(shown), _ids(marked)
    if not marked <= shown:
        shown |= marked
    rows = award_year.shortlist.filter(station_id__in=shown, rank__isnull=False)
    if rows.filter(station_id__in=marked).count() != len(marked):
        raise ValidationError(_("Only eligible candidates can be selected."))
    rows.filter(station_id__in=marked).update(selected=True)
    rows.exclude(station_id__in=marked).update(selected=False)
    return marked_count(award_year)


@transaction.atomic
def shortlist_take_top(*, year: int, n: int, by) -> int:
    """Mark the first ``n`` eligible stations by rank, and no other."""
    award_year = _locked(year, by)
    if n < 0 or n > award_year.shortlist_eligible:
        raise ValidationError(
            _("Choose a number from 0 to %(n)s, the eligible candidates.")
            % {"n": award_year.shortlist_eligible}
        )
    rows = award_year.shortlist.filter(rank__isnull=False)
    rows.filter(rank__lte=n, selected=False).update(selected=True)
    rows.filter(rank__gt=n, selected=True).update(selected=False)
    return marked_count(award_year)


def marked_count(award_year: AwardYear) -> int:
    return award_year.shortlist.filter(selected=True).count()


def marked_ids(award_year: AwardYear) -> list[int]:
    return list(
        award_year.shortlist.filter(selected=True)
        .order_by("rank")
        .values_list("station_id", flat=True)
    )


def ranks(award_year: AwardYear, station_ids) -> dict[int, int]:
    """The shortlist's rank of each of ``station_ids`` that it ranks."""
    return dict(
        award_year.shortlist.filter(station_id__in=station_ids, rank__isnull=False).values_list(
            "station_id", "rank"
        )
    )
