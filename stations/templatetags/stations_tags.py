from __future__ import annotations

from django import template
from django.db.models import FileField
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from history.labels import field_of
from history.models import RecordChange
from history.writer import file_name
from unions.labels import Labels
from unions.links import path_for_id

from ..excel.layout import coordinate_order
from ..models import (
    Acceptance,
    Agreement,
    AlertLevel,
    Audience,
    Facility,
    FilingForm,
    InsurancePolicy,
    Pledge,
    Service,
    Station,
    StationStatus,
    StationTransition,
)
from ..models.station import STATUS_BADGES

register = template.Library()

# The colours are the station table's (models/station.py).
BADGE = STATUS_BADGES


# Labels by value. get_status_display() builds a dict of every choice on each call, hashing
# (so translating) all nine lazy labels: a registry page of 50 rows, a badge in its table and
# one in its cards, spent a fifth of its rendering there (issue 13). Now translated once per
# language (unions/labels.py).
STATION_STATUS_LABELS = Labels(StationStatus.choices)
# Asked for each code of each row: Service.values builds its list at every call.
SERVICE_CODES = frozenset(Service.values)


@register.simple_tag
def status_badge(station):
    """The status as a coloured badge; a plain tag rather than an included template, which
    cost a template render per row."""
    status = station.status
    return format_html(
        # The newline the included template ended with: pages stay byte for byte the same.
        '<span class="badge text-bg-{} status-badge">{}</span>\n',
        BADGE.get(status, "secondary"),
        STATION_STATUS_LABELS.get(status, status),
    )


# The registry's rows (templates/stations/registry.html), drawn here rather than by the
# template language: 50 stations, each a table row for a desk and a card for a phone, cost
# the template some 1,100 variable lookups, escapes and reverses a page, 17 of a search
# page's 37 ms at national size (issue 13). One format_html a row draws the same markup.
REGISTRY_ROW = (
    "<tr>\n"
    '      <td class="font-monospace">{}</td>\n'
    '      <td><a href="{}">{}</a>{}</td>\n'
    '      <td class="small">{}</td>\n'
    '      <td class="small">{}</td>\n'
    '      <td class="small">{}</td>\n'
    "      <td>{}</td>\n"
    '      <td class="small text-muted">{}</td>\n'
    "    </tr>\n"
)
REGISTRY_CARD = (
    '<a class="list-group-item list-group-item-action" href="{}">\n'
    '    <div class="d-flex justify-content-between align-items-start gap-2">\n'
    "      <strong>{}</strong>{}"
    "    </div>\n"
    '    <div class="small text-muted">{} · {} · {}</div>\n'
    '    <div class="small">{}</div>\n'
    "  </a>\n"
)


@register.simple_tag
def registry_lists(stations) -> dict:
    """The registry's stations drawn twice: ``rows`` for the table, ``cards`` for a phone.
    Each station's link and badge are made once for both; the link is reversed once a page
    (unions/links.py)."""
    link = path_for_id("stations:staff_detail")
    sanitation = format_html(' <span class="badge text-bg-light">{}</span>', _("sanitation"))
    rows, cards = [], []
    for s in stations:
        href = link(s.pk)
        badge = status_badge(s)
        plaque = s.plaque_number or "—"
        rows.append(
            format_html(
                REGISTRY_ROW,
                plaque,
                href,
                s.name,
                sanitation if s.audience == Audience.SANITATION else "",
                s.union,
                s.district,
                s.host_unit or "",
                badge,
                timezone.localtime(s.updated_at).strftime("%Y-%m-%d"),
            )
        )
        cards.append(
            format_html(REGISTRY_CARD, href, s.name, badge, plaque, s.district, s.union, s.address)
        )
    return {"rows": mark_safe("".join(rows)), "cards": mark_safe("".join(cards))}  # noqa: S308


