"""Pages of a staff list read by key, not by offset (issue 26; STYLE.md, habit 12).

An offset page (``?page=2000``) makes the database read and throw away every row before
it: the check list's page 2,000 skipped 60,000 checks, and each page deeper cost more. A
page read by key starts where the last one ended: ``?after=`` carries the sort values of the
last row shown (``?before=`` those of the first, for "previous"), and the next page is the
rows after them in the list's order, read from the list's index however deep it is.

``key_page(request, queryset, order=(...), per_page=...)`` returns a ``KeyPage``, which the
templates' ``partials/key_pagination.html`` draws as First / Previous / Next with the
rows' positions. ``order`` ends with the primary key (each row's key is unique); a field may
be descending (``"-visited_at"``) and may hold NULL, which sorts after every value
(``nulls_last`` ascending, ``nulls_first`` descending, the same on PostgreSQL and SQLite).
The key is a token of JSON in URL-safe base64; a token that does not read is the first page.

A list whose contract numbers its pages (``?page=50`` of the public rankings and their
JSON) keeps them: ``marks`` reads, once, the list's count and the key of every N-th row, kept
beside the list's other cached numbers, and ``MarkedPaginator`` (Django's paginator for all
else) reads page 50 as the rows after the mark that ends page 49, off the same index.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber


@dataclass
class KeyPage:
    object_list: list
    per_page: int
    start: int  # the position of the first row, from 1 (shown only: rows may move)
    has_next: bool
    has_previous: bool
    next_key: str = ""
    previous_key: str = ""
    count: int | None = None
    extra: dict = field(default_factory=dict)

    def __iter__(self) -> Iterator:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def paginator(self) -> KeyPage:
        # Templates written for Django's Page read the total as page.paginator.count.
        return self

    @property
    def number(self) -> int:
        return (self.start - 1) // self.per_page + 1

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def start_index(self) -> int:
        return self.start if self.object_list else 0

    def end_index(self) -> int:
        return self.start + len(self.object_list) - 1 if self.object_list else 0


class _KeyEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's own encoder keeps milliseconds, and two rows a
    few microseconds apart would fall between two pages."""

    def default(self, o):
        if isinstance(o, dt.datetime):
            return o.isoformat()
        return super().default(o)


# What a key from a request may hold: the database's 64-bit integers, and a row number no
# list reaches. Anything else in a hand-made key is a key of no page (the first page).
MIN_INT, MAX_INT = -(2**63), 2**63 - 1
MAX_START = 10**12


