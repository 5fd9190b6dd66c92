"""Each row of the page bench is held to its trivial view measured right before it and right
after it, on the same server (bench/bench_pages.py, ``measure_group``): a half-hour run on a
machine whose speed moves by a third within minutes judged rows against one measurement
taken at its start, then against one taken up to 90 s before them (issue 26)."""

from __future__ import annotations

import pytest

from bench import bench_pages
from bench.urlmap import AID, Page

ANONYMOUS = Page("", "trivial view, anonymous", "/bench/trivial/", target="reference")
LOGGED_IN = Page("", "trivial view, logged in", "/bench/trivial/", AID, "reference")
STAFF = Page("stations:registry", "registry", "/staff/stations/", AID)
OTHER_STAFF = Page("stations:review_queue", "review queue", "/staff/review/", AID)
PUBLIC = Page("stations:directory", "directory", "/stations/")


def _row(median: float, reference: dict | None = None) -> dict:
    found = {"status": 200, "first_ms": median, "bytes": 1000, "error": "", "median_ms": median}
    if reference is not None:
        found["reference"] = reference
    return found


def _results(page_row: dict) -> list:
    return [(ANONYMOUS, _row(0.5)), (LOGGED_IN, _row(3.0)), (STAFF, page_row)]


def test_a_row_is_held_to_the_trivial_view_measured_around_it():
    # 36 ms against the first measurement (3.0 ms) is 12×; against 6.0 ms around it, 6×.
    line = bench_pages.table(_results(_row(36.0, {"trivial_staff": 6.0})), {})[-1]
    assert "| 6.0 | yes |" in line, line
    first = bench_pages.table(_results(_row(36.0)), {})[-1]
    assert "| 12.0 | **no** |" in first, first


class _Timer:
    """Stands in for wrk: answers each request from a script of medians and logs the order."""

    def __init__(self, trivial: list[float], anonymous: list[float], pages: dict[str, float]):
        self.trivial, self.anonymous, self.pages, self.order = trivial, anonymous, pages, []

    def __call__(self, page, url, cookies, seconds):
        if page.target == "reference":
            median = (self.trivial if page.user else self.anonymous).pop(0)
            self.order.append(("trivial" if page.user else "anonymous", seconds))
        else:
            median = self.pages[page.label]
            self.order.append((page.label, seconds))
        return _row(median)


def test_each_row_sits_between_two_measurements_of_its_own_trivial_view():
    timer = _Timer(
        [3.0, 4.0, 6.0, 5.0, 7.0],
        [0.5, 0.7],
        {"registry": 30.0, "review queue": 40.0, "directory": 2.0},
    )
    group = list(enumerate([STAFF, OTHER_STAFF, PUBLIC, STAFF]))
    references = {"trivial_staff": LOGGED_IN, "trivial": ANONYMOUS}
    taken: list = []
    found = bench_pages.measure_group(group, references, "", {}, {}, 5.0, taken, timer)
    # Rows of one kind share the measurement between them; a row of another kind gets its own.
    assert [name for name, _s in timer.order] == [
        "trivial",
        "registry",
        "trivial",
        "review queue",
        "trivial",
        "anonymous",
        "directory",
        "anonymous",
        "trivial",
        "registry",
        "trivial",
    ]
    # The references are short; the rows get the duration asked for.
    assert {s for name, s in timer.order if name in ("trivial", "anonymous")} == {
        bench_pages.REFERENCE_SECONDS
    }
    assert found[0]["reference"] == {"trivial_staff": 3.5}  # (3.0 + 4.0) / 2
    assert found[1]["reference"] == {"trivial_staff": 5.0}  # (4.0 + 6.0) / 2
    assert found[2]["reference"]["trivial"] == pytest.approx(0.6)  # (0.5 + 0.7) / 2
    assert found[1]["around"] == {"ms": 5.0, "before": 4.0, "after": 6.0}
    assert found[3]["reference"] == {"trivial_staff": 6.0}  # (5.0 + 7.0) / 2
    assert len(taken) == 7
    # The row's words name both measurements.
    words = bench_pages.judge(OTHER_STAFF, found[1], found[1]["reference"])[3]
    assert words == "logged-in trivial 5.0 ms (4.0 before, 6.0 after)"


def test_a_smoke_run_measures_no_reference_around_its_rows():
    timer = _Timer([], [], {"registry": 30.0})
    references = {"trivial_staff": LOGGED_IN}
    found = bench_pages.measure_group([(0, STAFF)], references, "", {}, {}, 0, [], timer)
    assert timer.order == [("registry", 0)]
    assert "reference" not in found[0]


def test_the_words_say_how_the_trivial_views_moved():
    taken = [{"trivial": 0.5}, {"trivial_staff": 3.0}, {"trivial": 0.9}, {"trivial_staff": 5.5}]
    words = bench_pages.references_words(taken)
    assert "measured 4 times" in words and "logged in 3.0–5.5 ms" in words
    assert "anonymous 0.5–0.9 ms" in words and "right before and right after each row" in words
    assert bench_pages.references_words(taken[:1]) == ""


def test_a_load_row_with_a_ratio_target_alternates_with_the_trivial_view(monkeypatch):
    # bench/bench_load.py: the row in ROUNDS slices, each between two slices of the trivial
    # view, its ratio to the trivial view in those slices rather than to the first row's.
    from types import SimpleNamespace

    from bench import bench_load

    calls = []

    def wrk(url, seconds, connections, script=""):
        calls.append((url.rsplit("/", 2)[-2] if url.endswith("/") else url, seconds))
        per_s = 1000 if url.endswith("trivial") else 900
        return {
            "requests_per_s": per_s,
            "requests": per_s * seconds,
            "errors": 0,
            "p50": "1ms",
            "p99": "9ms",
        }

    monkeypatch.setattr(bench_load, "run_wrk", wrk)
    args = SimpleNamespace(duration=60, connections=32)
    found, reference = bench_load.alternated("http://x", "/stations/SH1/", "/bench/trivial", args)
    assert [url for url, _s in calls] == ["http://x/bench/trivial", "SH1"] * 3 + [
        "http://x/bench/trivial"
    ]
    assert [s for _url, s in calls] == [10, 20] * 3 + [10]
    assert reference == 1000 and found["requests_per_s"] == 900
    assert found["requests"] == 900 * 60
    assert bench_load.ratio_target("station page") == 0.8
    assert bench_load.ratio_target("directory, near a new point every request") is None
    assert bench_load.ratio_target("trivial view") is None


def test_the_report_says_how_much_of_the_cores_the_host_took():
    assert bench_pages.steal_words((100, 10_000), (600, 20_000)) == (
        " The host took 5.0% of the cores' time during the run (steal, /proc/stat)."
    )
    assert bench_pages.steal_words((0, 0), (0, 0)) == ""
    steal, total = bench_pages.cpu_ticks()
    assert 0 <= steal <= total
