"""The check list's rows (templates/inspections/check_list.html): a table on a wide screen,
cards on a phone, both of the same page of checks.

Drawn here rather than by the template language, as the station panel's rows are: 30 checks
drawn twice, each with a link reversed, a time filtered, the score's include and the
position's, were half the page at national size (issue 26). The same markup, byte for byte,
as templates/inspections/_score.html and _position_badge.html draw it.
"""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from stations.templatetags.stations_tags import person
from unions.links import path_for_id
from unions.templatetags.records import badge

register = template.Library()

TABLE_ROW = (
    '\n    <tr>\n      <td class="small">{visited}</td>\n'
    '      <td><a href="{link}">{name}</a> <span class="small font-monospace text-muted">'
    "{plaque}</span>{position}</td>\n"
    '      <td class="small">{district}</td>\n      <td class="small">{kind}</td>\n'
    '      <td class="small">{person}</td>\n      <td>{score}</td>\n    </tr>\n  '
)
CARD = (
    '\n  <a class="list-group-item list-group-item-action" href="{link}">\n'
    '    <div class="d-flex justify-content-between align-items-start gap-2"><strong>{name}'
    '</strong><span class="text-nowrap">{score}</span></div>\n'
    '    <div class="small text-muted">{visited} · {kind} · {district}{position}</div>\n  </a>\n  '
)
SCORE = '<span class="badge {}" data-testid="score">{}</span>{}{}{}\n'


class _Drawn:
    """What both views of one check show, made once."""

    def __init__(self, under_appeal) -> None:
        self.link = path_for_id("inspections:check_detail")
        self.under_appeal = under_appeal
        self.red_line = _("red line")
        self.appealed = _("Under appeal")
        self.reviews = _("The aid center reviews where this check was made.")
        self.accepted = _("Position accepted")

    def score(self, check) -> SafeString:
        """inspections/_score.html."""
        if check.is_voided:
            colour = "text-bg-secondary"
        elif check.red_line:
            colour = "text-bg-danger"
        elif check.score >= 90:
            colour = "text-bg-success"
        else:
            colour = "text-bg-warning"
        return format_html(
            SCORE,
            colour,
            localize(check.score),
            format_html(' <span class="badge text-bg-danger">{}</span>', self.red_line)
            if check.red_line
            else "",
            format_html(" {}", badge(check)) if check.is_voided else "",
            format_html(' <span class="badge text-bg-info">{}</span>', self.appealed)
            if check.pk in self.under_appeal
            else "",
        )

    def position(self, check) -> SafeString | str:
        """inspections/_position_badge.html."""
        if check.position_waits:
            return format_html(
                ' <span class="badge text-bg-warning" data-testid="far-check" title="{}">{}</span>',
                self.reviews,
                # {% blocktranslate %}: its variable escaped, not its own text.
                mark_safe(  # noqa: S308
                    _("%(m)s m from the station")
                    % {"m": format_html("{}", localize(check.distance_m))}
                ),
            )
        if check.position_accepted:
            return format_html(
                ' <span class="badge text-bg-light" data-testid="far-accepted">{}</span>',
                self.accepted,
            )
        return ""


def _visited(check) -> str:
    return timezone.localtime(check.visited_at).strftime("%Y-%m-%d %H:%M")


def _drawn_rows(page, under_appeal, row: str, empty: str) -> SafeString:
    """Each check of ``page`` in ``row`` (the table's or the card's), or ``empty``."""
    drawn = _Drawn(under_appeal)
    rows = [
        format_html(
            row,
            visited=_visited(check),
            link=drawn.link(check.pk),
            name=check.station.name,
            plaque=check.station.plaque_number,
            position=drawn.position(check),
            district=check.district,
            kind=check.get_kind_display(),
            person=person(check.by),
            score=drawn.score(check),
        )
        for check in page
    ]
    if not rows:
        return format_html(empty, _("No check matches."))
    return mark_safe("".join(rows))  # noqa: S308 (each row is format_html's)


@register.simple_tag
def check_table_rows(page, under_appeal) -> SafeString:
    return _drawn_rows(
        page,
        under_appeal,
        TABLE_ROW,
        '\n    <tr><td colspan="6" class="text-muted">{}</td></tr>\n  ',
    )


@register.simple_tag
def check_cards(page, under_appeal) -> SafeString:
    return _drawn_rows(
        page, under_appeal, CARD, '\n  <div class="list-group-item text-muted">{}</div>\n  '
    )
