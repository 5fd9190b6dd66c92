"""The check form's chooser options (templates/inspections/check_form.html).

An option carries eleven fields of its station for the phone's script (kinds, position,
plaque, district, address, name, planned): the form's sixty options, eighty after a search,
were some seven hundred template variables, a third of the page's rendering at national size
(issue 26). One format_html per option gives the same bytes, escaped the same way.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def station_option(row: dict, selected: str) -> SafeString:
    """The <option> of a row of inspections.checks.selectors._rows; ``selected`` is the id
    the form names, as text."""
    return format_html(
        '<option value="{}" data-kinds="{}" data-lat="{}" data-lng="{}" data-plaque="{}"'
        ' data-district="{}" data-address="{}" data-name="{}" data-planned="{}"{}>{}{}{}</option>',
        row["id"],
        " ".join(row["kinds"]),
        row["latitude"],
        row["longitude"],
        row["plaque_number"],
        row["district"],
        row["address"],
        row["name"],
        "1" if row["planned"] else "",
        " selected" if selected == str(row["id"]) else "",
        "★ " if row["planned"] else "",
        row["name"],
        f" · {row['plaque_number']}" if row["plaque_number"] else "",
    )
