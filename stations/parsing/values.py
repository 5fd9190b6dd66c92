"""Mobiles, areas, service items and planned completion dates from 附件1's cells."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ..models.choices import Service
from ..validation import area_problem
from .text import ParseError, cell_text, fold_text, normalize_text

# --- Mobile numbers -------------------------------------------------------------------

_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def parse_mobile(s) -> str:
    """An 11-digit mainland mobile number from 138 1234 5678, 138-1234-5678, +86…, 1.38E10."""
    text = cell_text(s)
    if not text:
        raise ParseError(_("The mobile number is missing."))
    text = re.sub(r"\.0+$", "", text)
    digits = re.sub(r"[\s\-.()/]", "", text)
    digits = re.sub(r"^(?:\+86|0086|86)(?=1\d{10}$)", "", digits)
    if not _MOBILE.match(digits):
        raise ParseError(
            _("“%(value)s” is not an 11-digit mobile number.") % {"value": normalize_text(s)}
        )
    return digits


# --- Areas ----------------------------------------------------------------------------

_AREA = re.compile(
    r"^(?:约|大约|约为|大概|approx\.?)?\s*(\d+(?:\.\d+)?)\s*"
    r"(?:m2|m\^2|㎡|平方米|平方|平米|米2|sqm|m)?\s*(?:左右|上下)?$",
    re.IGNORECASE,
)


def parse_area(s) -> Decimal:
    """Square metres from 3, 3.5, 3㎡, 3m2, 3平方米, 约4平方米, 4平米 or an Excel number."""
    if isinstance(s, bool):
        raise ParseError(_("The area must be a number of square metres."))
    if isinstance(s, int | float | Decimal):
        try:
            value = Decimal(str(s))
        except InvalidOperation as exc:
            raise ParseError(_("The area must be a number of square metres.")) from exc
        raw = str(s)
    else:
        raw = fold_text(s)
        if not raw:
            raise ParseError(_("The area is missing."))
        match = _AREA.match(raw.replace("²", "2"))
        if not match:
            raise ParseError(
                _("“%(value)s” is not an area in square metres, for example 3 or 3平方米.")
                % {"value": raw}
            )
        value = Decimal(match.group(1))
    # The range is a row rule, shared with the online form.
    problem = area_problem(value)
    if problem:
        raise ParseError(problem)
    # The registry keeps one decimal place (Station.area_m2).
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- Services -------------------------------------------------------------------------

# The five services of 附件1 and the words clerks use for them; longest match wins.
SERVICE_WORDS: dict[str, tuple[str, ...]] = {
    Service.WATER: (
        "饮水供给",
        "饮水供应",
        "饮水",
        "喝水",
        "饮用水",
        "供水",
        "热水",
        "开水",
        "茶水",
    ),
    Service.COOL_WARM: ("避暑取暖", "避暑", "取暖", "纳凉", "防暑降温", "防暑", "降温", "御寒"),
    Service.MEAL_HEATING: (
        "餐食加热",
        "微波炉加热",
        "饭菜加热",
        "加热饭菜",
        "热饭",
        "热菜",
        "加热",
        "微波炉",
    ),
    Service.CHARGING: ("手机充电", "充电"),
    Service.REST_TOILET: (
        "休息如厕",
        "如厕",
        "厕所",
        "卫生间",
        "洗手间",
        "休息",
        "歇脚",
        "休憩",
    ),
}
_SERVICE_ORDER = tuple(str(code) for code in Service.values)
_SERVICE_SPLIT = re.compile(r"[、,，;；/\s。|+]+")
# The form's own hint text, copied along with the row, is not a service.
_SERVICE_NOISE = {"其他服务项目", "其它服务项目", "其他", "其它", "等", "无"}


def parse_services(s) -> tuple[list[str], str]:
    """Service codes and the “other services” text from 饮水供给、手机充电、雨伞借用."""
    text = normalize_text(s)
    codes: set[str] = set()
    others: list[str] = []
    for item in _SERVICE_SPLIT.split(text.strip("()（）")):
        item = re.sub(r"^(?:其他|其它)(?:服务项目|服务)?[:：]?", "", item.strip("()（）"))
        item = re.sub(r"等$", "", item)
        if not item or item in _SERVICE_NOISE:
            continue
        found = {code for code, words in SERVICE_WORDS.items() if any(w in item for w in words)}
        if found:
            codes |= found
        elif item not in others:
            others.append(item)
    if others:
        codes.add(Service.OTHER)
    ordered = [code for code in _SERVICE_ORDER if code in codes]
    return ordered, "、".join(others)


# --- Planned completion dates ---------------------------------------------------------

_DATE = re.compile(
    r"^(?P<y>\d{4}|\d{2})\s*(?:年|-|\.|/)\s*(?P<m>\d{1,2})\s*"
    r"(?:(?:月|-|\.|/)\s*(?:(?P<d>\d{1,2})\s*(?:日|号)?)?)?$"
)
_DATE_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})?$")
_YEAR_ONLY = re.compile(r"^(?P<y>\d{4})\s*年?$")
_DATE_SUFFIX = re.compile(r"(?:\s*(?:底|末|前|之前|以前|左右|完成|止|内|为止|00:00:00))+$")
_FIRST_EXCEL_SERIAL, _LAST_EXCEL_SERIAL = 43101, 73051  # 2018-01-01 .. 2100-01-01


def parse_month_date(s) -> dt.date:
    """A planned completion date; a month alone means its last day (2018年10月 -> 10-31)."""
    if isinstance(s, dt.datetime):
        return _checked(s.date())
    if isinstance(s, dt.date):
        return _checked(s)
    if isinstance(s, int | float) and not isinstance(s, bool):
        return _from_number(s)
    text = fold_text(s)
    if not text:
        raise ParseError(_("The planned completion date is missing."))
    text = _DATE_SUFFIX.sub("", text).strip()
    match = _DATE.match(text) or _DATE_COMPACT.match(text)
    if match:
        year = int(match.group("y"))
        year += 2000 if year < 100 else 0
        return _make_date(year, int(match.group("m")), match.group("d"), s)
    match = _YEAR_ONLY.match(text)
    if match:
        return _make_date(int(match.group("y")), 12, None, s)
    raise ParseError(
        _("“%(value)s” is not a date, for example 2018年10月 or 2018-10-31.")
        % {"value": normalize_text(s)}
    )


def _from_number(value: float) -> dt.date:
    if _FIRST_EXCEL_SERIAL <= value < _LAST_EXCEL_SERIAL:
        # An Excel date serial number in a cell formatted as General.
        return _checked(dt.date(1899, 12, 30) + dt.timedelta(days=int(value)))
    text = repr(float(value)) if isinstance(value, float) else str(value)
    year, _dot, frac = text.partition(".")
    if frac and len(year) == 4:
        # 2018.10 typed into a cell becomes the number 2018.1: Excel drops the trailing
        # zero. A clerk who meant January types 2018.01 (kept as .01), so .1 is October.
        month = int(frac) * 10 if len(frac) == 1 and frac == "1" else int(frac)
        return _make_date(int(year), month, None, value)
    if not frac and len(year) == 4:
        return _make_date(int(year), 12, None, value)
    raise ParseError(_("“%(value)s” is not a date, for example 2018年10月.") % {"value": value})


def _make_date(year: int, month: int, day: str | None, original) -> dt.date:
    try:
        last = calendar.monthrange(year, month)[1]
        value = dt.date(year, month, last if day is None else int(day))
    except ValueError as exc:  # month 13, 2月30日
        raise ParseError(
            _("“%(value)s” is not a valid date.") % {"value": normalize_text(original)}
        ) from exc
    return _checked(value)


def _checked(value: dt.date) -> dt.date:
    if not 2018 <= value.year <= 2100:
        raise ParseError(
            _("%(value)s is outside the programme's years (2018 to 2100).")
            % {"value": value.isoformat()}
        )
    return value
