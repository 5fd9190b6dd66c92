"""Public pages kept rendered in the cache: first the page a plaque's QR code opens.

Issue 13 asks the QR code's landing page to cost under twice a trivial view. Rendering it
reads six things (the station, its closures, rating, visits, honours, last check) and draws
a template of icons; kept for ``PUBLIC_PAGE_CACHE_SECONDS`` (one minute by default), a
warm visit reads one cache entry and touches no table.

What the cached copy may not hold is what differs between visitors, so it is served only
to an anonymous visitor with no message waiting (a signed-in member of staff, or a worker
just thanked for a tap, gets a fresh page), and the one per-visitor value in the page, the
CSRF token of the "I used this station" form, is left as a marker that each answer fills
with the visitor's own token.

Changes reach the page at once: every service that changes what the page shows (a station's
status or hours, a closure, a rating, a tap, a check, an honour, a union's or host unit's
name) announces it (history.changes), and the registry's entry for this page
(stations/caches.py) drops the plaque's copy, or every plaque's at once.

In front of the shared copy (Redis in production), each web process keeps its own for
``PUBLIC_PAGE_LOCAL_SECONDS`` (two by default, the ``pages-local`` cache): at the rate a
busy plaque is scanned, the round trip to Redis was most of the page's cost. ``forget``
drops the shared copy and its own process's; another process shows a change within those
seconds (the registry states it as the local copy's lifetime).

The same copy serves other public pages that are the same for every anonymous visitor:
the quarterly rankings and their JSON (public/views/rankings.py) under a key of the
published version and the filters, so a new version is a new key, and the directory (/stations/,
every filter and page) under a key of its own version, which any change to a station or a
closure replaces (issue 26: the directory cost 24-61 times the anonymous trivial view).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from history.changes import replace_versions, versions

# Stands in for the CSRF token in the cached copy; cannot occur in a real token, which is
# made of letters and digits only.
TOKEN_MARK = "@@csrf-token@@"  # noqa: S105 (a marker, not a secret)


def _key(page: str, language: str) -> str:
    return f"public-page:{page}:{language}"


def station_page(plaque_number: str) -> str:
    """The key of a plaque's public page (its address, so every language shares it), under
    the pages' generation: a change that reaches every page (a union renamed) replaces the
    generation rather than dropping 200,000 keys."""
    return f"station:{_generation()}:{plaque_number}"


def feedback_page(plaque_number: str) -> str:
    """The key of a plaque's rating form, the page beside the station's (the same
    generation, dropped with it): what it shows of the station, its name, plaque and
    whether it takes ratings, is on the station's page too."""
    return f"{station_page(plaque_number)}/feedback"


def _local():
    return caches["pages-local"]


def versioned(key: str) -> str:
    """A version token kept in the shared cache, read through this process's short copy."""
    version = _local().get(key)
    if version is None:
        version = versions(key)[0]
        if settings.PUBLIC_PAGE_LOCAL_SECONDS > 0:
            _local().set(key, version, settings.PUBLIC_PAGE_LOCAL_SECONDS)
    return version


def replace(key: str) -> None:
    replace_versions(key)
    _local().delete(key)


PAGES_GENERATION = "public-page:station-generation"


def _generation() -> str:
    return versioned(PAGES_GENERATION)


def forget_every_page() -> None:
    """Every plaque's page at once (a union's or a host unit's name is on many)."""
    replace(PAGES_GENERATION)


def page_keys(plaque_number: str) -> list[str]:
    pages = (station_page(plaque_number), feedback_page(plaque_number))
    return [_key(page, code) for page in pages for code, _name in settings.LANGUAGES]


def forget(plaque_number: str) -> None:
    """Drop every language's cached copy of this plaque's page (history.changes calls it
    through the registry, stations/caches.py)."""
    if plaque_number:
        keys = page_keys(plaque_number)
        cache.delete_many(keys)
        _local().delete_many(keys)


def cacheable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and len(get_messages(request)) == 0
        and settings.PUBLIC_PAGE_CACHE_SECONDS > 0
    )


