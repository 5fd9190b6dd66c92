"""The rows of a home page's work cards (templates/home/_work_cards.html).

A card lists up to ten records of its kind, each by its name, linked to its staff page, with
its union: some ten lookups and escapes a row through the template language, a hundred rows
on the aid center's home, drawn again on each first visit after a change (issue 26). One
format_html a row; the markup is the template's as it was, byte for byte.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

ROW = '\n          <li class="list-group-item small">{}{}</li>\n        '
NONE = '\n          <li class="list-group-item small text-muted">{}</li>\n        '
LINK = '<a href="{}">{}</a>'
UNION = ' <span class="text-muted">· {}</span>'
# A row in one format_html, by whether it has a link and a union: the link and the union
# drawn by format_html's of their own were two more a row, a hundred rows a home (issue 26).
ROWS = {
    (True, True): ROW.format(LINK, UNION),
    (True, False): ROW.format(LINK, ""),
    (False, True): ROW.format("{}", UNION),
    (False, False): ROW.format("{}", ""),
}


@register.simple_tag
def work_rows(rows) -> SafeString:
    """Each record by its name (``str``), linked where it has a staff page
    (``get_staff_url``), followed by its union where it has one; "Nothing pending." when
    the card has no record."""
    drawn = []
    for obj in rows:
        staff_url = getattr(obj, "get_staff_url", None)
        url = staff_url() if staff_url is not None else ""
        union = getattr(obj, "union", None)
        args = ((url,) if url else ()) + (obj,) + ((union,) if union else ())
        drawn.append(format_html(ROWS[bool(url), bool(union)], *args))
    if not drawn:
        return format_html(NONE, _("Nothing pending."))
    return mark_safe("".join(drawn))  # noqa: S308 (each row is format_html's)
