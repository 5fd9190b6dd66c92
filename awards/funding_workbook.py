"""The funding ledger as a workbook (经费支持台账): one row per item a union received in the
year (a campaign's good, or a title's support amount at its station), each union's subtotal,
the year's total; for the aid center, a second sheet of the year against its budgets.

Chinese headers from the catalog (English msgids), money as ``#,##0.00``. Small and bounded
(a year's campaigns × goods × unions, plus its funded titles: a few hundred rows), so the
view answers with the file itself rather than queueing a document job as the registry's and
the campaign reports' exports do (stations/views/exports.py, documents/).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from stations.excel.writer import MONEY_FORMAT, neutralise, workbook_bytes

from .caches import kept_workbook
from .funding import Budgets, Ledger

BOLD = Font(bold=True)
# Column widths in Latin characters (a Chinese character takes two).
LEDGER_WIDTHS = (24, 14, 28, 26, 30, 10, 8, 14, 16)
BUDGET_WIDTHS = (36, 16, 16, 16)


def _header(sheet, labels: list[str], widths: tuple[int, ...]) -> None:
    sheet.append(labels)
    for index, (cell, width) in enumerate(zip(sheet[1], widths, strict=True), start=1):
        cell.font = BOLD
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _append(sheet, values: list, money: tuple[int, ...], bold: bool = False) -> None:
    # Names a clerk typed (campaigns, goods, unions, stations): what a spreadsheet would
    # evaluate is written as text, as in every export.
    sheet.append([neutralise(value) for value in values])
    row = sheet.max_row
    for column in money:
        sheet.cell(row=row, column=column).number_format = MONEY_FORMAT
    if bold:
        for cell in sheet[row]:
            cell.font = BOLD


def _ledger_labels() -> list[str]:
    return [
        pgettext("funding ledger", "Union"),
        pgettext("funding ledger", "Kind of support"),
        pgettext("funding ledger", "Campaign or award"),
        pgettext("funding ledger", "Goods or awardee"),
        pgettext("funding ledger", "Station"),
        pgettext("funding ledger", "Quantity"),
        pgettext("funding ledger", "Unit"),
        pgettext("funding ledger", "Price per unit (yuan)"),
        pgettext("funding ledger", "Amount (yuan)"),
    ]


# A row of a sheet: its values, the columns written as money, whether it is bold.
Row = tuple[list, tuple[int, ...], bool]


def _ledger_rows(ledger: Ledger) -> list[Row]:
    rows: list[Row] = []
    goods_kind, award_kind = _("Campaign goods"), _("Award support")
    for row in ledger.unions:
        name = row.union.name
        for line in row.goods:
            rows.append(
                (
                    [
                        name,
                        goods_kind,
                        line.campaign.title,
                        line.good,
                        "",
                        line.quantity,
                        line.unit,
                        line.unit_price,
                        line.amount,
                    ],
                    (8, 9),
                    False,
                )
            )
        for line in row.awards:
            award = line.award
            rows.append(
                (
                    [
                        name,
                        award_kind,
                        award.title,
                        award.name,
                        f"{award.plaque_number} {award.station_name}",
                        None,
                        "",
                        None,
                        line.amount,
                    ],
                    (9,),
                    False,
                )
            )
        rows.append(([name, _("Subtotal"), "", "", "", None, "", None, row.total], (9,), True))
    rows.append(([_("Total"), "", "", "", "", None, "", None, ledger.total], (9,), True))
    return rows


def _budget_labels() -> list[str]:
    return [
        pgettext("funding ledger", "Budget"),
        pgettext("funding ledger", "Budget (yuan)"),
        pgettext("funding ledger", "Used (yuan)"),
        pgettext("funding ledger", "Left (yuan)"),
    ]


def _budget_rows(budgets: Budgets, year: int) -> list[Row]:
    rows: list[Row] = [
        ([row.campaign.title, row.campaign.budget, row.used, row.left], (2, 3, 4), False)
        for row in budgets.campaigns
    ]
    awards = _("%(year)s annual awards") % {"year": year}
    rows.append(
        (
            [awards, budgets.awards_budget, budgets.awards_granted, budgets.awards_left],
            (2, 3, 4),
            False,
        )
    )
    if budgets.awards_planned:
        rows.append(
            (
                [_("Planned for the titles not yet published"), None, budgets.awards_planned, None],
                (3,),
                False,
            )
        )
    rows.append(([_("Total"), budgets.budget, budgets.used, budgets.left], (2, 3, 4), True))
    return rows


def funding_workbook(ledger: Ledger, budgets: Budgets | None = None) -> bytes:
    """The ledger (and, for the aid center, the budgets) as .xlsx bytes, in Chinese: drawn
    once and kept under the digest of every value its sheets show (awards/caches.py), as a
    filing's workbook is. openpyxl's drawing and saving were 27–42 ms of a 51 ms download at
    national size (issue 26); any change to a value shown is a new digest, a new drawing."""
    with translation.override(settings.LANGUAGE_CODE):
        sheets = [
            (_("Support received")[:31], _ledger_labels(), LEDGER_WIDTHS, _ledger_rows(ledger))
        ]
        if budgets is not None:
            sheets.append(
                (
                    _("Against the budget")[:31],
                    _budget_labels(),
                    BUDGET_WIDTHS,
                    _budget_rows(budgets, ledger.year),
                )
            )
    return kept_workbook(sheets, _draw)


def _draw(sheets) -> bytes:
    book = Workbook()
    for index, (title, labels, widths, rows) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet(title)
        sheet.title = title
        _header(sheet, labels, widths)
        for values, money, bold in rows:
            _append(sheet, values, money, bold=bold)
    return workbook_bytes(book)
