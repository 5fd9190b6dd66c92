"""The rows of the listings to confirm (templates/stations/listings_due.html).

Drawn here rather than by the template language, as the station panel's rows are: a page of
50 stations, each with a link reversed, two dates filtered and three translations, was two
fifths of the page at national size (issue 26). The same markup, byte for byte.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from unions.links import path_for_id

register = template.Library()

ROW = (
    '\n    <li class="card card-body mb-2" data-testid="due-row">\n'
    '      <div class="d-flex gap-2 align-items-start">\n'
    "        {tick}\n"
    '        <div class="flex-grow-1">\n'
    '          <a class="fw-semibold" href="{link}">{name}</a>\n'
    '          <span class="text-muted small">{plaque}{union}</span>\n'
    '          <div class="small">{address} · {hours}</div>\n'
    '          <div class="small">\n'
    "            {confirmed}\n"
    "            {closed}\n"
    "            {doubtful}\n"
    "          </div>\n"
    "        </div>\n"
    "      </div>\n"
    "    </li>\n    "
)
TICK = (
    '<label class="queue-check flex-shrink-0" for="due-{}"><input class="form-check-input"'
    ' type="checkbox" name="station" value="{}" id="due-{}"{} aria-label="{}"></label>'
)


def _day(message: str, day) -> SafeString:
    """``{% blocktranslate with day=…|date:"Y-m-d" %}``: the text as translated, the day
    escaped."""
    return mark_safe(message % {"day": conditional_escape(day.strftime("%Y-%m-%d"))})  # noqa: S308


@register.simple_tag
def listing_due_rows(page, may_confirm, ticked, doubtful_before) -> SafeString:
    link = path_for_id("stations:staff_detail")
    doubtful = format_html(
        '<span class="badge bg-warning text-dark ms-1" data-testid="shown-doubtful">{}</span>',
        _("The public page says: details to be verified"),
    )
    rows = []
    for station in page:
        pk, confirmed, closed = station.pk, station.confirmed_on, station.reported_closed_on
        rows.append(
            format_html(
                ROW,
                tick=format_html(TICK, pk, pk, pk, " checked" if pk in ticked else "", station.name)
                if may_confirm
                else "",
                link=link(pk),
                name=station.name,
                plaque=station.plaque_number,
                union=format_html(" · {}", station.union.name) if not may_confirm else "",
                address=station.address,
                hours=station.opening_hours_text,
                confirmed=_day(_("Last confirmed %(day)s"), confirmed)
                if confirmed
                else _("Never confirmed"),
                closed=format_html(
                    '<span class="badge bg-danger ms-1">{}</span>',
                    _day(_("Reported closed during posted hours (%(day)s)"), closed),
                )
                if closed
                else "",
                doubtful=doubtful if closed or not confirmed or confirmed < doubtful_before else "",
            )
        )
    if not rows:
        return format_html(
            '\n    <li class="text-muted">{}</li>\n    ', _("Every listing is confirmed.")
        )
    return mark_safe("".join(rows))  # noqa: S308 (each row is format_html's)
