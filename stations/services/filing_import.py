"""Import a filled-in 附件1 workbook as a draft filing with its stations: all or nothing.

Every row is parsed and every problem collected, named by its Excel row and column; a file
with any problem saves nothing (DESIGN invariant), so that the clerk fixes the file once
and uploads it again rather than chasing a half-imported filing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connections, models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from history.models import RecordChange
from history.writer import record_change, stations_recorded
from unions.models import HostUnit, Union

from ..excel.convert import ImportProblem, RowProblems, station_fields
from ..excel.layout import layout
from ..excel.reader import FilingSheet, SheetRow, WorkbookError, read_filing
from ..models import FilingForm, Station, StationStatus
from ..parsing import normalize_text
from ..permissions import record_check
from ..validation import duplicate_message, registered_duplicates, unit_name_problem

__all__ = ["ImportProblem", "ImportResult", "filing_import"]

UNIT_MAX_LENGTHS = {"unit_name": 100, "head_name": 50, "head_email": 254, "head_phone": 30}
_DB_CHUNK = 500  # names per IN (...) query, under SQLite's parameter limit
_SAVE_BATCH = 500


@dataclass
class ImportResult:
    filing: FilingForm | None = None
    station_count: int = 0
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.filing is not None and not self.problems


@transaction.atomic
def filing_import(*, file, union: Union, by) -> ImportResult:
    """Read ``file`` (a path or file object) and create a draft FilingForm for ``union``.

    ``by=None`` is the batch load from the command line (manage.py import_filing), made by
    whoever runs the server; every person is checked: a union's staff for their own union."""
    if by is not None:
        record_check(by, "filing", union)
    try:
        sheet = read_filing(file)
    except WorkbookError as exc:
        return ImportResult(problems=[ImportProblem(row=None, column="", message=str(exc))])

    label = _sheet_labeller(sheet)
    problems = [
        ImportProblem(
            row=row,
            column=column.label,
            message=_("The column “%(column)s” is missing from the header row.")
            % {"column": column.header},
            sheet=label(name),
        )
        for name, row, column in sheet.missing_columns
    ]
    unit = _unit(sheet, problems, label, union)
    if not sheet.rows:
        problems.append(
            ImportProblem(row=sheet.header_row, column="", message=_("The form lists no station."))
        )

    stations: list[tuple[SheetRow, dict]] = []
    if not sheet.missing_columns:
        language, today = get_language(), timezone.localdate()
        for row in sheet.rows:
            row_problems = RowProblems(row, label(row.sheet))
            fields = station_fields(
                row, union=union, problems=row_problems, language=language, today=today
            )
            problems.extend(row_problems.problems)
            stations.append((row, fields))
        problems.extend(_duplicates(stations, label, union))

    if problems:
        return ImportResult(problems=_ordered(problems, sheet))
    filing = _save(union=union, by=by, unit=unit, stations=stations)
    return ImportResult(filing=filing, station_count=len(stations))


def _sheet_labeller(sheet: FilingSheet):
    """Name the sheet in messages only when the form spans several sheets (可分页)."""
    several = len(sheet.sheets) > 1
    return lambda name: name if several else ""


def _unit(sheet: FilingSheet, problems: list[ImportProblem], label, union: Union) -> dict[str, str]:
    """推荐单位名称, 负责人姓名, 负责人邮箱, 负责人电话: all required on the form."""
    unit: dict[str, str] = {}
    for spec in layout().unit:
        found = sheet.unit.get(spec.key)
        value = normalize_text(found.value) if found else ""
        where = {
            "row": found.row if found else sheet.header_row,
            "column": spec.label,
            "sheet": label(found.sheet) if found else "",
        }
        if found is None:
            problems.append(
                ImportProblem(
                    **where,
                    message=_("The unit row “%(label)s” was not found above the table.")
                    % {"label": spec.label},
                )
            )
        elif not value:
            problems.append(
                ImportProblem(**where, message=_("This cell is empty; it is required."))
            )
        elif len(value) > UNIT_MAX_LENGTHS[spec.key]:
            problems.append(
                ImportProblem(
                    **where,
                    message=_("At most %(max)s characters.") % {"max": UNIT_MAX_LENGTHS[spec.key]},
                )
            )
        elif spec.key == "unit_name" and unit_name_problem(union, value):
            problems.append(ImportProblem(**where, message=unit_name_problem(union, value)))
        elif spec.key == "head_email":
            try:
                validate_email(value)
            except ValidationError:
                problems.append(
                    ImportProblem(
                        **where,
                        message=_("“%(value)s” is not an e-mail address.") % {"value": value},
                    )
                )
        unit[spec.key] = value
    return unit


def _duplicates(stations, label, union: Union) -> list[ImportProblem]:
    """The same name and address twice in the file, or already registered.

    Registered means what the online form checks too (stations/validation.py): the union's
    own stations and public ones of any union, never another union's drafts.
    """
    name_label = layout().column("name").label

    def problem(row: SheetRow, message: str) -> ImportProblem:
        return ImportProblem(
            row=row.number,
            column=name_label,
            message=message,
            sheet=label(row.sheet),
            letter=row.letters.get("name", ""),
        )

    problems: list[ImportProblem] = []
    first: dict[tuple[str, str], SheetRow] = {}  # (name, address) -> the row that has it first
    for row, fields in stations:
        key = (fields.get("name"), fields.get("address"))
        if not all(key):
            continue
        if key in first:
            message = _("The same station (name and address) is already on row %(row)s.")
            problems.append(problem(row, message % {"row": first[key].number}))
        else:
            first[key] = row
    # A registered station is reported once, on its first row; later copies already are.
    for key in sorted(
        registered_duplicates(union=union, keys=first), key=lambda k: first[k].number
    ):
        problems.append(problem(first[key], duplicate_message()))
    return problems


