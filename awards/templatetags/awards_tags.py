from __future__ import annotations

from types import SimpleNamespace

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from inspections.numbers import shown_text
from unions.labels import Labels
from unions.links import path_for_id

from ..models.award import TitleStatus

register = template.Library()

# A year's titles on the selection page (templates/awards/staff_year.html), drawn here rather
# than by the template language: each title's buttons are forms with their links, labels and
# confirmations, some 90 lookups, escapes and reverses a title, most of the page's drawing at
# national size (issue 26). One format_html a title and a form; the markup is the template's
# as it was, byte for byte, indentation included.
TITLE_ITEM = (
    "\n"
    '  <li class="list-group-item" data-testid="award" data-kind="{}" data-status="{}">\n'
    '    <div class="d-flex flex-wrap justify-content-between gap-2">\n'
    '      <span class="fw-semibold text-break">{} <span class="small text-muted">{} · {}</span>'
    "</span>\n"
    '      <span class="badge text-bg-{}">{}</span>\n'
    "    </div>\n"
    '    <p class="mb-1 small text-break">{}</p>\n'
    "    {}\n"
    "    {}\n"
    "  </li>\n"
    "  "
)
CSRF = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
CONFIRM_FORM = (
    "\n"
    '    <form method="post" action="{}" class="d-inline">{}\n'
    '      <input type="hidden" name="confirmed" value="{}">\n'
    '      <button class="btn btn-sm btn-outline-{}" type="submit" data-testid="{}">{}</button>\n'
    "    </form>\n"
    "    "
)
CITATION_FORM = (
    "\n"
    '    <details class="mt-1"><summary class="small">{}</summary>\n'
    '      <form method="post" action="{}" class="mt-1">{}\n'
    '        <label class="form-label small" for="citation-{}">{}</label>\n'
    '        <textarea class="form-control form-control-sm mb-1" name="citation" id="citation-{}"'
    ' rows="2" maxlength="500">{}</textarea>\n'
    "        {}\n"
    '        <button class="btn btn-sm btn-outline-{}" type="submit">{}</button>\n'
    "      </form>\n"
    "    </details>\n"
    "    "
)
CITATION_REASON = (
    '<label class="form-label small" for="reason-{}">{}</label>'
    '<input class="form-control form-control-sm mb-1" name="reason" id="reason-{}" required>'
)
WITHDRAW_FORM = (
    "\n"
    '    <details class="mt-1"><summary class="small">{}</summary>\n'
    '      <form method="post" action="{}" class="mt-1"{}>{}\n'
    '        <label class="form-label small" for="withdraw-{}">{}</label>\n'
    '        <input class="form-control form-control-sm mb-1" name="reason" id="withdraw-{}"'
    " required>\n"
    '        <button class="btn btn-sm btn-outline-{}" type="submit" data-testid="withdraw">{}'
    "</button>\n"
    "      </form>\n"
    "    </details>\n"
    "    "
)

# A title's support amount (经费支持), in yuan: awards.views.funding.award_support.
SUPPORT_FORM = (
    "\n"
    '    <details class="mt-1"><summary class="small">{}：{}</summary>\n'
    '      <form method="post" action="{}" class="mt-1" data-testid="support">{}\n'
    '        <label class="form-label small" for="support-{}">{}</label>\n'
    '        <input class="form-control form-control-sm mb-1" type="number" name="amount"'
    ' id="support-{}" min="0" step="0.01" value="{}" required>\n'
    '        <button class="btn btn-sm btn-outline-{}" type="submit">{}</button>\n'
    "      </form>\n"
    "    </details>\n"
    "    "
)


STATUS_LABELS = Labels(TitleStatus.choices)


def _worded(action):
    """An action's words as text in the active language, beside its other fields."""
    return SimpleNamespace(
        style=action.style,
        needs_reason=action.needs_reason,
        label=str(action.label),
        reason_label=str(action.reason_label) if action.reason_label is not None else None,
        confirm=str(action.confirm) if action.confirm else action.confirm,
    )