# The review queue's rows (templates/stations/review_queue.html), drawn here for the same
# reason: 50 stations a page, each with its tick, links, waiting time and acceptance, were
# most of the queue's time at national size (issue 26). The markup is the template's as it
# was, byte for byte, indentation included (the empty line held a template comment). The
# whole 44 px square is the label, so a thumb anywhere on it ticks the box.
QUEUE_ROW = (
    "\n"
    '    <li class="card shadow-sm mb-2" data-testid="queue-row">\n'
    '      <div class="card-body py-2 d-flex gap-3 align-items-start">\n'
    "        \n"
    '        <label class="queue-check flex-shrink-0" data-testid="tick">\n'
    '          <input class="form-check-input" type="checkbox" name="station" value="{}"'
    ' id="tick-{}"{}>\n'
    '          <span class="visually-hidden">{}</span>\n'
    "        </label>\n"
    '        <div class="flex-grow-1 min-w-0">\n'
    '          <div class="d-flex flex-wrap justify-content-between gap-2">\n'
    '            <a class="fw-semibold queue-link" href="{}">{}</a>\n'
    '            <span class="small text-nowrap" data-testid="waiting">{}</span>\n'
    "          </div>\n"
    '          <div class="small text-muted">{} · {} {}</div>\n'
    '          <div class="small d-flex flex-wrap gap-3 align-items-center">\n'
    '            <span data-testid="submitted-at">{} {}</span>\n'
    "            \n"
    "              {}\n"
    "            \n"
    "          </div>\n"
    "        </div>\n"
    "      </div>\n"
    "    </li>\n"
    "  "
)
QUEUE_ACCEPTANCE = '<span class="text-{}">{} {} {}</span>'
QUEUE_RECORD = '<a class="queue-link text-nowrap" href="{}">{}</a>'


@register.simple_tag
def queue_rows(stations, ticked=()) -> str:
    """The review queue's stations, each as the list item the officer ticks: read with the
    view's ``latest_acceptance`` and ``waiting_days`` set on each station."""
    detail = path_for_id("stations:staff_detail")
    record = path_for_id("stations:acceptance_create")
    submitted, acceptance = _("Submitted"), _("Acceptance")
    recordable = _("Record acceptance")
    rows = []
    for s in stations:
        days = s.waiting_days
        latest = s.latest_acceptance
        if latest:
            checked_on = latest.checked_on.strftime("%Y-%m-%d")
            passed = latest.passed
            shown = format_html(
                QUEUE_ACCEPTANCE,
                "success" if passed else "danger",
                "✓" if passed else "✗",
                acceptance,
                checked_on,
            )
        else:
            shown = format_html(QUEUE_RECORD, record(s.pk), recordable)
        rows.append(
            format_html(
                QUEUE_ROW,
                s.pk,
                s.pk,
                mark_safe(" checked") if s.pk in ticked else "",
                s.name,
                detail(s.pk),
                s.name,
                ngettext("waiting %(days)s day", "waiting %(days)s days", days) % {"days": days},
                s.union,
                s.district,
                s.address,
                submitted,
                timezone.localtime(s.submitted_at).strftime("%Y-%m-%d %H:%M"),
                shown,
            )
        )
    return mark_safe("".join(rows))  # noqa: S308


@register.filter
def service_labels(station) -> str:
    labels = [str(Service(code).label) for code in station.services if code in SERVICE_CODES]
    if station.services_other:
        labels = [lbl for lbl in labels if lbl != str(Service.OTHER.label)]
        labels.append(station.services_other)
    return "、".join(labels)


@register.filter
def facility_labels(codes) -> str:
    """The 6+X facilities; the toilet is said once, beside step-free entry (offers_toilet)."""
    return "、".join(
        str(Facility(c).label)
        for c in codes or []
        if c in Facility.values and c != Facility.OPEN_TOILET
    )


@register.filter
def coordinates(station: Station) -> str:
    """经度 121.481000，纬度 31.235000: named, in the Excel template's order, as the form asks."""
    if station.latitude is None or station.longitude is None:
        return "—"
    return _("%(first)s, %(second)s") % {
        key: f"{Station._meta.get_field(name).verbose_name} {getattr(station, name)}"
        for key, name in zip(("first", "second"), coordinate_order(), strict=True)
    }


