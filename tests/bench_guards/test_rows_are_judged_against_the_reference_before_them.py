"""Each row of the page bench is held to the trivial views as measured last before it
(bench/bench_pages.py, REFERENCE_EVERY_SECONDS): a half-hour run on a machine whose speed
drifts by a third judged every row against one measurement taken at its start (issue 26)."""

from __future__ import annotations

from bench import bench_pages
from bench.urlmap import AID, Page

ANONYMOUS = Page("", "trivial view, anonymous", "/bench/trivial/", target="reference")
LOGGED_IN = Page("", "trivial view, logged in", "/bench/trivial/", AID, "reference")
STAFF = Page("stations:registry", "registry", "/staff/stations/", AID)


def _row(median: float, reference: dict | None = None) -> dict:
    found = {"status": 200, "first_ms": median, "bytes": 1000, "error": "", "median_ms": median}
    if reference is not None:
        found["reference"] = reference
    return found


def _results(page_row: dict) -> list:
    return [(ANONYMOUS, _row(0.5)), (LOGGED_IN, _row(3.0)), (STAFF, page_row)]


def test_a_row_is_held_to_the_trivial_views_measured_just_before_it():
    # 36 ms against the first measurement (3.0 ms) is 12×; against the later one, 6.0 ms, 6×.
    later = {"trivial": 1.0, "trivial_staff": 6.0}
    line = bench_pages.table(_results(_row(36.0, later)), {})[-1]
    assert "| 6.0 | yes |" in line, line
    first = bench_pages.table(_results(_row(36.0)), {})[-1]
    assert "| 12.0 | **no** |" in first, first


def test_the_words_say_how_the_trivial_views_moved():
    taken = [{"trivial": 0.5, "trivial_staff": 3.0}, {"trivial": 0.9, "trivial_staff": 5.5}]
    words = bench_pages.references_words(taken)
    assert "measured 2 times" in words and "logged in 3.0–5.5 ms" in words
    assert "anonymous 0.5–0.9 ms" in words
    assert bench_pages.references_words(taken[:1]) == ""
