"""A list's links to its rows, reversed once a page rather than once a row.

``reverse()`` walks the resolver each time it is called: a list that links each of its rows
to the row's page paid it for every row, a quarter of the registry's drawing at national size
(issue 13). ``path_for_id(name)`` reverses the URL once with a placeholder id and returns a
function that sets each row's id in its place; the paths are the ones reverse() gives.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import quote

from django.urls import get_script_prefix, get_urlconf, reverse

# Any id a path holds once; stands in for each row's id in the link.
PLACEHOLDER = 987654321
# The characters reverse() leaves unquoted in an argument (django.urls.resolvers).
URL_SAFE = "!$&'()*+,;=/~:@"


def path_for_id(name: str) -> Callable[[int], str]:
    """The path of URL ``name`` (whose one argument is an id) for any id."""
    head, tail = reverse(name, args=[PLACEHOLDER]).split(str(PLACEHOLDER))
    return lambda pk: f"{head}{pk}{tail}"


def path_for_text(name: str) -> Callable[[str], str]:
    """The path of URL ``name`` (whose one argument is text: a plaque number) for any text,
    quoted in its place as reverse() quotes an argument."""
    head, tail = reverse(name, args=[PLACEHOLDER]).split(str(PLACEHOLDER))
    return lambda text: f"{head}{quote(str(text), safe=URL_SAFE)}{tail}"


def path_of(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for URL ``name`` whose one argument is an id, with the
    resolver walked once per process (and script prefix and URL map) rather than once per
    call: a record's ``get_staff_url``, asked for each row of every list and card (issue 26:
    a hundred rows on the aid center's home, 20 µs each)."""
    return _path_for_id(name, get_script_prefix(), get_urlconf())(pk)


@cache
def _path_for_id(name: str, prefix: str, urlconf) -> Callable[[int], str]:
    return path_for_id(name)
