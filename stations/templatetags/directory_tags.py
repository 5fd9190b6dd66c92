"""The rows of the public directory's list (templates/public/directory.html).

Drawn here rather than by the template language, as the station panel's and the listings'
rows are: twenty stations, each with a link reversed, a distance, five badges weighed, three
translations and a loop over its services, were the most of the directory's drawing, and a
page is drawn afresh for every new position a phone sends (``near=``: issue 26). The same
markup, byte for byte.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from unions.links import path_for_text

from .icons import icon_ref, service_items
from .stations_tags import distance

register = template.Library()

ROW = (
    '\n      <li class="card mb-2 shadow-sm" data-testid="station-entry" data-plaque="{plaque}"'
    ' data-open="{open}">\n'
    '        <div class="card-body py-2 px-3">\n'
    '          <div class="d-flex justify-content-between align-items-start gap-2">\n'
    '            <h2 class="h6 mb-1"><a class="stretched-link text-decoration-none"'
    ' href="{link}">{name}</a></h2>\n'
    "            {distance}\n"
    "          </div>\n"
    '          <div class="small text-muted">{district} {address}</div>\n'
    '          <div class="small mt-1">\n'
    "            {open_badge}\n"
    "            {heat}\n"
    "            {cold}\n"
    "            {closure}\n"
    "            {rectifying}\n"
    '            <span class="text-muted">{hours}</span>\n'
    "          </div>\n"
    '          <ul class="list-inline small mb-0 mt-1 text-relay-dark">\n'
    "            {services}\n"
    "          </ul>\n"
    "        </div>\n"
    "      </li>\n      "
)
EMPTY = '\n      <li class="alert alert-info" data-testid="directory-empty">{}</li>\n      '
DISTANCE = '<span class="badge text-bg-light border flex-shrink-0" data-testid="distance">{}</span>'
SERVICE = '<li class="list-inline-item">{} {}</li>'
# ``{{ entry.open_now|yesno:'yes,no,unknown' }}``
OPEN = {True: "yes", False: "no", None: "unknown"}


@register.simple_tag
def directory_rows(entries) -> SafeString:
    if not entries:
        return format_html(EMPTY, _("No station matches. Try another district or fewer filters."))
    # The plaque's page as ``{% url 'stations:public_detail' plaque %}`` gives it.
    link = path_for_text("stations:public_detail")
    badges = {
        "open": format_html('<span class="badge text-bg-success">{}</span>', _("Open now")),
        "closed": format_html('<span class="badge text-bg-secondary">{}</span>', _("Closed now")),
        "heat": format_html(
            '<span class="badge text-bg-danger" data-testid="alert-mode">{}</span>',
            _("Cooling mode"),
        ),
        "cold": format_html(
            '<span class="badge text-bg-info" data-testid="alert-mode">{}</span>',
            _("Warming mode"),
        ),
        "closure": format_html(
            '<span class="badge text-bg-warning" data-testid="closed-temporarily">{}</span>',
            _("Temporarily closed"),
        ),
        "rectifying": format_html(
            '<span class="badge text-bg-warning">{}</span>', _("Improving its service")
        ),
    }
    rows = []
    for entry in entries:
        s = entry.station
        open_now = entry.open_now
        rows.append(
            format_html(
                ROW,
                plaque=s.plaque_number,
                # ``yesno`` of anything neither True, False nor None is "yes" (a truthy value).
                open=OPEN.get(open_now, "yes" if open_now else "no"),
                link=link(s.plaque_number),
                name=s.name,
                distance=format_html(DISTANCE, distance(entry.distance_km))
                if entry.distance_km is not None
                else "",
                district=s.district,
                address=s.address,
                open_badge=badges["open"]
                if open_now
                else badges["closed"]
                if open_now is False
                else "",
                heat=badges["heat"] if "heat" in entry.alert_modes else "",
                cold=badges["cold"] if "cold" in entry.alert_modes else "",
                closure=badges["closure"] if entry.closure else "",
                rectifying=badges["rectifying"] if s.is_rectifying else "",
                hours=s.opening_hours_text,
                services=format_html_join(
                    "",
                    SERVICE,
                    ((icon_ref(icon_name), label) for icon_name, label in service_items(s)),
                ),
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 (each row made by format_html)
