"""The browser tests wait for the states they check: a DOM read in an assertion is
Playwright's auto-retrying ``expect(...)``, never a value read once.

``assert "无法获取您的位置" in status.inner_text()`` takes the page as it is at that instant;
under load the page may not have got there yet (issue 25: the refused-location test read
正在获取您的位置… and failed one CI run in four thousand tests). ``expect(status)
.to_contain_text("无法获取您的位置")`` retries until the state arrives or the timeout passes.

This scan reads the source of tests/e2e/*.py; it needs no browser, so it runs in both CI
passes and in a second. It fails on:

- an ``assert`` whose expression reads the page: ``inner_text()``, ``text_content()``,
  ``get_attribute()``, ``input_value()``, ``is_visible()``/``is_hidden()``/``is_checked()``/
  ``is_enabled()``/``is_disabled()``/``is_editable()``, ``all_inner_texts()``,
  ``all_text_contents()``, ``inner_html()``, a page's ``content()`` or ``url``, or
  ``count()`` on a Playwright locator (the database's ``Model.objects....count()`` is not a
  page read);
- an ``assert`` on a name the same function bound to such a read (``text = x.inner_text()``
  then ``assert text == ...``), unless that element was waited for with ``expect(...)``
  before the read: a value read after its state is settled, to be used later, may stay;
- a function that returns such a read: its callers' assertions would hide it.

Layout measurements (``bounding_box()``, ``page.evaluate("...scrollWidth")``) have no
``expect`` form and are not page states; they are taken after the page is loaded and are
not scanned.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

E2E = Path(__file__).resolve().parent
FILES = sorted(E2E.glob("*.py"))

READS = frozenset(
    {
        "inner_text",
        "text_content",
        "get_attribute",
        "input_value",
        "is_visible",
        "is_hidden",
        "is_checked",
        "is_enabled",
        "is_disabled",
        "is_editable",
        "all_inner_texts",
        "all_text_contents",
        "inner_html",
    }
)
# Reads that are page reads only on a page or a locator: ``page.content()``, ``rows.count()``,
# ``len(rows.all())``, ``page.url`` (the database's ``.count()`` and ``.all()`` are not).
PAGE_ONLY_CALLS = frozenset({"content", "count", "all"})
PAGE_ONLY_ATTRIBUTES = frozenset({"url"})
# A call chain with one of these in it is Playwright's: a page, a locator or one of its steps.
BROWSER_WORDS = frozenset(
    {"page", "pages", "new_page", "locator", "frame_locator", "nth", "first", "last", "filter"}
)
READ_ONCE = "read once, not waited for"
FIX = (
    "Wait for the state instead: expect(locator).to_have_text / to_contain_text / "
    "to_have_attribute / to_have_value / to_have_count / to_be_visible / to_be_checked, "
    "expect(page).to_have_url (from playwright.sync_api import expect)."
)


@dataclass(frozen=True)
class Finding:
    line: int
    source: str
    why: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.source}\n    {self.why}"


def _chain(node: ast.AST) -> list[str]:
    """The names along a call chain: ``page.get_by_test_id("x").first`` gives
    ``["page", "get_by_test_id", "first"]`` (innermost first)."""
    words: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            words.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Name):
            words.append(node.id)
            break
        else:
            break
    return list(reversed(words))


def _is_browser_word(word: str) -> bool:
    return word in BROWSER_WORDS or word.startswith("get_by_") or word.endswith("_page")


class _Function:
    """What one function (or the module body) binds: its browser names and its reads."""

    def __init__(self, node: ast.AST):
        self.browser_names: set[str] = set()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for arg in node.args.args + node.args.kwonlyargs:
                if _is_browser_word(arg.arg):
                    self.browser_names.add(arg.arg)
        # name -> (line of the read, dump of the element it read)
        self.read_names: dict[str, tuple[int, str]] = {}
        # dumps of the elements ``expect(...)`` waited for, with the line of the wait
        self.waited: list[tuple[int, str]] = []

    def is_browser(self, receiver: ast.AST) -> bool:
        words = _chain(receiver)
        if "objects" in words:  # the ORM: Station.objects.filter(...).first()
            return False
        return any(_is_browser_word(w) or w in self.browser_names for w in words)

    def read_in(self, node: ast.AST) -> ast.AST | None:
        """The first page read inside ``node``, or None."""
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute):
                name, receiver = sub.func.attr, sub.func.value
                if name in READS:
                    return sub
                if name in PAGE_ONLY_CALLS and not sub.args and self.is_browser(receiver):
                    return sub
            if (
                isinstance(sub, ast.Attribute)
                and sub.attr in PAGE_ONLY_ATTRIBUTES
                and isinstance(sub.ctx, ast.Load)
                and self.is_browser(sub.value)
            ):
                return sub
        return None


def _receiver(read: ast.AST) -> str:
    target = read.func.value if isinstance(read, ast.Call) else read.value
    return ast.dump(target)


def _own_nodes(node: ast.AST):
    """The nodes of a function in source order (depth first), not those of the functions
    and classes inside it: those are scanned as scopes of their own."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        yield child
        yield from _own_nodes(child)


