"""Every form the portal offers, posted with script payloads, over-long text, values of the
wrong type and a file that is not what it says, answers with a form error or a refusal,
never a 500 (the access harness already posts every POST view with an empty body).

The fields are read from the pages themselves: each page each allowed role can open is
parsed for its forms, and each form is posted back to its action with every field filled.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client

from tests.access.cases import CASES
from tests.access.test_access_harness import ROWS, _expected_get

ROLES = ("union_a", "aid_center", "admin", "inspector", "anonymous")
SCRIPT = '=HYPERLINK("x")<script>alert(1)</script>"><img src=x onerror=alert(1)>'
VARIANTS = {
    "hostile": SCRIPT,
    "over-long": "长" * 20_000,
    "wrong type": "-1e309 不是数字 2018-02-30",
    "blank": "   ",
}
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}


class FormFields(HTMLParser):
    """The forms of a page: action -> (method, field names, file field names)."""

    def __init__(self, page_path: str):
        super().__init__()
        self.page_path = page_path
        self.forms: dict[str, tuple[set[str], set[str]]] = {}
        self._current: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() != "post":
                self._current = None
                return
            action = attrs.get("action") or self.page_path
            self._current = action.split("?")[0].split("#")[0]
            self.forms.setdefault(self._current, (set(), set()))
        elif self._current and tag in ("input", "select", "textarea", "button"):
            name = attrs.get("name")
            if not name or name in SKIPPED_FIELDS:
                return
            names, files = self.forms[self._current]
            (files if attrs.get("type") == "file" else names).add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _client(world, role: str) -> Client:
    client = Client()
    user = world.users()[role]
    if user is not None:
        client.force_login(user)
    return client


def _forms_on_every_page(world) -> dict[tuple[str, str], tuple[set[str], set[str]]]:
    """(role, action) -> the fields of the forms that post there, from every page."""
    found: dict[tuple[str, str], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for pattern, case in ROWS:
        if case is None or pattern.key not in CASES:
            continue
        try:
            with transaction.atomic():
                path = pattern.path(case.kwargs(world))
        except IntegrityError:
            continue  # its object exists already; an earlier row shows its page
        for role in ROLES:
            if _expected_get(pattern, case, role) != 200:
                continue
            response = _client(world, role).get(path)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            parser = FormFields(path)
            parser.feed(response.content.decode())
            for action, (names, files) in parser.forms.items():
                found[(role, action)][0].update(names)
                found[(role, action)][1].update(files)
    return found


def test_every_form_answers_hostile_values_without_a_server_error(world):
    forms = _forms_on_every_page(world)
    assert len({action for _role, action in forms}) > 15
    posted = 0
    for (role, action), (names, files) in sorted(forms.items()):
        if action.startswith("/accounts/logout"):
            continue  # would end the session the other posts use
        for variant, value in VARIANTS.items():
            data = dict.fromkeys(names, value)
            for name in files:
                data[name] = SimpleUploadedFile("扫描件.pdf", SCRIPT.encode(), "application/pdf")
            response = _client(world, role).post(action, data)
            # A 500 would have raised here (the test client re-raises view exceptions).
            assert response.status_code < 500, (role, action, variant)
            posted += 1
    assert posted > 60
