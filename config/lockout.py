"""Login lockout: by the pair (user name, address), and more loosely by the address alone.

django-axes counts failures per lockout parameter set and compares the largest count with a
single limit, so it cannot lock the pair at 5 and the address at 30 by configuration alone.
Axes locks the pair (``AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]``); this
handler, axes' documented extension point (``AXES_HANDLER``), adds the per-address limit
over the same ``AccessAttempt`` rows, so both limits share one record, one cool-off, one
lockout page and one ``user_locked_out`` signal.

Why not lock by user name or address alone at 5: anyone could then lock any named account
for the cool-off from anywhere, and one office behind a single address would be locked out
by a few colleagues' typos.
"""

from __future__ import annotations

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum


def client_ip(request) -> str | None:
    """The client's address, as seen by the outermost of our own reverse proxies.

    Behind nginx every request's REMOTE_ADDR is the proxy: a per-address limit would then
    lock the whole site. Each trusted proxy appends the address it received the request
    from to X-Forwarded-For, so with N trusted proxies the client is the N-th entry from the
    right; anything further left was written by the client and is not believed.
    """
    remote = request.META.get("REMOTE_ADDR")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class PairAndAddressLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler plus ``LOGIN_FAILURE_LIMIT_PER_ADDRESS`` for an address."""

    def address_failures(self, request) -> int:
        """Failed logins from this address, for any user name, within the cool-off."""
        rows = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        return rows.aggregate(n=Sum("failures_since_start"))["n"] or 0

    def address_locked(self, request) -> bool:
        return self.address_failures(request) >= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return settings.AXES_LOCK_OUT_AT_FAILURE and self.address_locked(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if not settings.AXES_LOCK_OUT_AT_FAILURE or self.is_whitelisted(request, credentials):
            return
        if self.address_locked(request):
            # The same flags the pair lockout sets: AxesMiddleware answers with the lockout
            # page, and unions.auth_events records a LOCKED_OUT event.
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )
