"""One station row of 附件1 to Station fields, collecting every problem instead of stopping."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, partial

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from unions.models import CarrierType, Union

from ..datum import datum_from_text, default_datum, to_wgs84
from ..models import Audience
from ..parsing import (
    ParseError,
    normalize_text,
    parse_area,
    parse_hours,
    parse_mobile,
    parse_month_date,
    parse_services,
)
from ..validation import default_audience, district_problem, station_row_problems
from .layout import layout
from .reader import SheetRow

# Longer than the model allows would be cut silently by some databases; say so instead.
MAX_LENGTHS = {"name": 200, "address": 300, "head_name": 50, "hours": 100, "host_unit": 200}
# The row rules name Station fields; a problem is reported in the form's column.
_COLUMN_OF_FIELD = {
    "area_m2": "area",
    "services": "services",
    "services_other": "services",
    "latitude": "latitude",
    "longitude": "longitude",
    "planned_completion": "planned",
}


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with the file: where (sheet, Excel row, column) and what."""

    row: int | None
    column: str
    message: str
    sheet: str = ""
    letter: str = ""

    def __str__(self) -> str:
        values = {"row": self.row, "column": self.column, "message": self.message}
        if self.row is None:
            if self.column:
                return _("[%(column)s] %(message)s") % values
            return self.message
        if not self.column:
            return _("Row %(row)s: %(message)s") % values
        if self.sheet:
            return _("Sheet “%(sheet)s”, row %(row)s [%(column)s] %(message)s") % {
                **values,
                "sheet": self.sheet,
            }
        return _("Row %(row)s [%(column)s] %(message)s") % values


class RowProblems:
    """Collects the problems of one row, each named by its column."""

    def __init__(self, row: SheetRow, sheet_label: str) -> None:
        self.row = row
        self.sheet = sheet_label
        self.problems: list[ImportProblem] = []

    def add(self, key: str, message: str) -> None:
        self.problems.append(
            ImportProblem(
                row=self.row.number,
                column=layout().column(key).label,
                message=str(message),
                sheet=self.sheet,
                letter=self.row.letters.get(key, ""),
            )
        )


# What clerks type repeats down a filing (the same hours, services, completion month and
# area in row after row, pasted): each distinct text is parsed once and its reading, or the
# message of its problem, reused (issue 26: parsing 5,000 rows took more than reading them).
# Keyed by the language too, as a message is worded in the language it was raised in; the
# parsers read nothing but their text. Rows share a reading (a list of hours or services):
# nothing changes one after it is read. Emptied when it holds MEMO_SIZE readings.
MEMO_SIZE = 10_000
_readings: dict[tuple, tuple[object, object]] = {}


def _remembered(parse):
    def read(value, language: str | None = None):
        # The caller may pass the active language, asked for once a row rather than per cell.
        if language is None:
            language = translation.get_language()
        key = (parse.__name__, language, type(value), value)
        try:
            found = _readings.get(key)
        except TypeError:  # not hashable (never from a cell): read it as it is
            return parse(value)
        if found is None:
            try:
                found = (parse(value), None)
            except ParseError as exc:
                found = (None, exc.message)
            if len(_readings) >= MEMO_SIZE:
                _readings.clear()
            _readings[key] = found
        reading, problem = found
        if problem is not None:
            raise ParseError(problem)
        return reading

    return read


_area = _remembered(parse_area)
_month_date = _remembered(parse_month_date)
_hours_of = _remembered(parse_hours)
_services_of = _remembered(parse_services)


def station_fields(
    row: SheetRow,
    *,
    union: Union,
    problems: RowProblems,
    language: str | None = None,
    today: dt.date | None = None,
) -> dict:
    """Station model fields from one row; problems are added to ``problems``.

    ``language`` and ``today`` are read once by a caller converting many rows (the import)."""
    v = row.values
    fields: dict = {}
    language = language or translation.get_language()
    for key, field in (("name", "name"), ("address", "address"), ("head_name", "head_name")):
        fields[field] = _required_text(v.get(key), key, problems)
    for key, parse, field in (
        ("head_mobile", parse_mobile, "head_mobile"),
        ("area", partial(_area, language=language), "area_m2"),
        ("planned", partial(_month_date, language=language), "planned_completion"),
    ):
        fields[field] = _parsed(v.get(key), key, parse, problems)
    fields.update(_hours(v.get("hours"), problems, language))
    fields.update(_services(v.get("services"), problems, language))
    fields["district"] = _district(v, union, problems)
    fields["carrier_type"] = carrier_type(v.get("carrier"), language=language)
    fields["audience"] = _audience(v.get("audience"), union, problems, language)
    fields.update(_coordinates(v, problems))
    host = _text(v.get("host_unit"))
    if len(host) > MAX_LENGTHS["host_unit"]:
        problems.add("host_unit", _too_long(MAX_LENGTHS["host_unit"]))
    fields["host_unit_name"] = host
    # The rules shared with the online form (stations/validation.py), on what was read.
    for problem in station_row_problems(
        area_m2=fields.get("area_m2"),
        services=fields.get("services"),
        services_other=fields.get("services_other", ""),
        latitude=fields.get("latitude"),
        longitude=fields.get("longitude"),
        planned_completion=fields.get("planned_completion"),
        today=today,
    ):
        problems.add(_COLUMN_OF_FIELD[problem.field], problem.message)
    return fields


def _text(value) -> str:
    """A cell's text. Every str of a row is normalised once by the reader as it reads it
    (reader._cell, reader.SheetRow), so only other values (numbers, dates) are made text
    here: normalising again cost the import a tenth of its time (issue 26)."""
    return value if isinstance(value, str) else normalize_text(value)


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _missing() -> str:
    return _("This cell is empty; it is required.")


def _too_long(limit: int) -> str:
    return _("At most %(max)s characters.") % {"max": limit}


def _required_text(value, key: str, problems: RowProblems) -> str:
    text = _text(value)
    if not text:
        problems.add(key, _missing())
    elif key in MAX_LENGTHS and len(text) > MAX_LENGTHS[key]:
        problems.add(key, _too_long(MAX_LENGTHS[key]))
    return text


def _parsed(value, key: str, parse, problems: RowProblems):
    if _empty(value):
        problems.add(key, _missing())
        return None
    try:
        return parse(value)
    except ParseError as exc:
        problems.add(key, str(exc))
        return None


def _hours(value, problems: RowProblems, language: str | None) -> dict:
    text = _text(value)
    if not text:
        problems.add("hours", _missing())
        return {}
    if len(text) > MAX_LENGTHS["hours"]:
        problems.add("hours", _too_long(MAX_LENGTHS["hours"]))
    try:
        slots, open_24h = _hours_of(text, language)
    except ParseError as exc:
        problems.add("hours", str(exc))
        return {}
    return {"opening_hours_text": text, "opening_hours": slots, "open_24h": open_24h}


def _services(value, problems: RowProblems, language: str | None) -> dict:
    if _empty(value):
        problems.add("services", _missing())
        return {}
    codes, other = _services_of(value, language)
    return {"services": codes, "services_other": other}


# --- Districts ------------------------------------------------------------------------


def _short(district: str) -> str:
    for suffix in ("新区", "区", "县"):
        if district.endswith(suffix) and len(district) > len(suffix) + 1:
            return district[: -len(suffix)]
    return district


def district_named(value) -> str | None:
    """The district a 所在区 cell names: 黄浦区, 黄浦, 浦东新区, 浦东."""
    text = normalize_text(value).replace(" ", "")
    for district in settings.DISTRICTS:
        if text in (district, _short(district), _short(district) + "区"):
            return district
    return None


@cache
def _district_names(districts: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str]]:
    return {d: d for d in districts}, {_short(d): d for d in districts}


def district_in_address(address: str) -> str | None:
    """The district an address names, full names first (上海市黄浦区…), then short (浦东…).

    The earliest mention wins, because addresses run from the large unit to the small one.
    """
    for names in _district_names(tuple(settings.DISTRICTS)):
        hits = [(address.find(name), district) for name, district in names.items()]
        hits = [hit for hit in hits if hit[0] >= 0]
        if hits:
            return min(hits)[1]
    return None