@register.filter
def distance(km: float | None) -> str:
    """350 m under a kilometre (to 10 m: a phone's fix is no better), 1.2 km beyond."""
    if km is None:
        return ""
    metres = max(10, round(km * 100) * 10)
    if metres < 1000:
        return _("%(metres)d m") % {"metres": metres}
    return _("%(km)s km") % {"km": f"{km:.1f}"}


@register.simple_tag
def action_label(action: str) -> str:
    return {
        "approve": _("Approve"),
        "return": _("Return for changes"),
        "reject": _("Reject"),
        "revoke": _("Revoke and recall plaque"),
        "close": _("Close (host unit withdraws)"),
        "rectify_start": _("Order rectification"),
        "rectify_end": _("Rectified: back to active"),
        "upgrade": _("Upgrade to a full station"),
        "plaque_reissue": _("Reissue plaque (same number)"),
    }.get(action, action)


NEEDS_REASON = {"return", "reject", "revoke", "close", "rectify_start", "upgrade", "plaque_reissue"}
DANGER = {"reject", "revoke", "close"}


@register.filter
def needs_reason(action: str) -> bool:
    return action in NEEDS_REASON


@register.filter
def is_danger(action: str) -> bool:
    return action in DANGER


@register.filter
def person(user) -> str:
    """A person as colleagues know them (刘芳), falling back to the login name.

    Chinese names are written family name first with no space; Django's get_full_name()
    joins first and last name with a space, the Western way.
    """
    if not user:
        return _("system")
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last and not (first + last).isascii():
        return f"{last}{first}"
    return user.get_full_name() or user.get_username()


# The fields a history entry names that no model field holds: their own names.
COMPUTED_FIELD_LABELS = Labels(
    {
        "passed": _lazy("all six standards met"),
        "stations": _lazy("stations"),
        # Fields of records kept by the apps above (rectification orders, checks, appeals).
        "deadline": _lazy("deadline"),
        "items": _lazy("what must be put right"),
        "status": _lazy("status"),
        "score": _lazy("score"),
        "position_review": _lazy("position review"),
        "distance_m": _lazy("distance from station (m)"),
        # Entries of campaigns, donations and alerts (issue 23) that no field holds.
        "goods": _lazy("goods"),
        "donor_name": _lazy("donor"),
        "head_name": _lazy("Person in charge of the station"),
        "need": _lazy("station need"),
        "districts": _lazy("districts served"),
        "evidence": _lazy("evidence files"),
        "alert": _lazy("Heat or cold alert"),
    }
)


@register.filter
def change_label(entry, field: str) -> str:
    """The changed field by its Chinese name (计划完成时间), not its code (planned_completion)."""
    return _field_label(getattr(entry, "record", ""), field, get_language())


# Each (language, record, field)'s name as change_label gives it.
_FIELD_LABELS: dict[tuple, str] = {}


def _field_label(record: str, field: str, language) -> str:
    key = (language, record, field)
    text = _FIELD_LABELS.get(key)
    if text is None:
        label = getattr(field_of(record, field), "verbose_name", None)
        # A reverse relation (a filing's stations) has none; computed entries: above.
        text = _FIELD_LABELS[key] = str(label) if label else COMPUTED_FIELD_LABELS.get(field, field)
    return text


@register.filter
def change_pairs(entry) -> list[tuple[str, list]]:
    """A history entry's changes as (field, [old, new]) pairs. Not ``changes.items`` in the
    template: that looks the key "items" up first, and an order's items are such a key."""
    return list((entry.changes or {}).items())


# The history's fields that hold an uploaded file, on every record it keeps.
FILE_FIELDS = frozenset(
    field.name
    for model in (FilingForm, Acceptance, Agreement, Pledge, InsurancePolicy)
    for field in model._meta.fields
    if isinstance(field, FileField)
)


# A stored boolean's words.
BOOLEAN_WORDS = Labels({"True": _lazy("yes"), "False": _lazy("no")})