class _Kept:
    """A page as this process keeps it (the ``pages-local`` cache keeps it as it is, not
    pickled): its text, and its bytes split at the token's marker, so that each answer joins
    them around the visitor's token instead of replacing and encoding 20 KB (issue 26).
    ``owner`` is the id of the record it was drawn for, where the caller needs it before
    serving the copy (the rating form asks whether this phone already rated the station);
    the shared cache holds such a copy as ``(owner, text)``."""

    __slots__ = ("owner", "parts", "text")

    def __init__(self, value: str | tuple[int, str]) -> None:
        self.owner, self.text = value if isinstance(value, tuple) else (None, value)
        self.parts = tuple(part.encode() for part in self.text.split(TOKEN_MARK))


def answer(request: HttpRequest, found: _Kept) -> HttpResponse:
    """A kept copy as this visitor's answer: their own token where the marker is."""
    return HttpResponse(get_token(request).encode().join(found.parts))


def kept_copy(request: HttpRequest, page: str) -> _Kept | None:
    """The kept copy of ``page`` (a key) with its owner, for a caller that decides whether
    to serve it (``answer``), or None."""
    if not cacheable(request):
        return None
    key = _key(page, get_language())
    found = _local().get(key)
    if found is None:
        body = cache.get(key)
        if body is None:
            return None
        found = _keep_here(key, body)
    return found


def kept(request: HttpRequest, page: str) -> str | None:
    """The kept body of ``page`` (a key) as it was drawn, or None (none kept, or a visitor
    who may not be served a shared copy)."""
    found = kept_copy(request, page)
    return None if found is None else found.text


def keep(page: str, body: str, owner: int | None = None) -> None:
    """Keep ``body`` as ``page``'s copy, shared and in this process (for a visitor of whom
    ``cacheable`` says so: the caller asks). A page with a form is kept through
    ``render_and_keep``, which leaves the token's marker in it."""
    key = _key(page, get_language())
    value = body if owner is None else (owner, body)
    cache.set(key, value, settings.PUBLIC_PAGE_CACHE_SECONDS)
    _keep_here(key, value)


def served(request: HttpRequest, page: str) -> HttpResponse | None:
    """The cached copy of ``page`` (a key), with this visitor's token, or None."""
    found = kept_copy(request, page)
    return None if found is None else answer(request, found)


def _keep_here(key: str, value: str | tuple[int, str]) -> _Kept:
    found = _Kept(value)
    if settings.PUBLIC_PAGE_LOCAL_SECONDS > 0:
        _local().set(key, found, settings.PUBLIC_PAGE_LOCAL_SECONDS)
    return found


def render_and_keep(
    request: HttpRequest,
    page: str,
    render: Callable[[dict], HttpResponse],
    owner: int | None = None,
) -> HttpResponse:
    """Render the page (``render(extra_context)``); keep a copy when it may be shared."""
    if not cacheable(request):
        return render({})
    response = render({"csrf_token": TOKEN_MARK})
    body = response.content.decode()
    if response.status_code == 200:
        keep(page, body, owner)
    response.content = body.replace(TOKEN_MARK, get_token(request))
    return response


# The directory (/stations/): every page of it, with its filters, is the same for every
# anonymous visitor for a while, as the station page is. Its copies are keyed by a version
# that a change to any station or closure replaces, so one change drops them all at once;
# each process reads the version through its own two-second copy, as it does the pages.
DIRECTORY_VERSION = "public-page:directory-version"


def directory_version() -> str:
    return versioned(DIRECTORY_VERSION)


def directory_page(query: tuple, page: str) -> str:
    """The key of one directory page: the version, the filters as the directory read them
    (so that ?district=徐汇区&foo=1 and ?district=徐汇区 share a copy) and the page."""
    digest = hashlib.sha1(repr((query, page)).encode(), usedforsecurity=False).hexdigest()
    return f"directory:{directory_version()}:{digest}"


def forget_directory() -> None:
    replace(DIRECTORY_VERSION)


# A campaign's public page (/campaigns/<id>/, each district and page): the same for every
# anonymous visitor until a delivery, a campaign, a donation, a station or a closure changes
# what it lists; one version for every campaign's pages, replaced by any of those.
CAMPAIGN_VERSION = "public-page:campaign-version"


def campaign_page(pk: int, query: tuple) -> str:
    digest = hashlib.sha1(repr((pk, query)).encode(), usedforsecurity=False).hexdigest()
    return f"campaign:{versioned(CAMPAIGN_VERSION)}:{digest}"


def forget_campaign_pages() -> None:
    replace(CAMPAIGN_VERSION)
