"""Every URL pattern of the project has a row in the page bench, or a stated exemption
(issue 26): the check form grew to 56 MB while `make bench` measured only the pages it was
told about. bench/urlmap.py declares the rows against the URL map; this walks the resolver
as the access harness does and compares. No database and no services: it runs in both
passes."""

from __future__ import annotations

import pytest
from django.urls import Resolver404, resolve

from bench.facts import SAMPLE
from bench.urlmap import EXEMPT, EXEMPT_NAMESPACES, PAGES, REFERENCES
from tests.access.urlwalk import all_patterns
from unions.access import rule_for

PATTERNS = [p for p in all_patterns() if not set(p.namespaces) & set(EXEMPT_NAMESPACES)]
NAMES = {p.key for p in PATTERNS}
MEASURED = {page.url for page in PAGES}


def test_every_url_pattern_has_a_bench_row_or_an_exemption():
    missing = sorted(NAMES - MEASURED - set(EXEMPT))
    assert missing == [], f"add a row to bench/urlmap.py PAGES (or a reason to EXEMPT): {missing}"


def test_every_row_and_exemption_names_a_url_pattern_of_the_project():
    stale = sorted((MEASURED | set(EXEMPT)) - NAMES)
    assert stale == []


def test_no_url_is_both_measured_and_exempt():
    assert sorted(MEASURED & set(EXEMPT)) == []


def test_every_exemption_says_why():
    assert [name for name, why in EXEMPT.items() if len(why.split()) < 5] == []
    assert all(len(why.split()) >= 5 for why in EXEMPT_NAMESPACES.values())


def test_only_urls_that_answer_no_get_are_exempt():
    # A page anyone opens is measured; an exemption is for a state change (POST only).
    by_name = {p.key: p for p in PATTERNS}
    answering_get = [
        name for name in EXEMPT if "GET" in rule_for(by_name[name].callback, ()).methods
    ]
    assert answering_get == []


@pytest.mark.parametrize("page", [*REFERENCES, *PAGES], ids=lambda p: f"{p.url}:{p.label}")
def test_each_rows_path_resolves_to_its_url_pattern(page, settings):
    settings.ROOT_URLCONF = "bench.urls"
    path = page.path_with(SAMPLE).split("?")[0]
    try:
        match = resolve(path)
    except Resolver404:
        pytest.fail(f"{path} resolves to nothing")
    assert match.view_name == (page.url or "bench_trivial")


def test_every_page_has_a_label_and_a_known_target():
    targets = {"page", "station", "near", "geojson", "file", "reference"}
    assert [p.label for p in PAGES if p.target not in targets or not p.label] == []
    labels = [(p.url, p.label) for p in PAGES]
    assert len(labels) == len(set(labels))