@register.filter
def change_value(value, field: str = "") -> str:
    """History stores values as text; a stored boolean reads 是/否, not True/False, and a file
    reads by its own name (rows written before the history stored names held the path)."""
    if field in FILE_FIELDS:
        return file_name(value)
    return BOOLEAN_WORDS.get(value, value)


# A station's history (templates/stations/staff_detail.html), drawn here rather than by the
# template language: 30 entries, each with its labels looked up through get_FOO_display
# (which builds and hashes a dict of every choice per call) and its changed fields through
# three filters, were a third of the busiest station's page at national size (issue 26).
# The same markup, byte for byte, from one format_html an entry.
HISTORY_ITEM = (
    '\n        <li class="mb-2"><div class="text-muted">{} · {}</div>\n'
    "          <div>{}</div>\n"
    "          {}</li>\n      "
)
HISTORY_FIELD = '<div class="text-muted text-break">{}: {} → {}</div>'
HISTORY_REASON = '<div class="fst-italic">{}</div>'
RECORD_LABELS = Labels(RecordChange.Record.choices)
ACTION_LABELS = Labels(RecordChange.Action.choices)
TRANSITION_LABELS = Labels(StationTransition.Kind.choices)


# The labels of each field with choices that a history names, by (record, field); None
# for a field without.
_CHOICE_LABELS: dict[tuple[str, str], Labels | None] = {}


def _choice_labels(record: str, field: str) -> Labels | None:
    key = (record, field)
    if key not in _CHOICE_LABELS:
        choices = getattr(field_of(record, field), "flatchoices", None)
        _CHOICE_LABELS[key] = Labels(choices) if choices else None
    return _CHOICE_LABELS[key]


def _shown_value(value, field: str, record: str = ""):
    """A changed field's old or new value as ``{{ value|change_value:field|default:"—" }}``
    shows it; a value of a field with choices by its label (已配送, not delivered)."""
    labels = _choice_labels(record, field)
    if labels is not None and isinstance(value, str):
        value = labels.get(value, value)
    shown = change_value(value, field)
    return localize(shown) if shown else "—"


def _item(values, index: int):
    """``values.0`` as the template language reads it: "" when there is none."""
    if isinstance(values, dict):
        return values.get(str(index), "")
    try:
        return values[index]
    except (IndexError, KeyError, TypeError):
        return ""


def history_changes(entry, language=None) -> str:
    """The changed fields of a record's history entry, each on its own line."""
    language = language or get_language()
    record = getattr(entry, "record", "")
    lines = []
    for field, values in change_pairs(entry):
        old, new = _item(values, 0), _item(values, 1)
        lines.append(
            format_html(
                HISTORY_FIELD,
                _field_label(record, field, language),
                _shown_value(old, field, record),
                _shown_value(new, field, record),
            )
        )
    return mark_safe("".join(lines))  # noqa: S308  (each line made by format_html)


@register.simple_tag
def station_history_items(history) -> str:
    """The ``<li>`` of each entry of a station's history (status moves and record changes)."""
    language, zone = get_language(), timezone.get_current_timezone()
    records, actions = RECORD_LABELS.now(), ACTION_LABELS.now()
    statuses, transitions = STATION_STATUS_LABELS.now(), TRANSITION_LABELS.now()
    items = []
    for t in history:
        record = getattr(t, "record", "")
        if record:
            what = format_html(
                "{} · {}{}",
                records.get(record, record),
                actions.get(t.action, t.action),
                history_changes(t, language),
            )
        elif t.is_status_change:
            what = format_html(
                "{} → {}",
                statuses.get(t.from_status, t.from_status),
                statuses.get(t.to_status, t.to_status),
            )
        else:
            what = transitions.get(t.kind, t.kind)
        items.append(
            format_html(
                HISTORY_ITEM,
                timezone.localtime(t.at, zone).strftime("%Y-%m-%d %H:%M"),
                person(t.by),
                what,
                format_html(HISTORY_REASON, t.reason) if t.reason else "",
            )
        )
    return mark_safe("".join(items))  # noqa: S308  (each entry made by format_html)


