"""The 附件1 filing form as data: its wording, columns and vocabularies (attachment1.toml).

The writer prints this layout and the reader recognises it, so both agree on one source.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("attachment1.toml")


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # printed in the header row
    label: str  # named in error messages
    width: float
    aliases: tuple[str, ...]
    required: bool = False
    extra: bool = False  # beyond the paper form: optional, to the right


@dataclass(frozen=True)
class UnitField:
    key: str
    label: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    title: str
    section: str
    hint: str
    optional_marker: str
    signature: str
    stamp: str
    remarks: tuple[str, ...]
    stop_markers: tuple[str, ...]
    unit: tuple[UnitField, ...]
    columns: tuple[Column, ...]
    extras: tuple[Column, ...]
    services: dict[str, str]
    audience: dict[str, str]
    carrier: dict[str, str]
    carrier_aliases: dict[str, tuple[str, ...]]
    audience_aliases: dict[str, tuple[str, ...]]

    @property
    def all_columns(self) -> tuple[Column, ...]:
        return self.columns + self.extras

    def column(self, key: str) -> Column:
        return next(c for c in self.all_columns if c.key == key)

    def unit_field(self, key: str) -> UnitField:
        return next(u for u in self.unit if u.key == key)


def _column(raw: dict, *, extra: bool = False) -> Column:
    return Column(
        key=raw["key"],
        header=raw["header"],
        label=raw.get("label", raw["header"]),
        width=raw["width"],
        aliases=tuple(key_text(a) for a in raw["aliases"]),
        required=raw.get("required", False),
        extra=extra,
    )


@cache
def layout() -> Layout:
    raw = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    return Layout(
        title=raw["title"],
        section=raw["section"],
        hint=raw["hint"],
        optional_marker=raw["optional_marker"],
        signature=raw["signature"],
        stamp=raw["stamp"],
        remarks=tuple(raw["remarks"]),
        stop_markers=tuple(key_text(m) for m in raw["stop_markers"]),
        unit=tuple(
            UnitField(u["key"], u["label"], tuple(key_text(a) for a in u["aliases"]))
            for u in raw["unit"]
        ),
        columns=tuple(_column(c) for c in raw["column"]),
        extras=tuple(_column(c, extra=True) for c in raw["extra"]),
        services=dict(raw["services"]),
        audience=dict(raw["audience"]),
        carrier=dict(raw["carrier"]),
        carrier_aliases={k: tuple(v) for k, v in raw["carrier_aliases"].items()},
        audience_aliases={k: tuple(v) for k, v in raw["audience_aliases"].items()},
    )


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
_NOISE = re.compile(r"[\s*:：]+")


def key_text(value) -> str:
    """A label reduced for comparison: half-width, no spaces, no bracketed notes, lower case.

    ``站点区域面积 (m ²)``, ``站点区域面积（m²）`` and ``站点区域面积`` compare equal, and so
    do ``推荐单位名称 (区、产业局工会)`` and ``推荐单位名称``.
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = _BRACKETED.sub("", text)
    return _NOISE.sub("", text).lower()


COORDINATE_KEYS = frozenset({"longitude", "latitude"})


def coordinate_order() -> tuple[str, ...]:
    """The coordinate columns in the template's order (经度 before 纬度): every screen that
    asks for or shows a station's coordinates follows it, so a clerk never swaps them."""
    return tuple(c.key for c in layout().extras if c.key in COORDINATE_KEYS)
