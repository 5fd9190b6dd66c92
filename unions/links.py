"""A list's links to its rows, reversed once a page rather than once a row.

``reverse()`` walks the resolver each time it is called: a list that links each of its rows
to the row's page paid it for every row, a quarter of the registry's drawing at national size
(issue 13). ``path_for_id(name)`` reverses the URL once with a placeholder id and returns a
function that sets each row's id in its place; the paths are the ones reverse() gives.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

# Any id a path holds once; stands in for each row's id in the link.
PLACEHOLDER = 987654321


def path_for_id(name: str) -> Callable[[int], str]:
    """The path of URL ``name`` (whose one argument is an id) for any id."""
    head, tail = reverse(name, args=[PLACEHOLDER]).split(str(PLACEHOLDER))
    return lambda pk: f"{head}{pk}{tail}"