def scan(source: str) -> list[Finding]:
    tree = ast.parse(source)
    findings: list[Finding] = []
    scopes = [tree] + [
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    for scope in scopes:
        fn = _Function(scope)
        for node in _own_nodes(scope):
            segment = (ast.get_source_segment(source, node) or "").splitlines()
            text = segment[0] if segment else ""
            if isinstance(node, ast.Call) and _chain(node.func)[-1:] == ["expect"] and node.args:
                fn.waited.append((node.lineno, ast.dump(node.args[0])))
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                value = node.value
                if value is None:
                    continue
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
                read = fn.read_in(value)
                for name in names:
                    fn.read_names.pop(name, None)
                    fn.browser_names.discard(name)
                    if read is not None:
                        fn.read_names[name] = (node.lineno, _receiver(read))
                    elif fn.is_browser(value):
                        fn.browser_names.add(name)
            elif isinstance(node, ast.For | ast.comprehension):
                if fn.is_browser(node.iter):  # for box in page.locator(...).all()
                    fn.browser_names.update(
                        n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)
                    )
            elif isinstance(node, ast.Assert):
                if fn.read_in(node.test) is not None:
                    findings.append(Finding(node.lineno, text, READ_ONCE))
                    continue
                used = {n.id for n in ast.walk(node.test) if isinstance(n, ast.Name)}
                for name in sorted(used & set(fn.read_names)):
                    line, element = fn.read_names[name]
                    if not any(w < line and dumped == element for w, dumped in fn.waited):
                        findings.append(
                            Finding(
                                node.lineno,
                                text,
                                f"asserts {name!r}, read once on line {line} with no "
                                "expect(...) on that element before it",
                            )
                        )
            elif (
                isinstance(node, ast.Return)
                and node.value is not None
                and fn.read_in(node.value) is not None
            ):
                findings.append(
                    Finding(
                        node.lineno,
                        text,
                        "returns a page read: the caller's assertion would read it once; "
                        "return the locator and let the caller expect(...) it",
                    )
                )
    return sorted(findings, key=lambda f: f.line)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_browser_test_asserts_a_state_read_once(path):
    findings = scan(path.read_text(encoding="utf-8"))
    where = path.relative_to(E2E.parent.parent)
    assert not findings, f"{where}:\n" + "\n".join(str(f) for f in findings) + "\n" + FIX


def test_the_browser_tests_are_all_scanned():
    assert len(FILES) > 10
    assert E2E / "test_find_the_nearest_open_station.py" in FILES


# --- The scan itself, on hand-written snippets --------------------------------------------


def _lines(source: str) -> list[int]:
    return [f.line for f in scan(source)]


def test_the_flaky_read_of_issue_25_is_found():
    source = (
        "def test(page):\n"
        "    status = page.locator('[data-near-status]')\n"
        "    status.wait_for(state='visible')\n"
        "    assert '无法获取您的位置' in status.inner_text()\n"
        "    assert page.get_by_test_id('station-entry').count() == 1\n"
    )
    assert _lines(source) == [4, 5]


def test_the_expect_forms_pass():
    source = (
        "def test(page):\n"
        "    status = page.locator('[data-near-status]')\n"
        "    expect(status).to_contain_text('无法获取您的位置')\n"
        "    expect(page.get_by_test_id('station-entry')).to_have_count(1)\n"
        "    expect(page).to_have_url(re.compile('near='))\n"
    )
    assert _lines(source) == []


def test_every_kind_of_read_in_an_assertion_is_found():
    source = (
        "def test(page, desk_page):\n"
        "    assert page.locator('a').get_attribute('href') == '/'\n"  # 2
        "    assert page.input_value('#x') == '1'\n"  # 3
        "    assert all(b.is_checked() for b in page.locator('input').all())\n"  # 4
        "    assert desk_page.locator('x').first.is_visible()\n"  # 5
        "    assert 'SH00001' in page.content()\n"  # 6
        "    assert page.url.endswith('/staff/')\n"  # 7
        "    rows = desk_page.locator('tr')\n"
        "    assert rows.count() == 3\n"  # 9
        "    assert [n for n in rows.all_inner_texts()] == []\n"  # 10
        "    assert rows.nth(0).text_content()\n"  # 11
        "    assert len(rows.all()) == 3\n"  # 12
    )
    assert _lines(source) == [2, 3, 4, 5, 6, 7, 9, 10, 11, 12]


def test_database_counts_and_other_values_are_not_page_reads():
    source = (
        "def test(page, world):\n"
        "    assert Station.objects.filter(status='submitted').count() == 2\n"
        "    qs = Inspection.objects.all()\n"
        "    assert qs.count() == 0\n"
        "    assert StationVisitDay.objects.get().count == 1\n"
        "    assert len(Station.objects.all()) == 2\n"
        "    assert response.url.startswith('http')\n"
        "    assert questions == ['确定提交援助中心审核？']\n"
    )
    assert _lines(source) == []


def test_a_read_kept_for_later_may_stay_but_not_one_asserted_unwaited():
    source = (
        "def test(page):\n"
        "    for label in page.locator('label').all():\n"
        "        code = label.get_attribute('for').removeprefix('met-')\n"  # used, not asserted
        "        page.locator(f'#{code}').click()\n"
        "    text = page.locator('.alert').inner_text().strip()\n"
        "    assert text == 'x'\n"  # 6: read once, asserted
        "    box = page.locator('#lng')\n"
        "    expect(box).not_to_have_value('')\n"
        "    lng = box.input_value()\n"
        "    assert 121 < float(lng) < 122\n"  # waited for first: settled
    )
    assert _lines(source) == [6]


def test_a_helper_returning_a_read_is_found():
    source = (
        "class Walk:\n"
        "    def success(self):\n"
        "        return self.page.locator('.alert-success').first.inner_text()\n"
        "    def alert(self):\n"
        "        return self.page.locator('.alert-success').first\n"
    )
    assert _lines(source) == [3]
