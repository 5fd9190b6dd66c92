"""Every input, every URL, no 500 (issue 27 item 4).

For every URL pattern of the project (walked from the resolver, its arguments filled by the
access harness's cases) and every role of the ``world`` fixture, hypothesis sends every GET
parameter and form field the view may read NUL bytes, control characters, 10,000-character
strings, wrong types, huge and negative numbers and malformed dates, by GET and (where the
rule allows it) by POST. The answer must be a page, a redirect or a refusal, never a 500;
an HTML or JSON refusal is said in Chinese.

Which names a view reads: the fields of the forms on its own page (read from the rendered
HTML as a role the rule admits), and every parameter name any view, selector or form of the
project reads from ``request.GET``/``POST`` or a filter's ``params`` (read from the source,
so that a new filter is covered without editing this file).

Runs on PostgreSQL (services pass), where text with a NUL byte is an error of the database
itself; the examples are few per URL and derandomized, so a run takes minutes and two runs
send the same requests.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.utils.http import urlencode
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from .case import Case
from .test_access_harness import PATTERNS, ROLES, _role_value, _rule

pytestmark = pytest.mark.services

from .cases import CASES  # noqa: E402

EXAMPLES_PER_URL = 8
HUGE = str(10**30)
HOSTILE = [
    "\x00",
    "a\x00b",
    "%00",
    "\x01\x02\x03\x07\x08\x0b\x0c\x0e\x1b\x7f",
    "\t\r\n",
    "\u200b\u202e\ufeff",
    "x" * 10_000,
    "长" * 10_000,
    HUGE,
    "-" + HUGE,
    # Digits to str.isdigit() that int() refuses; a number past a bigint.
    "²",
    "①",
    "99999999999999999999999",
    "-1",
    "0",
    "1.5",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "abc",
    "",
    " ",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "9999-99-99T99:99",
    "31/12/2026",
    "2026-12-01T25:61",
    "not-a-date",
    "[]",
    "{}",
    "null",
    "true",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "😀",
    "SH00001",
    "31.2,121.4",
    "91,181",
    # Hand-made page keys (unions/pages.py): an infinite row number, an id past a bigint.
    "eyJrIjpbMV0sIm4iOjFlOTk5fQ",
    "eyJrIjpbMSwxMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDBdLCJuIjozfQ",
]
# Unicode text with control characters, minus lone surrogates (no client can send them).
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
)
CJK = re.compile(r"[\u4e00-\u9fff]")
PYTHON = re.compile(
    r"invalid literal|could not convert|Traceback|has no attribute|NoneType|"
    r"(?:Key|Value|Type|Attribute|Index)Error|base 10"
)
SOURCE_APPS = ("config", "unions", "documents", "stations", "inspections", "awards")
READS = re.compile(
    r"""(?:GET|POST|params|query|data)\s*(?:\.(?:get|getlist)\(|\[)\s*["']([a-z_][a-z_0-9]*)["']"""
)


def _names_read_by_the_source() -> set[str]:
    names: set[str] = set()
    base = Path(settings.BASE_DIR)
    for app in SOURCE_APPS:
        for path in (base / app).rglob("*.py"):
            if "migrations" not in path.parts:
                names.update(READS.findall(path.read_text(encoding="utf-8")))
    return names


SOURCE_NAMES = _names_read_by_the_source()


class FieldNames(HTMLParser):
    """The names of every input, select and textarea on a page, whatever its form."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        name = dict(attrs).get("name")
        if tag in ("input", "select", "textarea", "button") and name:
            self.names.add(name)


def _allowed(rule, role: str) -> bool:
    return rule.public or (role != "anonymous" and _role_value(role) in rule.roles)


def _client(world, role: str) -> Client:
    client = Client()
    user = world.users()[role]
    if user is not None:
        client.force_login(user)
    return client


def _check(response, what: str) -> None:
    assert response.status_code < 500, what
    # What the page says after a redirect (Django's messages) is for the user too: Chinese,
    # and never Python's own words ("invalid literal for int() with base 10: 'abc'").
    for message in get_messages(response.wsgi_request):
        text = str(message)
        assert CJK.search(text) and not PYTHON.search(text), f"{what}: said {text!r}"
    kind = response.get("Content-Type", "")
    if response.status_code >= 400 and kind.startswith(("text/html", "application/json")):
        body = response.content.decode("utf-8", "replace")
        if kind.startswith("application/json"):
            body = json.dumps(response.json(), ensure_ascii=False)
        if body.strip():
            assert CJK.search(body), f"{what}: a refusal not said in Chinese"


# One row per pattern (its main case); the admin site is Django's own and answers for itself.
ROWS = [(p, CASES[p.key]) for p in PATTERNS if "admin" not in p.namespaces and p.key in CASES]
# Paths the fuzzing must not take: a logout ends the session the other requests use.
NOT_POSTED = ("accounts:logout",)
STR_ARGUMENT = re.compile(r"<str:(\w+)>")


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row[0].key)
def test_hostile_input_never_answers_500(world, row):
    pattern, case = row
    assert isinstance(case, Case)
    rule = _rule(pattern)
    values = case.kwargs(world)
    path = pattern.path(values)
    clients = {role: _client(world, role) for role in ROLES}
    allowed = [role for role in ROLES if _allowed(rule, role)] or list(ROLES)
    methods = [m for m in ("GET", "POST") if m in rule.methods]
    if pattern.key in NOT_POSTED:
        methods = [m for m in methods if m != "POST"] or ["GET"]

    names = set(SOURCE_NAMES)
    if "GET" in rule.methods:
        page = clients[allowed[0]].get(path)
        if page.get("Content-Type", "").startswith("text/html"):
            parser = FieldNames()
            parser.feed(page.content.decode("utf-8", "replace"))
            names |= parser.names
    names.discard("csrfmiddlewaretoken")
    names = sorted(names)

    def send(role: str, method: str, data: dict, where: str = path, query: str = ""):
        client = clients[role]
        if method == "GET":
            # A query string made once is sent as it is (the client would encode it again).
            response = client.get(where, QUERY_STRING=query) if query else client.get(where, data)
        else:
            response = client.post(where, data)
        _check(response, f"{method} {where} as {role} with {sorted(data)}")

    # Every role, every name at once: a NUL byte; the first and the last role the rule
    # admits (staff and the aid center, say), an over-long value in every name (its query
    # string, megabytes of it, encoded once).
    long_values = dict.fromkeys(names, "长" * 10_000)
    long_query = urlencode(long_values, doseq=True)
    for role in ROLES:
        for method in methods:
            send(role, method, dict.fromkeys(names, "a\x00b"))
            if role in (allowed[0], allowed[-1]):
                send(role, method, long_values, query=long_query)
    # A text argument of the path itself (a plaque number) gets the same.
    for name in STR_ARGUMENT.findall(pattern.route):
        for bad in ("\x00", "a\x00b", "\x1b[0m", "长" * 300):
            send(allowed[0], "GET", {}, pattern.path({**values, name: bad}))

    @hypothesis_settings(
        max_examples=EXAMPLES_PER_URL,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        role=st.sampled_from(allowed),
        method=st.sampled_from(methods),
        data=st.dictionaries(
            st.sampled_from(names), st.lists(VALUES, min_size=1, max_size=2), max_size=8
        ),
    )
    def hostile(role, method, data):
        send(role, method, data)

    hostile()