def _district(v: dict, union: Union, problems: RowProblems) -> str:
    named = None
    if not _empty(v.get("district")):
        named = district_named(v["district"])
        if named is None:
            problems.add(
                "district",
                _("“%(value)s” is not a district of %(city)s.")
                % {"value": _text(v["district"]), "city": settings.CITY_NAME},
            )
            return ""
    if union.kind == Union.Kind.DISTRICT and union.district:
        message = district_problem(union, named or "")
        if message:
            problems.add("district", message)
        return union.district
    district = named or district_in_address(_text(v.get("address")))
    if district is None:
        problems.add(
            "address",
            _(
                "The district cannot be determined: name it in the address or in the “%(column)s” column."
            )
            % {"column": layout().column("district").header},
        )
        return ""
    return district


# --- Carrier type and audience ----------------------------------------------------------


@cache
def _exact_names(choices_key: str, language: str | None) -> dict[str, str]:
    """Code, English label and translated label -> code, lower-cased (once per language)."""
    choices = {"carrier": CarrierType, "audience": Audience}[choices_key]
    names = {code: code for code in choices.values}
    names.update({str(label).lower(): code for code, label in choices.choices})
    return names


@cache
def _aliases(vocabulary: str) -> tuple[tuple[str, str], ...]:
    """(alias, code) pairs from attachment1.toml, longest alias first."""
    words = getattr(layout(), vocabulary)
    pairs = [(alias, code) for code, aliases in words.items() for alias in aliases]
    return tuple(sorted(pairs, key=lambda item: -len(item[0])))


def _vocabulary_code(
    text: str, choices_key: str, vocabulary: str, language: str | None = None
) -> str | None:
    if language is None:
        language = translation.get_language()
    exact = _exact_names(choices_key, language).get(text.lower())
    if exact:
        return exact
    return next((code for alias, code in _aliases(vocabulary) if alias in text), None)


def carrier_type(value, *, language: str | None = None) -> str:
    """创设载体 from the form's names or what clerks type; anything else is “other”."""
    text = normalize_text(value)
    if not text:
        return CarrierType.OTHER
    return _vocabulary_code(text, "carrier", "carrier_aliases", language) or CarrierType.OTHER


def _audience(value, union: Union, problems: RowProblems, language: str | None) -> str:
    text = _text(value)
    if not text:
        return default_audience(union)
    code = _vocabulary_code(text, "audience", "audience_aliases", language)
    if code is None:
        problems.add(
            "audience",
            _("“%(value)s” is not a known audience; write %(choices)s.")
            % {"value": text, "choices": " / ".join(layout().audience.values())},
        )
        return Audience.ALL
    return code


# --- Coordinates ------------------------------------------------------------------------


def _coordinate(value, key: str, problems: RowProblems) -> Decimal | None:
    if _empty(value):
        return None
    try:
        number = Decimal(_text(value).rstrip("°"))
    except InvalidOperation:
        problems.add(key, _("“%(value)s” is not a number.") % {"value": _text(value)})
        return None
    return number.quantize(Decimal("0.000001"))


def _coordinates(v: dict, problems: RowProblems) -> dict:
    """The numbers as typed, in WGS-84 from the datum the 坐标系 cell names (empty: the
    COORDINATE_DATUM setting); whether they make a place in the city is a row rule."""
    before = len(problems.problems)
    lng = _coordinate(v.get("longitude"), "longitude", problems)
    lat = _coordinate(v.get("latitude"), "latitude", problems)
    try:
        datum = datum_from_text(v.get("datum")) or default_datum()
    except ParseError as exc:
        problems.add("datum", str(exc))
    if len(problems.problems) > before:
        return {}
    if lat is not None and lng is not None:
        lat, lng = to_wgs84(lat, lng, datum)
    return {"latitude": lat, "longitude": lng}
