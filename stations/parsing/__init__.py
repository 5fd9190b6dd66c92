"""Tolerant parsers for what clerks really type into 附件1, on paper habits and in Excel.

Shared by the Excel import and the online form. Every parser takes a cell value (text, or
the number/date Excel stored) and returns a clean value or raises ``ParseError`` with a
message for the clerk. The Chinese tokens in these modules are the input vocabulary being
recognised, not text shown to anyone.

    text    normalize_text, fold_text, ParseError
    values  parse_mobile, parse_area, parse_services, parse_month_date
    hours   parse_hours, format_hours
"""

from __future__ import annotations

from .hours import format_hours, parse_hours
from .text import ParseError, fold_text, normalize_text
from .values import (
    SERVICE_WORDS,
    parse_area,
    parse_mobile,
    parse_month_date,
    parse_services,
)

__all__ = [
    "SERVICE_WORDS",
    "ParseError",
    "fold_text",
    "format_hours",
    "normalize_text",
    "parse_area",
    "parse_hours",
    "parse_mobile",
    "parse_month_date",
    "parse_services",
]
