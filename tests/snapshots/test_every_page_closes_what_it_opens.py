"""Every page closes each element it opens, for every role that reads it.

A card opened outside an ``{% if %}`` and closed inside it is closed only for the roles the
condition admits: the station's staff page left two ``<div>`` open for a city inspector (who
sees no insurance card), so every card after it was drawn inside an empty one (issue 26).
Browsers repair such markup silently, each its own way; this test reads each page as the
snapshot test does (tests/snapshots/test_every_page_renders_as_recorded.py) and walks its
elements.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.access.cases import CASES, VARIANTS
from tests.snapshots.test_every_page_renders_as_recorded import GET_PATTERNS, _may_read

# Elements with no end tag, and those whose end tag HTML lets a page leave out (a list
# item, a paragraph, a table's parts, an option) and the templates do not always write.
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
OPTIONAL_END = frozenset(
    ["li", "p", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "dt", "dd"]
)


class Walk(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, tuple[int, int]]] = []
        self.wrong: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID and tag not in OPTIONAL_END:
            self.open.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        pass  # <br/>, <path ... /> in an inline icon

    def handle_endtag(self, tag):
        if tag in VOID or tag in OPTIONAL_END:
            return
        if self.open and self.open[-1][0] == tag:
            self.open.pop()
            return
        opened = self.open[-1] if self.open else None
        self.wrong.append(f"</{tag}> at {self.getpos()} closes {opened}")
        # Recover as a browser would: close up to the matching element if one is open.
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break


def unbalanced(html: str) -> list[str]:
    walk = Walk()
    walk.feed(html)
    walk.close()
    return walk.wrong + [f"<{tag}> at {at} never closed" for tag, at in walk.open]


def test_the_walk_finds_a_card_left_open():
    assert unbalanced("<div><div><p>a</div>") == ["<div> at (1, 0) never closed"]
    assert unbalanced("<main><div></main>")
    assert not unbalanced('<ul><li>a<li>b</ul><br><img src="x"><svg><use href="#i"/></svg>')


# Each URL pattern with its usual object, then each further state the access harness reads it
# in (a submitted station, which inspectors see).
READS = [(p, CASES[p.key], p.key) for p in GET_PATTERNS] + [
    (p, case, f"{p.key} ({case.label})")
    for key, case in VARIANTS
    for p in GET_PATTERNS
    if p.key == key
]


@pytest.mark.django_db
@pytest.mark.parametrize("pattern,case", [r[:2] for r in READS], ids=[r[2] for r in READS])
def test_each_page_closes_what_it_opens(pattern, case, world):
    path = pattern.path(case.kwargs(world))
    found = {}
    # Every user of the world: each kind of inspector (city-wide, of a district, of another
    # district) sees its own cards.
    for role, user in world.users().items():
        if not _may_read(pattern, role):
            continue
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(path)
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            continue
        wrong = unbalanced(response.content.decode())
        if wrong:
            found[role] = wrong[:3]
    assert not found, f"{path}: {found}"