@register.simple_tag(takes_context=True)
def title_items(context, titles) -> str:
    """A page of one kind's titles, each with the buttons its ``actions`` (the view's, from
    TITLE_ACTIONS) allow: confirming first, then the citation and the withdrawal."""
    confirm = path_for_id("awards:confirm")
    citation = path_for_id("awards:citation")
    withdraw = path_for_id("awards:withdraw")
    support = path_for_id("awards:support")
    # The one token the page's {% csrf_token %} tags all read (the context's, made once).
    csrf = format_html(CSRF, context.get("csrf_token"))
    citation_label, save = _("Citation"), _("Save citation")
    amount_label, save_amount = _("Amount (yuan)"), _("Save amount")
    statuses = STATUS_LABELS.now()
    # Each action's words, translated once for the page rather than once a title: the same
    # few actions (TITLE_ACTIONS) on every one of fifty titles.
    worded: dict[str, SimpleNamespace] = {}
    items = []
    for award in titles:
        pk = award.pk
        confirming, editing = [], []
        for name, shared in award.actions.items():
            action = worded.get(name)
            if action is None:
                action = worded[name] = _worded(shared)
            if name in ("confirm", "unconfirm"):
                confirming.append(
                    format_html(
                        CONFIRM_FORM,
                        confirm(pk),
                        csrf,
                        "1" if name == "confirm" else "0",
                        action.style,
                        name,
                        action.label,
                    )
                )
            if name in ("cite", "correct"):
                reason = (
                    format_html(CITATION_REASON, pk, action.reason_label, pk)
                    if action.needs_reason
                    else ""
                )
                editing.append(
                    format_html(
                        CITATION_FORM,
                        action.label,
                        citation(pk),
                        csrf,
                        pk,
                        citation_label,
                        pk,
                        award.citation,
                        reason,
                        action.style,
                        save,
                    )
                )
            elif name == "fund":
                editing.append(
                    format_html(
                        SUPPORT_FORM,
                        action.label,
                        floatformat(award.support_amount, "2g"),
                        support(pk),
                        csrf,
                        pk,
                        amount_label,
                        pk,
                        award.support_amount,
                        action.style,
                        save_amount,
                    )
                )
            elif name == "withdraw":
                asks = format_html(' data-confirm="{}"', action.confirm) if action.confirm else ""
                editing.append(
                    format_html(
                        WITHDRAW_FORM,
                        action.label,
                        withdraw(pk),
                        asks,
                        csrf,
                        pk,
                        action.reason_label,
                        pk,
                        action.style,
                        action.label,
                    )
                )
        status = award.status
        items.append(
            format_html(
                TITLE_ITEM,
                award.kind,
                status,
                award.name,
                award.station_name,
                award.plaque_number,
                award.badge,
                statuses[status],
                award.citation,
                mark_safe("".join(confirming)),  # noqa: S308
                mark_safe("".join(editing)),  # noqa: S308
            )
        )
    return mark_safe("".join(items))  # noqa: S308


# A candidate of the shortlist (templates/awards/staff_year.html): fifty rows a page, each
# some thirty lookups, escapes and localised numbers through the template language, half of
# the selection page's drawing at national size (issue 26). One format_html a row; the
# markup is the template's as it was, byte for byte.
CANDIDATE_ROW = (
    "\n  <tr>\n    {}\n"
    "    <td>{}</td>\n"
    '    <td><label for="pick-{}" class="text-break">{}</label><div class="small text-muted">'
    '<span class="font-monospace">{}</span> · {} · {}</div></td>\n'
    "    {}\n"
    '    <td class="fw-semibold">{}</td>\n'
    '    <td class="small">{}</td>\n'
    '    <td class="small">{}<div class="text-muted">{}</div></td>\n'
    "  </tr>\n  "
)
CANDIDATE_PICK = (
    '<td><input type="hidden" name="shown" value="{}"><input class="form-check-input"'
    ' type="checkbox" name="station" value="{}" id="pick-{}" aria-label="{}"{}></td>'
)
FIGURE = '<td class="small">{}{}</td>'
SATISFACTION = '<div class="text-muted">{} {}</div>'


def _head_training(training) -> str:
    """What a 明星站长 candidate attended (stations.training.head_training)."""
    if training is None:
        return ""
    if not training.sessions:
        return _("never trained")
    return _("trained %(n)s times, last on %(day)s") % {
        "n": training.sessions,
        "day": training.last.strftime("%Y-%m-%d"),
    }


@register.simple_tag
def candidate_rows(rows, selectable) -> str:
    """The shortlist's rows: rank, station, the four quarters' scores (with satisfaction
    where rated), the mean and the orders; a checkbox each when the year may be selected."""
    satisfaction = _("satisfaction")
    drawn = []
    for row in rows:
        station, pk = row.station, row.station_id
        pick = (
            format_html(
                CANDIDATE_PICK, pk, pk, pk, station.name, " checked" if row.selected else ""
            )
            if selectable
            else ""
        )
        figures = mark_safe(  # noqa: S308 (each part is format_html's)
            "".join(
                format_html(
                    FIGURE,
                    shown_text(q[0]),
                    format_html(SATISFACTION, satisfaction, shown_text(q[1]))
                    if q[1] is not None
                    else "",
                )
                if q
                else format_html(FIGURE, "—", "")
                for q in row.figures
            )
        )
        drawn.append(
            format_html(
                CANDIDATE_ROW,
                pick,
                localize(row.rank),
                pk,
                station.name,
                station.plaque_number,
                row.union.name,
                row.district,
                figures,
                localize(row.mean),
                localize(row.orders),
                station.head_name,
                _head_training(getattr(row, "training", None)),
            )
        )
    return mark_safe("".join(drawn))  # noqa: S308 (each row is format_html's)
