"""A list's links to its rows, reversed once a page rather than once a row.

``reverse()`` walks the resolver each time it is called: a list that links each of its rows
to the row's page paid it for every row, a quarter of the registry's drawing at national size
(issue 13). ``path_for_id(name)`` reverses the URL once with a placeholder id and returns a
function that sets each row's id in its place; the paths are the ones reverse() gives.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse

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
