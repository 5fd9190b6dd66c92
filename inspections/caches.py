"""The assessments' caches, in history's registry: each is keyed by an assessment version,
whose rows never change once computed (a correction is a new version, a new key)."""

from __future__ import annotations

from history.changes import NamedCache, register

register(
    NamedCache(
        name="rankings-summaries",
        prefixes=("rankings:summary:", "rankings:staff:"),
        key="rankings:summary:<assessment>:<filters> and rankings:staff:<assessment>",
        lifetime="SUMMARY_SECONDS (300 s; inspections/assessment/selectors/rankings.py); a running "
        "version's summary is never kept",
        saves="the count, page marks, district means and distribution, aggregates over every "
        "station's score: a drawn page 25.2 ms with them, 563 ms without",
    )
)
