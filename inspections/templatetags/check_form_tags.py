"""The check form's chooser options and checklist items (templates/inspections/check_form.html).

An option carries eleven fields of its station for the phone's script (kinds, position,
plaque, district, address, name, planned): the form's sixty options, eighty after a search,
were some seven hundred template variables, a third of the page's rendering at national size
(issue 26). Each option and each item is one str.format with every value escaped: the same
bytes.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


OPTION = (
    "\n          "
    '<option value="{}" data-kinds="{}" data-lat="{}" data-lng="{}" data-plaque="{}"'
    ' data-district="{}" data-address="{}" data-name="{}" data-planned="{}"{}>{}{}{}</option>'
    "\n          "
)


@register.simple_tag
def station_options(rows: list[dict], selected: str) -> SafeString:
    """The <option>s of one group of rows of inspections.checks.selectors._rows, each on its
    own line as the template's loop wrote them; ``selected`` is the id the form names, as
    text. Every value is escaped as format_html escapes it (Django's escape is the standard
    library's html.escape), called directly: eighty options of thirteen values each spent a
    tenth of the searched form in format_html's checks (issue 26)."""
    drawn = []
    for row in rows:
        pk, name, plaque = str(row["id"]), escape(row["name"]), escape(row["plaque_number"])
        planned = row["planned"]
        drawn.append(
            OPTION.format(
                pk,
                escape(" ".join(row["kinds"])),
                escape(row["latitude"]),
                escape(row["longitude"]),
                plaque,
                escape(row["district"]),
                escape(row["address"]),
                name,
                "1" if planned else "",
                " selected" if selected == pk else "",
                "★ " if planned else "",
                name,
                f" · {plaque}" if plaque else "",
            )
        )
    return mark_safe("".join(drawn))  # noqa: S308  (every value escaped above)


# One checklist item of the form: its label, the red-line mark, the guidance, the met / not
# met pair, its error and its note. The checklist's 27 items were as many template
# variables, tags and translations again as the options (issue 26); the same bytes.
ITEM = (
    '\n      <div class="check-item" data-item="{code}">\n'
    '        <div class="d-flex justify-content-between gap-2">\n'
    '          <span class="item-label" id="label-{code}">{label}</span>\n'
    "          {red}\n"
    "        </div>\n"
    "        {guidance}\n"
    '        <div class="answer-pair" role="radiogroup" aria-labelledby="label-{code}">\n'
    '          <input type="radio" class="btn-check" name="item_{code}" id="met-{code}"'
    ' value="met" autocomplete="off"{met}>\n'
    '          <label class="btn btn-outline-success" for="met-{code}">{met_label}</label>\n'
    '          <input type="radio" class="btn-check" name="item_{code}" id="notmet-{code}"'
    ' value="not_met" autocomplete="off"{not_met}>\n'
    '          <label class="btn btn-outline-danger" for="notmet-{code}">{not_met_label}</label>\n'
    "        </div>\n"
    '        <div class="invalid-feedback d-block" data-error-for="item_{code}">{errors}</div>\n'
    '        <input type="text" class="form-control form-control-sm note-input"'
    ' name="note_{code}" value="{note}" maxlength="500" aria-label="{note_label}"'
    ' placeholder="{placeholder}">\n'
    "      </div>\n      "
)


@register.simple_tag
def check_item_rows(rows) -> SafeString:
    """The items of one group of CheckForm.grouped_items: (item, answer, note) each, the
    answer and note bound fields. Every value is escaped as format_html escapes it, called
    directly (as station_options does): format_html's checks of thirteen values an item
    were a tenth of the form's drawing (issue 26)."""
    red = f'<span class="item-red">{escape(_("red line"))}</span>'
    met_label, not_met_label = escape(_("Met")), escape(_("Not met"))
    placeholder, note_on = escape(_("Note (optional)")), _("Note on %(label)s")
    drawn = []
    for item, answer, note in rows:
        value, typed = answer.value(), note.value()
        label = escape(item.label)
        drawn.append(
            ITEM.format(
                code=escape(item.code),
                label=label,
                red=red if item.red_line else "",
                guidance=f'<div class="small text-muted">{escape(item.guidance)}</div>'
                if item.guidance
                else "",
                met=" checked" if value == "met" else "",
                met_label=met_label,
                not_met=" checked" if value == "not_met" else "",
                not_met_label=not_met_label,
                errors=" ".join(escape(str(e)) for e in answer.errors),
                note="" if typed is None else escape(str(typed)),
                # {% blocktranslate %} escapes its variables, not its own text.
                note_label=note_on % {"label": label},
                placeholder=placeholder,
            )
        )
    return mark_safe("".join(drawn))  # noqa: S308 (every value escaped above)


@register.simple_tag
def checklist_group_options(form) -> SafeString:
    """The checklist editor's group <option>s of one item's row (checklist_edit.html), the
    row's value read once: the template asked the bound field for it once per option, 196
    times a page, a quarter of the editor (issue 26)."""
    current = form["group"].value()
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (v, " selected" if current == v else "", label)
            for v, label in form.fields["group"].choices
        ),
    )
