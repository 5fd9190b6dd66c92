"""A phone forgets a staff member's pages when their login ends (issue 27).

The inspection pages' service worker keeps the today page (the inspector's name, the
unannounced quarter's plan) and the day's data (stations, a CSRF token) for working without
signal; ``Cache-Control: no-store`` does not bind the Cache API. So:

- Logging out answers ``Clear-Site-Data: "cache", "storage"``: the browser drops the HTTP
  cache, Cache Storage, IndexedDB (the outbox: the logout button warns first when it holds
  unsent checks) and the service workers.
- A login that ended otherwise (idle or absolute timeout, the browser closed, the account
  disabled) is seen at the next visit by a marker cookie the staff member's responses set:
  that visit's answer carries ``Clear-Site-Data: "cache"``. Not "storage": the outbox's
  unsent checks survive a timeout ("log in again; the waiting checks stay on this phone").
- Both also set ``relay_forget``, a cookie scripts may read: static/js/offline.js then drops
  the inspection worker's caches and any kept /staff/ page and unregisters the worker, for
  browsers that ignore the header and for the Cache Storage that "cache" does not cover.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views

MARKER = "relay_staff"
FORGET = "relay_forget"
MARKER_SECONDS = 90 * 24 * 3600  # outlives the session: it must be there after it ended
FORGET_SECONDS = 24 * 3600
ON_LOGOUT = '"cache", "storage"'
ON_SESSION_END = '"cache"'


def _forget(response, header: str) -> None:
    response.setdefault("Clear-Site-Data", header)
    response.delete_cookie(MARKER, samesite="Lax")
    response.set_cookie(
        FORGET,
        "1",
        max_age=FORGET_SECONDS,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,  # read by static/js/offline.js, which deletes it when done
    )


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        _forget(response, ON_LOGOUT)
        return response


class StaffTracesMiddleware:
    """After the session middlewares, so that an ended session reads as signed out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if not request.COOKIES.get(MARKER):
                response.set_cookie(
                    MARKER,
                    "1",
                    max_age=MARKER_SECONDS,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                )
        elif request.COOKIES.get(MARKER):
            _forget(response, ON_SESSION_END)
        return response
