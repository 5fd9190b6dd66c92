"""Reading a staff page as a user, for the tests that look into its HTML."""

from __future__ import annotations


def page_as(client, user, path: str) -> str:
    """The page at ``path`` as ``user`` sees it; it must answer 200."""
    client.force_login(user)
    answer = client.get(path)
    assert answer.status_code == 200
    return answer.content.decode()