def _ordered(problems: list[ImportProblem], sheet: FilingSheet) -> list[ImportProblem]:
    order = {name: i for i, name in enumerate(sheet.sheets)}
    columns = {c.label: i for i, c in enumerate(layout().all_columns)}
    units = {u.label: -1 for u in layout().unit}
    return sorted(
        problems,
        key=lambda p: (
            order.get(p.sheet, 0),
            p.row or 0,
            units.get(p.column, columns.get(p.column, len(columns))),
        ),
    )


def _save(*, union: Union, by, unit: dict[str, str], stations) -> FilingForm:
    filing = FilingForm.objects.create(
        union=union,
        created_by=by,
        status=FilingForm.Status.DRAFT,
        source=FilingForm.Source.EXCEL,
        **unit,
    )
    hosts = _host_units(union, stations)
    # Built and inserted a batch at a time: 20,000 stations' values at once would cost tens
    # of MB more for nothing (the import stays under 200 MB peak RSS).
    insert = _StationInsert(filing=filing, union=union, status=StationStatus.DRAFT)
    for start in range(0, len(stations), _SAVE_BATCH):
        rows = []
        for position, (row, fields) in enumerate(
            stations[start : start + _SAVE_BATCH], start=start + 1
        ):
            fields = dict(fields)
            host = hosts.get(fields.pop("host_unit_name", ""))
            fields["row_number"] = _row_number(row.values.get("seq"), position)
            fields["host_unit_id"] = host.pk if host else None
            rows.append(fields)
        insert.rows(rows)
    # One row per station, so that every station's page shows where it came from.
    stations_recorded(filing.stations.all(), action=RecordChange.Action.IMPORTED, by=by)
    record_change(
        record=RecordChange.Record.FILING,
        record_id=filing.pk,
        union_id=union.pk,
        filing_id=filing.pk,
        action=RecordChange.Action.IMPORTED,
        by=by,
        changes={"stations": ["", str(len(stations))]},
    )
    return filing


# Text columns whose field stores a str as it is (CharField.get_prep_value is to_python, which
# returns a str unchanged): their values skip the field's preparation, the import's largest
# per-value cost. A subclass may prepare differently, so only these exact types.
_PLAIN_TEXT = (models.CharField, models.TextField)


class _StationInsert:
    """Stations of one filing inserted as ``bulk_create`` would insert them, for less.

    ``bulk_create`` prepares every column of every row through its field (46 columns, most
    the same in every row of an import: the filing, the union, the status, the defaults, the
    times) and builds a model object per row first; for a 5,000-row filing that was most of
    the import's time (issue 26). Here the columns every row shares are prepared once, from
    one Station made with them, and each row's own values through the same fields'
    ``get_db_prep_save``: the rows stored are the ones ``bulk_create`` would store."""

    def __init__(self, **same) -> None:
        self.connection = connections[Station.objects.db]
        self.template = Station(**same)
        self.fields = [f for f in Station._meta.concrete_fields if not f.primary_key]

    def rows(self, rows: list[dict]) -> None:
        if not rows:
            return
        connection, template = self.connection, self.template
        own = {name for row in rows for name in row}
        shared = {
            f.attname: f.get_db_prep_save(f.pre_save(template, add=True), connection)
            for f in self.fields
            if f.attname not in own
        }
        columns = [
            (f.attname, f, getattr(template, f.attname), type(f) in _PLAIN_TEXT)
            for f in self.fields
            if f.attname in own
        ]
        values = [
            [shared[f.attname] for f in self.fields if f.attname in shared]
            + [
                value if plain and type(value) is str else f.get_db_prep_save(value, connection)
                for name, f, default, plain in columns
                for value in (row.get(name, default),)
            ]
            for row in rows
        ]
        quote = connection.ops.quote_name
        names = [f.column for f in self.fields if f.attname in shared] + [
            f.column for _name, f, _default, _plain in columns
        ]
        sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (the model's own names)
            quote(Station._meta.db_table),
            ", ".join(quote(name) for name in names),
            ", ".join(["%s"] * len(names)),
        )
        with connection.cursor() as cursor:
            cursor.executemany(sql, values)


def _row_number(seq, position: int) -> int:
    """序号 as the clerk numbered the row, else its position in the file."""
    text = normalize_text(seq)
    try:
        number = int(float(text))
    except (ValueError, OverflowError):
        return position
    return number if number > 0 else position


def _host_units(union: Union, stations) -> dict[str, HostUnit]:
    """创设单位 by name, created for the union when new (carrier type from the first row)."""
    wanted: dict[str, str] = {}
    for _row, fields in stations:
        name = fields.get("host_unit_name")
        if name:
            wanted.setdefault(name, fields["carrier_type"])
    if not wanted:
        return {}
    names = sorted(wanted)
    chunks = [names[i : i + _DB_CHUNK] for i in range(0, len(names), _DB_CHUNK)]
    existing = {
        name
        for chunk in chunks
        for name in HostUnit.objects.filter(union=union, name__in=chunk).values_list(
            "name", flat=True
        )
    }
    HostUnit.objects.bulk_create(
        [
            HostUnit(union=union, name=name, carrier_type=carrier)
            for name, carrier in wanted.items()
            if name not in existing
        ],
        # Another import of the same union may create the same unit at the same moment.
        ignore_conflicts=True,
    )
    return {
        host.name: host
        for chunk in chunks
        for host in HostUnit.objects.filter(union=union, name__in=chunk)
    }
