"""A campaign's report (issue 23, item 1): its progress by union, by goods and by district,
as a PDF in the shared report layout (``documents.reports``) and as a workbook
(``campaign_xlsx``), both made by the Celery worker through the documents app.

The aid center's report covers every union and is city-wide (no union: only the aid center
reads it); a union's covers that union alone and carries it (GeneratedDocument.union), so
unions.scopes keeps it to that union. Which union's figures a report holds is the
requester's scope, read the way the progress page reads it (``campaign_progress``), from the
totals delivery_record keeps: a report of a campaign across 200,000 stations reads a few
hundred rows, never the deliveries.

The snapshot holds the figures themselves: the worker draws from them alone, and a new
delivery is a new version (a report asked for again after it is a new document; asked
for twice in between, the same one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from documents.kinds import DocumentKind
from documents.reports import ReportSpec
from documents.snapshots import Snapshot, snapshot
from unions.roles import AID_OR_ADMIN, role_of, union_of

from ..campaign_progress import Progress, campaign_progress
from ..excel.stream import XLSX
from ..excel.writer import MONEY_FORMAT, neutralise, workbook_bytes
from ..models import Campaign, CampaignKind
from .codes import Kind

# The PDF: the shared report layout, with numbers set right and totals in bold.
TEMPLATE = "documents/campaign_report.html"


@dataclass(frozen=True)
class CampaignReport:
    """The report of ``campaign`` as ``user`` may read it: every union for the aid center,
    the user's own union for union staff. ``progress`` is the page's, when it has it."""

    campaign: Campaign
    user: Any
    progress: Progress | None = field(default=None, compare=False)

    @property
    def union(self):
        """None for the city-wide report (the aid center's), else the requester's union."""
        if role_of(self.user) in AID_OR_ADMIN:
            return None
        return union_of(self.user)

    def figures(self) -> dict[str, Any]:
        progress = self.progress or campaign_progress(self.campaign, self.user)
        return campaign_figures(self.campaign, progress, self.union)


def _money(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def campaign_figures(campaign: Campaign, progress: Progress, union) -> dict[str, Any]:
    """Plain JSON of the report: the campaign's header, its goods, one row per union and per
    district, and the totals. Amounts are text (exact decimals); quantities whole numbers."""
    totals = progress.totals()
    goods = [
        {
            "name": good.name,
            "unit": good.unit,
            "price": _money(good.unit_price),
            "delivered": delivered,
            "allocated": allocated,
            "spent": _money(delivered * good.unit_price),
        }
        for good, (delivered, allocated) in zip(progress.goods, totals, strict=True)
    ]
    unions = [
        {
            "name": row.union.name,
            "stations": row.stations,
            "delivered": [done for done, _allocated in row.cell_list],
            "allocated": [allocated for _done, allocated in row.cell_list],
            "spent": _money(row.spent),
        }
        for row in progress.unions
    ]
    return {
        "campaign_id": campaign.pk,
        "kind": campaign.kind,
        "title": campaign.title,
        "starts_on": campaign.starts_on.isoformat(),
        "ends_on": campaign.ends_on.isoformat(),
        "budget": _money(campaign.budget),
        "union": union.name if union is not None else "",
        "goods": goods,
        "unions": unions,
        # The city-wide breakdown is the aid center's (campaign_progress gives it no other).
        "districts": [[district, n] for district, n in progress.districts],
        "stations": progress.stations,
        "spent": _money(progress.spent),
        "generated_on": timezone.localdate().isoformat(),
    }


def _record_key(campaign_id: int, union) -> str:
    return f"campaign:{campaign_id}" + (f":union:{union.code}" if union is not None else "")


def report_title(title: str) -> str:
    return _("%(title)s: delivery report") % {"title": title}


def _kind_words() -> dict[str, str]:
    return {value: str(label) for value, label in CampaignKind.choices}


def _share(spent: str, budget: str) -> str:
    budget_value = Decimal(budget)
    if not budget_value:
        return ""
    return f"{Decimal(spent) * 100 / budget_value:.1f}%"


def _facts(figures: dict[str, Any]) -> list[list[Any]]:
    """The header: what the campaign is and how much of its budget went out (amounts as
    Decimal, the count of stations as a number: the PDF writes them out, the workbook keeps
    them numbers)."""
    scope = figures["union"] or pgettext("campaign report", "Every union")
    return [
        [pgettext("campaign report", "Kind"), _kind_words().get(figures["kind"], figures["kind"])],
        [pgettext("campaign report", "Title"), figures["title"]],
        [
            pgettext("campaign report", "Dates"),
            _("%(start)s to %(end)s") % {"start": figures["starts_on"], "end": figures["ends_on"]},
        ],
        [pgettext("campaign report", "Covers"), scope],
        [pgettext("campaign report", "Budget (yuan)"), Decimal(figures["budget"])],
        [pgettext("campaign report", "Budget used (yuan)"), Decimal(figures["spent"])],
        [_("Stations reached"), figures["stations"]],
    ]


def _written(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _pdf_facts(figures: dict[str, Any]) -> list[list[str]]:
    share = _share(figures["spent"], figures["budget"])
    facts = [[label, _written(value)] for label, value in _facts(figures)]
    if share:
        facts[5][1] += f"（{share}）"
    return facts


def _good_label(good: dict[str, Any]) -> str:
    return f"{good['name']}（{good['unit']}）"


def _pdf_sections(figures: dict[str, Any]) -> list[dict[str, Any]]:
    goods = figures["goods"]
    union_rows = [
        [u["name"], f"{u['stations']:,}"]
        + [f"{d:,} / {a:,}" for d, a in zip(u["delivered"], u["allocated"], strict=True)]
        + [f"{Decimal(u['spent']):,.2f}"]
        for u in figures["unions"]
    ]
    union_total = (
        [pgettext("campaign report", "Total"), f"{figures['stations']:,}"]
        + [f"{g['delivered']:,} / {g['allocated']:,}" for g in goods]
        + [f"{Decimal(figures['spent']):,.2f}"]
    )
    sections: list[dict[str, Any]] = [
        {"heading": pgettext("campaign report", "Overview"), "facts": _pdf_facts(figures)},
        {
            "heading": pgettext("campaign report", "By union"),
            "paragraphs": [_("Each goods column shows delivered / allocated.")],
            "table": {
                "columns": [pgettext("campaign report", "Union"), _("Stations reached")]
                + [_good_label(g) for g in goods]
                + [_("Yuan used")],
                "rows": union_rows,
                "total": union_total if len(union_rows) > 1 else None,
            },
        },
        {
            "heading": pgettext("campaign report", "By goods"),
            "table": {
                "columns": [
                    pgettext("campaign report", "Goods"),
                    pgettext("campaign report", "Price per unit (yuan)"),
                    pgettext("campaign report", "Delivered"),
                    pgettext("campaign report", "Allocated"),
                    _("Yuan used"),
                ],
                "rows": [
                    [
                        _good_label(g),
                        f"{Decimal(g['price']):,.2f}",
                        f"{g['delivered']:,}",
                        f"{g['allocated']:,}",
                        f"{Decimal(g['spent']):,.2f}",
                    ]
                    for g in goods
                ],
                "total": [
                    pgettext("campaign report", "Total"),
                    "",
                    "",
                    "",
                    f"{Decimal(figures['spent']):,.2f}",
                ],
            },
        },
    ]
    if not figures["union"]:
        districts = figures["districts"]
        sections.append(
            {
                "heading": pgettext("campaign report", "By district"),
                "paragraphs": [] if districts else [_("No station reached yet.")],
                "table": {
                    "columns": [pgettext("campaign report", "District"), _("Stations reached")],
                    "rows": [[d, f"{n:,}"] for d, n in districts],
                    "total": [
                        pgettext("campaign report", "Total"),
                        f"{sum(n for _d, n in districts):,}",
                    ],
                }
                if districts
                else None,
            }
        )
    return sections


def campaign_report_spec(report: CampaignReport) -> ReportSpec:
    """The PDF, in the shared report layout: scoped like the requester's figures."""
    figures = report.figures()
    union = report.union
    key = f"campaign-{report.campaign.pk}" + (f"-union-{union.code}" if union else "")
    return ReportSpec(
        key=key,
        title=report_title(report.campaign.title),
        context={
            # Whose figures: the running head beside the issuing office's name.
            "subtitle": union.name
            if union is not None
            else pgettext("campaign report", "Every union"),
            "generated_on": figures["generated_on"],
            "sections": _pdf_sections(figures),
        },
        union_id=union.pk if union is not None else None,
        template=TEMPLATE,
    )


def campaign_workbook_snapshot(report: CampaignReport) -> Snapshot:
    figures = report.figures()
    union = report.union
    return snapshot(
        Kind.CAMPAIGN_REPORT,
        record_key=_record_key(report.campaign.pk, union),
        title=report_title(report.campaign.title),
        union_id=union.pk if union is not None else None,
        payload={**figures, "language": translation.get_language() or settings.LANGUAGE_CODE},
    )


def _sheet(book, title: str, header: list[str], widths: list[int]):
    sheet = book.create_sheet(title[:31])
    _row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, (width, label) in enumerate(zip(widths, header, strict=True), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(
            width, _display_width(label) + 2
        )
    sheet.freeze_panes = "B2"
    return sheet


def _display_width(text: str) -> int:
    """Columns are measured in Latin characters; a Chinese one takes two."""
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def _bold_last_row(sheet) -> None:
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _money_cell(sheet, row: int, column: int) -> None:
    sheet.cell(row=row, column=column).number_format = MONEY_FORMAT


def _overview_sheet(book, figures: dict[str, Any]) -> None:
    overview = _sheet(
        book,
        pgettext("campaign report", "Overview"),
        [pgettext("campaign report", "Item"), pgettext("campaign report", "Value")],
        [18, 48],
    )
    overview.freeze_panes = None
    for label, value in _facts(figures):
        _row(overview, [label, value])
        if isinstance(value, Decimal):
            _money_cell(overview, overview.max_row, 2)
    _row(overview, [_("Generated on"), figures["generated_on"]])
    for row in overview.iter_rows(min_row=2, max_col=1):
        row[0].font = Font(bold=True)


def _union_sheet(book, figures: dict[str, Any]) -> None:
    goods = figures["goods"]
    header = [pgettext("campaign report", "Union"), _("Stations reached")]
    for good in goods:
        label = _good_label(good)
        header += [
            _("%(goods)s delivered") % {"goods": label},
            _("%(goods)s allocated") % {"goods": label},
        ]
    header.append(_("Yuan used"))
    by_union = _sheet(
        book,
        pgettext("campaign report", "By union"),
        header,
        [24, 12] + [14] * (2 * len(goods)) + [16],
    )
    for u in figures["unions"]:
        cells: list[Any] = [u["name"], u["stations"]]
        for delivered, allocated in zip(u["delivered"], u["allocated"], strict=True):
            cells += [delivered, allocated]
        _row(by_union, [*cells, Decimal(u["spent"])])
        _money_cell(by_union, by_union.max_row, len(header))
    total: list[Any] = [pgettext("campaign report", "Total"), figures["stations"]]
    for good in goods:
        total += [good["delivered"], good["allocated"]]
    _row(by_union, [*total, Decimal(figures["spent"])])
    _money_cell(by_union, by_union.max_row, len(header))
    _bold_last_row(by_union)


def _goods_sheet(book, figures: dict[str, Any]) -> None:
    goods = figures["goods"]
    by_goods = _sheet(
        book,
        pgettext("campaign report", "By goods"),
        [
            pgettext("campaign report", "Goods"),
            pgettext("campaign report", "Unit"),
            pgettext("campaign report", "Price per unit (yuan)"),
            pgettext("campaign report", "Delivered"),
            pgettext("campaign report", "Allocated"),
            _("Yuan used"),
        ],
        [18, 8, 14, 12, 12, 16],
    )
    for good in goods:
        _row(
            by_goods,
            [
                good["name"],
                good["unit"],
                Decimal(good["price"]),
                good["delivered"],
                good["allocated"],
                Decimal(good["spent"]),
            ],
        )
        _money_cell(by_goods, by_goods.max_row, 3)
        _money_cell(by_goods, by_goods.max_row, 6)
    _row(
        by_goods, [pgettext("campaign report", "Total"), "", "", "", "", Decimal(figures["spent"])]
    )
    _money_cell(by_goods, by_goods.max_row, 6)
    _bold_last_row(by_goods)


def _district_sheet(book, figures: dict[str, Any]) -> None:
    by_district = _sheet(
        book,
        pgettext("campaign report", "By district"),
        [pgettext("campaign report", "District"), _("Stations reached")],
        [16, 12],
    )
    for district, n in figures["districts"]:
        _row(by_district, [district, n])
    _row(
        by_district,
        [pgettext("campaign report", "Total"), sum(n for _d, n in figures["districts"])],
    )
    _bold_last_row(by_district)


def _write_workbook(figures: dict[str, Any]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    _overview_sheet(book, figures)
    _union_sheet(book, figures)
    _goods_sheet(book, figures)
    if not figures["union"]:
        # The city-wide breakdown is the aid center's, as on the progress page.
        _district_sheet(book, figures)
    return workbook_bytes(book)


def _row(sheet, values: list) -> None:
    """A row of text a clerk or the aid center typed (titles, goods, names): what a
    spreadsheet would evaluate is written as text, as in every export."""
    sheet.append([neutralise(value) for value in values])


def campaign_workbook_produce(payload: dict[str, Any]) -> bytes:
    """The worker's part: the workbook from the snapshot's figures alone (a few hundred
    cells, whatever the number of deliveries)."""
    with translation.override(payload.get("language") or settings.LANGUAGE_CODE):
        return _write_workbook(payload)


def campaign_workbook_kind() -> DocumentKind:
    return DocumentKind(
        code=Kind.CAMPAIGN_REPORT,
        label=Kind.CAMPAIGN_REPORT.label,
        snapshot=campaign_workbook_snapshot,
        record=CampaignReport,
        produce=campaign_workbook_produce,
        file_extension="xlsx",
        file_content_type=XLSX,
    )