# A filing's stations (templates/stations/filing_detail.html), a table row for a desk and a
# card for a phone each, drawn here as the registry's are: the busiest filing's 29 stations
# cost the template language some 1,300 lookups, escapes and reverses, a third of the page
# at national size (issue 26). The same markup, byte for byte.
FILING_ROW = (
    "\n    <tr>\n"
    "      <td>{}</td>\n"
    '      <td class="cell-name"><a href="{}">{}</a></td>\n'
    '      <td class="cell-wide">{}</td>\n'
    '      <td>{}<br><span class="text-muted small">{}</span></td>\n'
    "      <td>{}</td>\n"
    "      <td>{}</td>\n"
    '      <td class="small">{}</td>\n'
    '      <td class="text-nowrap">{}{}</td>\n'
    '      <td class="font-monospace text-nowrap" data-testid="plaque-number">{}</td>\n'
    '      <td class="text-nowrap">{}</td>\n'
    "    </tr>\n  "
)
FILING_CARD = (
    '\n  <li class="list-group-item">\n'
    '    <div class="d-flex justify-content-between align-items-start gap-2">\n'
    '      <a class="fw-semibold" href="{}">{}. {}</a>\n'
    '      <span class="text-nowrap">{}</span>\n'
    "    </div>\n"
    "    {}\n"
    "    {}\n"
    '    <div class="small">{}</div>\n'
    '    <div class="small text-muted">{} {} · {} · {}&nbsp;m²</div>\n'
    '    <div class="small text-muted">{}</div>\n'
    "    {}\n"
    "  </li>\n  "
)


def _edit_link(href: str, spacing: str) -> SafeString:
    """A station's "Edit" button, in the filing's table (no spacing) or its phone card."""
    return format_html(
        '<a class="btn btn-sm btn-outline-secondary{}" href="{}">{}</a>', spacing, href, _("Edit")
    )


@register.simple_tag
def filing_station_lists(stations, can_edit: bool) -> dict:
    """A filing's stations drawn twice: ``rows`` for the table, ``cards`` for a phone ("" for
    a filing without stations). Each link is reversed once a page, the station's id set in
    its place."""
    page = path_for_id("stations:staff_detail")
    edit = path_for_id("stations:station_edit")
    rows, cards = [], []
    for s in stations:
        href = page(s.pk)
        badge = status_badge(s)
        services = service_labels(s)
        number, area = localize(s.row_number), localize(s.area_m2)
        editable = can_edit and s.is_editable
        reason = s.shows_reason
        rows.append(
            format_html(
                FILING_ROW,
                number,
                href,
                s.name,
                s.address,
                s.head_name,
                s.head_mobile,
                s.opening_hours_text,
                area,
                services,
                badge,
                format_html('<div class="small text-muted">{}</div>', s.status_reason)
                if reason
                else "",
                s.plaque_number,
                _edit_link(edit(s.pk), "") if editable else "",
            )
        )
        cards.append(
            format_html(
                FILING_CARD,
                href,
                number,
                s.name,
                badge,
                format_html(
                    '<div class="font-monospace small" data-testid="card-plaque-number">{}</div>',
                    s.plaque_number,
                )
                if s.plaque_number
                else "",
                format_html('<div class="small text-danger">{}</div>', s.status_reason)
                if reason
                else "",
                s.address,
                s.head_name,
                s.head_mobile,
                s.opening_hours_text,
                area,
                services,
                _edit_link(edit(s.pk), " mt-2") if editable else "",
            )
        )
    return {"rows": mark_safe("".join(rows)), "cards": mark_safe("".join(cards))}  # noqa: S308


@register.filter
def alert_level(level) -> str:
    """An alert level's colour (1 = blue … 4 = red), as the alert pages name it."""
    try:
        return str(AlertLevel(int(level)).label)
    except (TypeError, ValueError):
        return ""