def encode(values: Sequence, start: int) -> str:
    text = json.dumps({"k": list(values), "n": start}, cls=_KeyEncoder, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(token: str | None) -> tuple[list, int] | None:
    if not token:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        values, start = data["k"], int(data["n"])
    except (ValueError, TypeError, KeyError, OverflowError, binascii.Error):
        # OverflowError: a hand-made ``"n": 1e999`` (infinity) cannot be an int.
        return None
    if not isinstance(values, list) or start > MAX_START:
        return None
    return values, max(1, start)


def _output_field(queryset: QuerySet, name: str):
    annotation = queryset.query.annotations.get(name)
    if annotation is not None:
        return annotation.output_field
    model, *path = queryset.model, *name.split("__")
    for part in path[:-1]:  # a field across a relation: inspector__username
        model = model._meta.get_field(part).related_model
    return model._meta.get_field(path[-1])


def _typed(queryset: QuerySet, names: list[str], values: list) -> list | None:
    if len(values) != len(names):
        return None
    typed = []
    for name, value in zip(names, values, strict=True):
        if value is None:
            typed.append(None)
            continue
        try:
            value = _output_field(queryset, name).to_python(value)
        except (ValidationError, TypeError, ValueError):
            return None
        if isinstance(value, int) and not MIN_INT <= value <= MAX_INT:
            return None  # no column holds it; SQLite refuses to bind it (OverflowError)
        typed.append(value)
    return typed


def _ordering(order: Sequence[str], reverse: bool) -> list:
    """NULL after every value, whichever way: ascending NULLS LAST, descending NULLS FIRST
    (reversed for reading backwards)."""
    result = []
    for item in order:
        descending = item.startswith("-") != reverse
        expression = F(item.lstrip("-"))
        result.append(
            expression.desc(nulls_first=True) if descending else expression.asc(nulls_last=True)
        )
    return result


def _after(name: str, descending: bool, value, nullable: bool) -> tuple[Q, Q]:
    """(strictly after ``value``, equal to it) for one field, NULL sorting last. A field that
    cannot be NULL gets no ``OR … IS NULL``: the database would then filter the rows of the
    first field's value from its start, instead of reading the index from the key."""
    if value is None:
        # NULL sorts last ascending: nothing is greater; descending: every value is.
        greater = Q(**{f"{name}__isnull": False}) if descending else Q(pk__in=[])
        return greater, Q(**{f"{name}__isnull": True})
    greater = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
    if nullable and not descending:
        greater |= Q(**{f"{name}__isnull": True})
    return greater, Q(**{name: value})


def _segments(queryset: QuerySet, order: Sequence[str], values: list, reverse: bool) -> list[Q]:
    """The rows strictly after ``values`` in ``order`` (before them when ``reverse``), as
    filters to read one after the other, each an index range on the first field: its
    bound written on its own (``f >= v``) so that the scan starts at the key, and the rows
    whose first field is NULL, which sort last, as a segment of their own (an OR with
    ``IS NULL`` would have the database filter the index from its start instead)."""
    names = [item.lstrip("-") for item in order]
    directions = [item.startswith("-") != reverse for item in order]  # True: descending
    rest = Q(pk__in=[])
    equal = Q()
    for name, descending, value in zip(names[1:], directions[1:], values[1:], strict=True):
        # An annotation's declared field says nothing of the NULLs it may give: kept.
        nullable = name in queryset.query.annotations or _nullable(queryset, name)
        greater, same = _after(name, descending, value, nullable)
        rest |= equal & greater
        equal &= same
    first, descending, value = names[0], directions[0], values[0]
    nullable = _nullable(queryset, first)
    if value is None:
        tail = Q(**{f"{first}__isnull": True}) & rest
        # Descending, every value comes after NULL.
        return [tail, Q(**{f"{first}__isnull": False})] if descending else [tail]
    strictly = Q(**{f"{first}__{'lt' if descending else 'gt'}": value})
    bound = Q(**{f"{first}__{'lte' if descending else 'gte'}": value})
    segments = [bound & (strictly | (Q(**{first: value}) & rest))]
    if nullable and not descending:
        segments.append(Q(**{f"{first}__isnull": True}))
    return segments


def _nullable(queryset: QuerySet, name: str) -> bool:
    found = _output_field(queryset, name)
    return bool(getattr(found, "null", True))


def read_after(
    queryset: QuerySet,
    order: Sequence[str],
    after: Sequence | None,
    limit: int,
    *,
    reverse: bool = False,
    read: Callable | None = None,
) -> list:
    """Up to ``limit`` rows of ``queryset`` strictly after the key ``after`` in ``order``
    (before it when ``reverse``; from the start when None), each segment of ``_segments``
    read off the index in turn. ``read(sliced)`` evaluates a segment's slice where the way
    matters."""
    ordered = queryset.order_by(*_ordering(order, reverse))
    segments = [Q()] if after is None else _segments(queryset, order, list(after), reverse)
    found: list = []
    for segment in segments:
        sliced = ordered.filter(segment)[: limit - len(found)]
        found += list(read(sliced) if read else sliced)
        if len(found) >= limit:
            break
    return found


def marks(queryset: QuerySet, order: Sequence[str], every: int) -> tuple[int, list[tuple]]:
    """The number of rows of ``queryset`` and the key (the ``order`` fields' values) of
    every ``every``-th row: rows ``every``, ``2 × every``, …, what a ``MarkedPaginator``
    starts its pages from. One query reading the list once, in its order (its index): the
    last row comes too, for the count, so that a list shorter than ``every`` has one."""
    names = [item.lstrip("-") for item in order]
    numbered = (
        queryset.order_by()
        .annotate(
            mark_position=Window(RowNumber(), order_by=_ordering(order, False)),
            mark_total=Window(Count("*")),
        )
        .annotate(mark_step=F("mark_position") % every)
        .filter(Q(mark_step=0) | Q(mark_position=F("mark_total")))
        .values_list("mark_position", "mark_total", *names)
    )
    # Sorted here: an ORDER BY around the window would have the database sort every row
    # again before it keeps one in ``every``.
    found = sorted(numbered)
    count = found[-1][1] if found else 0
    return count, [tuple(row[2:]) for row in found if row[0] % every == 0]


class MarkedPaginator(Paginator):
    """Django's paginator (``?page=N``, its numbers, first and last) whose pages are read by
    key: page N is the rows strictly after the mark that ends page N − 1 (``marks`` above,
    taken once for the list and kept with its count), read off the list's index, however
    deep N is. ``per_page`` is a multiple of the marks' step ``every``; ``order`` is the
    list's order, each row's key unique."""

    def __init__(
        self,
        rows: QuerySet,
        per_page: int,
        *,
        order: Sequence[str],
        count: int,
        marks: Sequence[Sequence],
        every: int,
    ):
        if per_page % every:
            raise ValueError("a page's size is a multiple of the marks' step")
        super().__init__(rows, per_page)
        self.count = count
        self.order, self.marks, self.every = order, marks, every

    def page(self, number) -> Page:
        number = self.validate_number(number)
        index = (number - 1) * (self.per_page // self.every) - 1
        after = self.marks[index] if index >= 0 else None
        rows = read_after(self.object_list, self.order, after, self.per_page)
        return self._get_page(rows, number, self)


def key_page(
    request,
    queryset: QuerySet,
    *,
    order: Sequence[str],
    per_page: int,
    rows: QuerySet | None = None,
    count: int | Callable[[], int] | None = None,
    read_ids: Callable | None = None,
) -> KeyPage:
    """The page of ``queryset`` (in ``order``, ending with the pk) that ``?after=`` or
    ``?before=`` names, or the first; its ids read first (the list's index), its rows then by
    id from ``rows`` (the same queryset by default: add joins there for the page alone).
    ``count`` (a number, or a function called once) is shown as the list's total.
    ``read_ids(ids, count, end)`` reads a page's ids (a sliced queryset of key tuples)
    where the way matters (the registry's search)."""
    names = [item.lstrip("-") for item in order]
    if names[-1] not in ("pk", "id", queryset.model._meta.pk.name):
        raise ValueError("a key page's order ends with the primary key")
    total = count() if callable(count) else count
    cursor, backwards = decode(request.GET.get("after")), False
    if cursor is None and (cursor := decode(request.GET.get("before"))) is not None:
        backwards = True
    key = _typed(queryset, names, cursor[0]) if cursor else None
    start = cursor[1] if key is not None else 1

    def read(reverse: bool, beyond: list | None) -> list[tuple]:
        return read_after(
            queryset.values_list(*names),
            order,
            beyond,
            per_page + 1,
            reverse=reverse,
            read=(lambda keys: read_ids(keys, total, per_page + 1)) if read_ids else None,
        )

    if key is not None and backwards:
        found = read(True, key)
        if len(found) > per_page:
            found = found[:per_page][::-1]
            has_previous, has_next = True, True
        else:  # fewer than a page before it: that is the first page, read forwards
            key, start = None, 1
    if key is None or not backwards:
        found = read(False, key)
        has_next = len(found) > per_page
        found = found[:per_page]
        has_previous = key is not None
    ids = [row[-1] for row in found]
    by_id = {row.pk: row for row in (queryset if rows is None else rows).filter(pk__in=ids)}
    page = KeyPage(
        object_list=[by_id[pk] for pk in ids if pk in by_id],
        per_page=per_page,
        start=start,
        has_next=has_next,
        has_previous=has_previous,
        count=total,
    )
    if found:
        page.next_key = encode(found[-1], start + len(found)) if has_next else ""
        page.previous_key = encode(found[0], max(1, start - per_page)) if has_previous else ""
    return page
