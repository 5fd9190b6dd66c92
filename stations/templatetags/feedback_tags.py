"""A worker's feedback as staff read it: its body (stars, rating, problems, comment) on the
moderation list, the tickets and a ticket's page, and the moderation list's rows.

The moderation list draws fifty rows, each with its body, its link, its date and a form of
up to two buttons: some forty lookups, escapes and includes a row through the template
language, most of the page's drawing at national size (issue 26). One format_html a part;
the markup is the templates' as it was, byte for byte (tests/stations: the moderation page
and the tickets read as before).
"""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.formats import date_format, localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from unions.links import path_for_id
from unions.templatetags.records import button_class

register = template.Library()

BODY = (
    '\n<div data-testid="feedback-body">\n'
    '  <span class="rating-shown" aria-hidden="true">{}</span>\n'
    "  <strong>{}</strong>\n"
    "  {}\n"
    "  {}\n"
    "  {}\n"
    "</div>\n"
)
STARS = 5


@register.simple_tag
def feedback_body(feedback) -> SafeString:
    """Stars for the rating, "4 of 5", the serious mark, the problems ticked, the comment
    (escaped like every text)."""
    rating = feedback.rating
    full = min(max(rating, 0), STARS)
    shown = "★" * full + "☆" * (STARS - full)
    of_five = mark_safe(_("%(n)s of 5") % {"n": conditional_escape(localize(rating))})  # noqa: S308
    serious = (
        format_html('<span class="badge text-bg-danger">{}</span>', _("Serious complaint"))
        if feedback.serious
        else ""
    )
    problems = (
        format_html(
            '<ul class="small mb-1">{}</ul>',
            format_html_join("", "<li>{}</li>", ((label,) for label in feedback.problem_labels)),
        )
        if feedback.problems
        else ""
    )
    comment = (
        format_html(
            '<p class="mb-1 text-break" data-testid="feedback-comment">{}</p>', feedback.comment
        )
        if feedback.comment
        else ""
    )
    return format_html(BODY, shown, of_five, serious, problems, comment)


ROW = (
    "\n"
    '  <li class="list-group-item{}" data-testid="feedback-row" data-status="{}">\n'
    '    <div class="d-flex justify-content-between flex-wrap gap-2">\n'
    '      <a href="{}">{}</a>\n'
    '      <small class="text-muted">{}</small>\n'
    "    </div>\n"
    "    {}\n"
    "    {}\n"
    "    {}\n"
    '    <form method="post" action="{}" class="d-flex flex-wrap gap-2 align-items-end">{}\n'
    '      <div class="flex-grow-1">\n'
    '        <label class="form-label small mb-1" for="note-{}">{}</label>\n'
    '        <input class="form-control form-control-sm" type="text" name="note" id="note-{}"'
    ' maxlength="200">\n'
    "      </div>\n"
    "      {}\n"
    "      {}\n"
    "    </form>\n"
    "  </li>\n"
    "  "
)
BUTTON = '<button class="btn btn-sm {}" type="submit" name="action" value="{}"{}>{}</button>'


def _button(move, value: str, testid: str = "") -> SafeString:
    extra = format_html(' data-testid="{}"', testid) if testid else ""
    return format_html(BUTTON, button_class(move), value, extra, move.label)


@register.simple_tag(takes_context=True)
def feedback_rows(context, rows, moves) -> SafeString:
    """The moderation list's rows: the station, the time, the body, why it is hidden or held,
    and the form that releases, hides or shows it again (``moves``: FEEDBACK_ACTIONS)."""
    station_url = path_for_id("stations:staff_detail")
    moderate_url = path_for_id("stations:feedback_moderate")
    csrf = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', context.get("csrf_token")
    )
    note_label, hidden_label = _("Moderation note"), _("Hidden by moderation")
    held = format_html(
        '<p class="small mb-1"><span class="badge text-bg-warning">{}</span> {}</p>',
        _("Held for moderation"),
        _("Not counted until released."),
    )
    release = _button(moves["release"], "release", "release")
    show, hide = _button(moves["show"], "show"), _button(moves["hide"], "hide")
    drawn = []
    for feedback in rows:
        is_hidden, is_held = feedback.is_hidden, feedback.is_held
        css = (
            " list-group-item-secondary"
            if is_hidden
            else " list-group-item-warning"
            if is_held
            else ""
        )
        why = ""
        if is_hidden:
            note = format_html("：{}", feedback.moderation_note) if feedback.moderation_note else ""
            why = format_html('<p class="small text-muted mb-1">{}{}</p>', hidden_label, note)
        pk = feedback.pk
        drawn.append(
            format_html(
                ROW,
                css,
                feedback.status,
                station_url(feedback.station.pk),
                feedback.station.name,
                date_format(timezone.localtime(feedback.created_at), "Y-m-d H:i"),
                feedback_body(feedback),
                why,
                held if is_held else "",
                moderate_url(pk),
                csrf,
                pk,
                note_label,
                pk,
                release if is_held else "",
                show if is_hidden else hide,
            )
        )
    return mark_safe("".join(drawn))  # noqa: S308 (each row is format_html's)
